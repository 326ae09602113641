"""Writing result tables as JSON, Excel or a folder of CSV files, all or nothing.

The whole output is produced in a temporary path beside the target and moved into place only
when complete, so a failure never leaves a half-written file.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from chinaets.core.cells import neutralise_rows
from chinaets.core.numbers import exact_values
from chinaets.inputs.excel import write_tables

Tables = Mapping[str, list[dict[str, Any]]]


def write_output(
    tables: Tables,
    out: Path,
    labels: Mapping[str, str] | None = None,
    cover: Mapping[str, Any] | None = None,
) -> Path:
    """Write `tables` to `out`: ``.json``, ``.xlsx``, or otherwise a folder of ``.csv`` files.
    `labels` (column key → Chinese label) heads the Excel sheets; `cover` (what the tables
    are: entity, year, sector, source file) is the workbook's first sheet."""
    out.parent.mkdir(parents=True, exist_ok=True)
    suffix = out.suffix.lower()
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".chinaets-") as tmp:
        staged = Path(tmp) / "out"
        if suffix == ".json":
            staged.write_text(
                json.dumps(exact_values(tables), ensure_ascii=False, indent=2, default=str),
                encoding="utf-8",
            )
        elif suffix == ".xlsx":
            write_tables(staged, tables, labels or {}, cover)
        else:
            staged.mkdir()
            for name, rows in tables.items():
                _write_csv(staged / f"{name}.csv", rows)
        if out.is_dir() and not staged.is_dir():
            raise IsADirectoryError(f"{out} is a folder; give a file name ending .json or .xlsx")
        if out.exists() and staged.is_dir():
            shutil.rmtree(out)
        os.replace(staged, out)
    return out


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        if not rows:
            return
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(neutralise_rows(exact_values(rows)))
