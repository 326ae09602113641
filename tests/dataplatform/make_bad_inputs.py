"""Writes the hostile and broken files of `bad_inputs/` (run once; the files are committed).

python tests/dataplatform/make_bad_inputs.py
"""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

HERE = Path(__file__).parent / "bad_inputs"
GOOD = json.loads((Path(__file__).parents[1] / "power" / "good_report.json").read_text("utf-8"))
DEPOSIT_HEAD = {
    "sector": "power",
    "credit_code": GOOD["entity"]["credit_code"],
    "name": GOOD["entity"]["name"],
    "province": GOOD["entity"]["province"],
    "year": 2025,
    "month": 3,
}


def main() -> None:
    HERE.mkdir(exist_ok=True)
    (HERE / "broken.json").write_text('{"year": 2023, "entity": ', encoding="utf-8")
    (HERE / "program.exe").write_bytes(b"MZ\x90\x00\x03 not a report")
    (HERE / "notes.txt").write_text("not a report", encoding="utf-8")
    with zipfile.ZipFile(HERE / "traversal.zip", "w") as archive:
        archive.writestr("../../escaped.json", json.dumps(GOOD))
    with zipfile.ZipFile(HERE / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("report.json", b" " * (8 * 1024 * 1024))
    with zipfile.ZipFile(HERE / "link.zip", "w") as archive:
        info = zipfile.ZipInfo("report.json")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    (HERE / "not_a.zip").write_bytes(b"PK\x03\x04 truncated")
    _deposit("deposit_missing_evidence", ["lab-2025-03.pdf"], {})
    _deposit("deposit_fake_pdf", ["lab-2025-03.pdf"], {"lab-2025-03.pdf": b"MZ executable"})
    _deposit("deposit_wrong_month", [], {}, month_of_rows=4)


def _deposit(
    folder: str, evidence: list[str], files: dict[str, bytes], month_of_rows: int = 3
) -> None:
    target = HERE / folder
    target.mkdir(exist_ok=True)
    rows = [dict(r, month=month_of_rows) for r in GOOD["fuel_use"][:1]]
    document = {"deposit": dict(DEPOSIT_HEAD, evidence=evidence), "fuel_use": rows}
    (target / "deposit.json").write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    for name, data in files.items():
        (target / name).write_bytes(data)


if __name__ == "__main__":
    main()
