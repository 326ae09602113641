"""The data dictionary page is generated and current."""

from __future__ import annotations

import os
from pathlib import Path

from chinaets.national.readmodel import TABLES, markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "read-model.md"


def test_read_model_page_is_current() -> None:
    if os.environ.get("CHINAETS_WRITE_DOCS"):
        DOC.write_text(markdown() + "\n", encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == markdown() + "\n", (
        "docs/read-model.md is stale: run CHINAETS_WRITE_DOCS=1 pytest tests/readmodel"
    )


def test_every_column_is_explained_in_both_languages() -> None:
    for table in TABLES.values():
        assert table.en and table.zh and table.partition in ((), ("year", "sector"))
        for column in table.columns:
            assert column.en and column.zh, f"{table.name}.{column.name}"
