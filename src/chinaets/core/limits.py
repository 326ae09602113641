"""Size and shape limits for everything read from outside: REST bodies, uploads, CLI files.

One place for the numbers, so every shell and every reader refuses the same things early, with
a located bilingual message, before anything big is parsed or stored. They are system limits
(what one request or file may cost the server), not regulatory values.

- `check_size(n, where)`: bytes of a body or file;
- `load_json(text, where)`: JSON with duplicate keys refused, nesting depth and number digits
  capped, numbers as `int`/`Decimal` (never float, never `inf`/`nan`), no NUL characters;
- `check_text(value, where)`: a text value without NUL or control characters, not too long;
- `check_rows(n, where)` / `check_cells(n, where)`: rows and cells of a table.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from chinaets.core.errors import InputError, Location

MAX_BODY_BYTES = 1_000_000  # one REST request body
MAX_FILE_BYTES = 50_000_000  # one input file (workbook, CSV, JSON, YAML)
MAX_ROWS = 200_000  # rows of one table in a file
MAX_CELLS = 5_000_000  # cells of one workbook
MAX_DEPTH = 32  # nesting of JSON/YAML objects and arrays
MAX_DIGITS = 30  # digits of one number (integer part plus decimals)
MAX_TEXT = 10_000  # characters of one text value
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _refuse(where: Location, en: str, zh: str, fix_en: str, fix_zh: str) -> InputError:
    return InputError.one(where, en, zh, fix_en, fix_zh)


def check_size(size: int, where: Location, limit: int = MAX_FILE_BYTES) -> None:
    if size > limit:
        raise _refuse(
            where,
            f"{size:,} bytes is more than the {limit:,} bytes accepted",
            f"大小 {size:,} 字节，超过上限 {limit:,} 字节",
            "split the input into smaller parts",
            "请拆分为较小的文件或请求",
        )


def check_rows(rows: int, where: Location, limit: int = MAX_ROWS) -> None:
    if rows > limit:
        raise _refuse(
            where,
            f"more than {limit:,} rows",
            f"行数超过上限 {limit:,}",
            "split the table into several files",
            "请将表格拆分为多个文件",
        )


def check_cells(cells: int, where: Location, limit: int = MAX_CELLS) -> None:
    if cells > limit:
        raise _refuse(
            where,
            f"more than {limit:,} cells",
            f"单元格数超过上限 {limit:,}",
            "remove unused sheets, rows and columns",
            "请删除未使用的工作表、行和列",
        )


def check_text(value: str, where: Location, limit: int = MAX_TEXT) -> str:
    """The text itself, if it has no NUL/control characters and is not too long."""
    if len(value) > limit:
        raise _refuse(
            where,
            f"text of {len(value):,} characters is longer than {limit:,}",
            f"文本长度 {len(value):,} 个字符，超过上限 {limit:,}",
            "shorten the text",
            "请缩短文本",
        )
    if CONTROL.search(value):
        raise _refuse(
            where,
            "text contains NUL or control characters",
            "文本含有空字符或控制字符",
            "remove the control characters (copy the text from a plain editor)",
            "请删除控制字符（可从纯文本编辑器复制）",
        )
    return value


def number(text: str, where: Location) -> Decimal:
    """A decimal number of at most MAX_DIGITS digits (no exponent tricks, no inf/nan)."""
    digits = sum(ch.isdigit() for ch in text)
    try:
        value = Decimal(text) if digits <= MAX_DIGITS else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or abs(value.adjusted()) > MAX_DIGITS:
        raise _refuse(
            where,
            f"'{text[:40]}' is not a number of at most {MAX_DIGITS} digits",
            f"'{text[:40]}' 不是不超过 {MAX_DIGITS} 位的数字",
            "write the number in plain digits, e.g. 1234.56",
            "请用普通数字书写，例如 1234.56",
        )
    return value


def load_json(
    text: str | bytes, where: Location, limit: int = MAX_FILE_BYTES, exact: bool = True
) -> Any:
    """Parse JSON within the limits; every violation is an `InputError` located at `where`.
    Decimals come back as `Decimal` (`exact`), else as float after the same digit check."""
    check_size(len(text), where, limit)
    if isinstance(text, bytes):
        text = decode(text, where)
    depth_of(text, where)
    try:
        data = json.loads(
            text,
            object_pairs_hook=lambda pairs: _unique(pairs, where),
            parse_int=lambda s: int(number(s, where)),
            parse_float=(lambda s: number(s, where))
            if exact
            else (lambda s: float(number(s, where))),
            parse_constant=lambda s: number(s, where),
        )
    except json.JSONDecodeError as exc:
        raise _refuse(
            Location(where.file, where.sheet, exc.lineno, where.field),
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列",
            "fix the JSON syntax (a validator or `python -m json.tool FILE` shows where)",
            "请修正 JSON 语法",
        ) from None
    _texts(data, where)
    return data


def decode(raw: bytes, where: Location) -> str:
    """UTF-8 text (a BOM is allowed); GBK, UTF-16 and binary files are refused with a fix."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise not_utf8(where) from None


def not_utf8(where: Location) -> InputError:
    return _refuse(
        where,
        "the file is not UTF-8 text (GBK, UTF-16 or binary?)",
        "文件不是 UTF-8 文本（可能是 GBK、UTF-16 或二进制文件）",
        "save it as UTF-8 (in Excel: Save As → CSV UTF-8)",
        "请另存为 UTF-8 编码（Excel：另存为 → CSV UTF-8）",
    )


def depth_of(text: str, where: Location, limit: int = MAX_DEPTH) -> int:
    """The deepest nesting of brackets outside strings; refused beyond `limit` before parsing."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            escaped, in_string = (False, True) if escaped else (ch == "\\", ch != '"')
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if depth > limit:
                raise _refuse(
                    where,
                    f"nested more than {limit} levels deep",
                    f"嵌套层数超过 {limit} 层",
                    "flatten the structure",
                    "请减少嵌套层数",
                )
        elif ch in "]}":
            depth -= 1
    return deepest


def _unique(pairs: list[tuple[str, Any]], where: Location) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _refuse(
                Location(where.file, where.sheet, where.row, key),
                f"key '{key[:60]}' appears twice in one object",
                f"同一对象中键 '{key[:60]}' 出现两次",
                "keep one of the two values",
                "请只保留其中一个值",
            )
        out[key] = value
    return out


def _texts(data: Any, where: Location) -> None:
    if isinstance(data, str):
        check_text(data, where)
    elif isinstance(data, dict):
        for key, value in data.items():
            check_text(key, where)
            _texts(value, Location(where.file, where.sheet, where.row, str(key)[:60]))
    elif isinstance(data, list):
        for value in data:
            _texts(value, where)
