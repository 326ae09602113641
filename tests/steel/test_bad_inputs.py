"""The steel bad-input corpus: every broken file is refused with a located, bilingual error and
a fix, by the CLI (exit 2, nothing written) and by the library (the exact `Location`).

The corpus is `bad_inputs/`, written by `bad_inputs/make_corpus.py` from `good_report.json` and
described file by file in `bad_inputs/expected.yaml`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.core.errors import InputError, Location
from chinaets.mrv.steel.loader import load_report

CORPUS = Path(__file__).parent / "bad_inputs"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)
NOT_INPUTS = {"expected.yaml", "make_corpus.py", "__pycache__"}
runner = CliRunner()


def test_corpus_and_manifest_agree() -> None:
    on_disk = {p.name for p in CORPUS.iterdir()} - NOT_INPUTS
    assert on_disk == set(EXPECTED)
    assert len(on_disk) >= 10


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_refuses_with_place_and_fix_and_writes_nothing(name: str, tmp_path: Path) -> None:
    spec = EXPECTED[name]
    out = tmp_path / "out.xlsx"
    result = runner.invoke(
        app, ["account", str(CORPUS / name), "--sector", "steel", "--out", str(out)]
    )
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    message = result.stderr
    assert Location(**spec["where"]).describe() + ":" in message
    for key in ("en", "zh", "fix_en", "fix_zh"):
        for fragment in spec[key]:
            assert str(fragment) in message, f"{key} lacks {fragment!r}:\n{message}"
    assert "Fix: " in message and "修改方法：" in message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_library_locates_exactly(name: str) -> None:
    spec = EXPECTED[name]
    with pytest.raises(InputError) as caught:
        load_report(CORPUS / name)
    assert len(caught.value.problems) == 1, caught.value.render()
    problem = caught.value.problems[0]
    assert problem.where == Location(**spec["where"])
    for key in ("en", "zh", "fix_en", "fix_zh"):
        text = getattr(problem, key)
        assert text, f"{key} is empty"
        for fragment in spec[key]:
            assert str(fragment) in text, f"{key} lacks {fragment!r}: {text!r}"
