"""Ingest HJ 212-2017 packet files and tabular exports into the readings table.

A readings row is one factor of one device in one period (hour or minute): the period average in
the factor's canonical unit (``factors.yaml``), its HJ 212 flag and its basis, with the unit and
province from the monitoring configuration. Parsing runs as SQL over the whole file and the CRC
as one vectorised pass (`crc`); no Python runs per packet. Every packet not stored is counted
with its line and reason in the `IngestReport` — nothing is dropped silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from chinaets.analytics.engine import DuckDBEngine
from chinaets.cems import crc
from chinaets.cems.rules import HJ212_FLAGS, legacy_codes, mark_codes
from chinaets.cems.sql import query
from chinaets.core.errors import InputError, Location

QUANTITIES = ("co2", "o2", "flow", "temp", "press", "moist")
READINGS_SCHEMA = pa.schema(
    [
        ("unit_id", pa.string()),
        ("province", pa.string()),
        ("mn", pa.string()),
        ("ts", pa.timestamp("us")),
        ("period", pa.string()),
        *[f for q in QUANTITIES for f in ((q, pa.float64()), (f"{q}_flag", pa.string()))],
        ("mark", pa.string()),
        ("source", pa.string()),
        ("line", pa.int64()),
    ]
)
MESSAGES = {
    "PACKET_FORMAT": ("not an HJ 212 packet (## + 4-digit length + segment + 4-hex CRC)", "不是 HJ 212 数据包（## + 4位长度 + 数据段 + 4位CRC）"),
    "PACKET_LENGTH": ("declared length differs from the data segment", "数据段长度与声明不符"),
    "PACKET_CRC": ("CRC check failed", "CRC 校验失败"),
    "PACKET_NOT_DATA": ("not minute (2051) or hour (2061) data: not stored", "非分钟（2051）或小时（2061）数据，未入库"),
    "PACKET_SPLIT": ("split packet (PNUM/PNO) not supported", "不支持拆分包（PNUM/PNO）"),
    "PACKET_DEVICE": ("device (MN) not in the monitoring configuration", "设备编号（MN）不在监测配置中"),
    "PACKET_TIME": ("DataTime missing or not a valid YYYYMMDDhhmmss", "DataTime 缺失或格式错误"),
    "ITEM_VALUE": ("a factor's Avg is not a number", "因子均值不是数字"),
    "ITEM_FLAG": ("a factor's Flag is not one of N F M S D C T B", "因子数据标记不是 N F M S D C T B 之一"),
    "ROW_PERIOD": ("period is not hour or minute", "时段类型不是 hour 或 minute"),
    "ITEM_MARK": ("operating-condition mark not known: the data are kept without it", "工况标记无法识别：数据保留，标记未入库"),
}  # fmt: skip
BAD_INPUT = frozenset(MESSAGES) - {"PACKET_NOT_DATA"}


@dataclass(frozen=True)
class BadLine:
    source: str
    line: int
    code: str

    def as_dict(self) -> dict[str, Any]:
        en, zh = MESSAGES[self.code]
        return {"source": self.source, "line": self.line, "code": self.code, "en": en, "zh": zh}


@dataclass
class IngestReport:
    """What one ingest read, stored and refused."""

    packets: int = 0
    rows: int = 0
    undeclared_items: int = 0
    bad: list[BadLine] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(b.code for b in self.bad).items()))

    def as_dict(self, limit: int = 100) -> dict[str, Any]:
        return {
            "packets": self.packets,
            "rows": self.rows,
            "undeclared_items": self.undeclared_items,
            "bad_packets": sum(1 for b in self.bad if b.code in BAD_INPUT),
            "by_reason": self.counts(),
            "lines": [b.as_dict() for b in self.bad[:limit]],
        }

    def add(self, other: IngestReport) -> None:
        self.packets += other.packets
        self.rows += other.rows
        self.undeclared_items += other.undeclared_items
        self.bad += other.bad


def read_packets(path: Path, devices: pa.Table) -> tuple[pa.Table, IngestReport]:
    """Readings of one packet file (one packet a line) and the report of what was refused."""
    lines = _lines(path)
    segments = pc.utf8_slice_codeunits(lines.column("raw"), 6, -4)
    received = pc.utf8_slice_codeunits(lines.column("raw"), -4)
    crc_ok = pa.array(crc.crc16(segments).astype("int32") == crc.hex4(received))
    packets = lines.append_column("crc_ok", crc_ok)
    engine = DuckDBEngine()
    try:
        engine.register_arrow("packets", packets)
        engine.register_arrow("devices", devices)
        engine.register_arrow("legacy", _legacy_table())
        engine.register_arrow("mark_codes", mark_table())
        parsed = engine.query(query("parse_packets"))
        report = IngestReport(packets=len(packets))
        report.bad += _bad(parsed, path.name)
        good = parsed.filter(pc.is_null(parsed.column("problem")))
        engine.register_arrow("good", good)
        items = engine.query(query("packet_items"))
    finally:
        engine.close()
    readings, item_bad, undeclared = _checked_items(items, path.name)
    report.bad += item_bad
    report.undeclared_items = undeclared
    report.rows = len(readings)
    return readings, report


def _lines(path: Path) -> pa.Table:
    read = pacsv.ReadOptions(column_names=["raw"], block_size=1 << 24)
    parse = pacsv.ParseOptions(delimiter="\x01", quote_char=False, ignore_empty_lines=False)
    convert = pacsv.ConvertOptions(column_types={"raw": pa.string()}, strings_can_be_null=False)
    try:
        table = pacsv.read_csv(
            path, read_options=read, parse_options=parse, convert_options=convert
        )
    except pa.ArrowInvalid as exc:
        raise InputError.one(
            Location(file=path.name),
            f"not HJ 212 packet text: {exc}",
            f"不是 HJ 212 数据包文本：{exc}",
            "send the packets as UTF-8 text, one packet a line",
            "请以 UTF-8 文本发送数据包，每行一个",
        ) from exc
    raw = pc.utf8_rtrim(table.column("raw"), characters="\r\n ")
    line = pa.array(range(1, len(table) + 1), pa.int64())
    keep = pc.not_equal(raw, "")
    return pa.table({"line": line, "raw": raw}).filter(keep)


def _legacy_table() -> pa.Table:
    pairs = legacy_codes()
    return pa.table({"legacy": list(pairs), "code": list(pairs.values())})


def mark_table() -> pa.Table:
    pairs = mark_codes()
    return pa.table({"sent": list(pairs), "mark": list(pairs.values())})


def _bad(parsed: pa.Table, source: str) -> list[BadLine]:
    refused = parsed.filter(pc.is_valid(parsed.column("problem")))
    return [
        BadLine(source, line, code)
        for line, code in zip(
            refused.column("line").to_pylist(), refused.column("problem").to_pylist(), strict=True
        )
    ]


def _checked_items(items: pa.Table, source: str) -> tuple[pa.Table, list[BadLine], int]:
    mark_only = items.column("mark_only")
    declared = pc.or_(pc.is_valid(items.column("quantity")), mark_only)
    undeclared = len(items) - pc.sum(declared.cast(pa.int64())).as_py()
    items = items.filter(declared)
    mark_only = items.column("mark_only")
    bad_value = pc.and_(pc.is_null(items.column("value")), pc.invert(mark_only))
    bad_flag = pc.invert(pc.is_in(items.column("flag"), value_set=pa.array(list(HJ212_FLAGS))))
    bad_mark = pc.and_(pc.is_valid(items.column("mark_text")), pc.is_null(items.column("mark")))
    bad: list[BadLine] = []
    for mask, code in ((bad_value, "ITEM_VALUE"), (bad_flag, "ITEM_FLAG"), (bad_mark, "ITEM_MARK")):
        lines = pc.unique(items.filter(mask).column("line")).to_pylist()
        bad += [BadLine(source, line, code) for line in sorted(lines)]
    engine = DuckDBEngine()
    try:
        engine.register_arrow("items", items.filter(pc.invert(pc.or_(bad_value, bad_flag))))
        wide = engine.query(query("pivot_readings"), {"source": source})
    finally:
        engine.close()
    return wide.cast(READINGS_SCHEMA), bad, undeclared
