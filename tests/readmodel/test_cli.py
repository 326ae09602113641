"""`chinaets readmodel`: build from report files of any sector, totals, listings, dictionary."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from chinaets.cli.main import app

from .conftest import EXAMPLES, FILES


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["readmodel", *args])
    return result.exit_code, result.output


def test_build_then_read_every_sector(tmp_path: Path) -> None:
    files = [str(EXAMPLES / f) for f in FILES.values()]
    code, _ = _run("build", *files, "--out", str(tmp_path))
    assert code == 0
    code, out = _run("totals", "--data", str(tmp_path), "--json")
    assert code == 0 and {r["key"] for r in json.loads(out)} == set(FILES)
    code, out = _run("list", "units", "--data", str(tmp_path), "--sort", "emissions_t", "--desc",
                     "--per-page", "2", "--page", "2", "--json")  # fmt: skip
    page = json.loads(out)
    assert code == 0 and page["total"] == 5 and page["pages"] == 3 and len(page["rows"]) == 2
    code, out = _run("list", "entities", "--data", str(tmp_path), "--where", "province=Hebei", "--json")  # fmt: skip
    assert [r["sector"] for r in json.loads(out)["rows"]] == ["steel"]


def test_bad_requests_say_what_and_how(tmp_path: Path) -> None:
    code, out = _run("list", "units", "--data", str(tmp_path))
    assert code == 2 and "no read model here" in out and "此处没有分析数据模型" in out
    _run("build", str(EXAMPLES / FILES["cement"]), "--out", str(tmp_path))
    code, out = _run("list", "units", "--data", str(tmp_path), "--where", "nope=1")
    assert code == 2 and "has no column 'nope'" in out and "没有列" in out
    code, out = _run("list", "nowhere", "--data", str(tmp_path))
    assert code == 2 and "no table 'nowhere'" in out
    code, out = _run("totals", "--data", str(tmp_path), "--by", "colour")
    assert code == 2 and "cannot total by" in out
    code, out = _run("build", str(tmp_path / "missing.json"), "--out", str(tmp_path / "x"))
    assert code == 2 and not (tmp_path / "x").exists()


def test_dictionary_markdown_is_the_docs_page() -> None:
    code, out = _run("dictionary", "--markdown")
    doc = Path(__file__).resolve().parents[2] / "docs" / "read-model.md"
    assert code == 0 and out == doc.read_text(encoding="utf-8")
