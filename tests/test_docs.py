"""Docs that cannot drift: the input format doc is generated, the README names every command."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chinaets.cli.main import COMMANDS, app
from chinaets.inputs.docs import format_markdown
from chinaets.mrv.sectors import sectors

ROOT = Path(__file__).resolve().parents[1]


def test_input_format_docs_are_generated_from_the_schema() -> None:
    for name, sector in sectors().items():
        doc = ROOT / "docs" / f"{name}-input.md"
        assert doc.read_text(encoding="utf-8") == format_markdown(sector) + "\n", (
            f"{doc} is stale: run `chinaets schema {name} --markdown > {doc.relative_to(ROOT)}`"
        )


def test_readme_tours_every_top_level_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in COMMANDS if f"chinaets {name}" not in readme]
    assert not missing, f"README does not mention: {missing}"


def test_readme_starts_with_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.index("## Set-up")
    assert readme.index("make demo", setup) < readme.index("make test", setup)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _tour_commands() -> list[str]:
    """The README tour's commands that run on the shipped examples (no demo data needed)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tour = readme[readme.index("## A short tour") : readme.index("`chinaets demo` builds")]
    lines = [line.split("  #")[0].strip() for line in tour.splitlines()]
    return [line for line in lines if line.startswith("chinaets ") and "examples/" in line]


@pytest.mark.parametrize("command", _tour_commands())
def test_readme_tour_commands_run_on_the_examples(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # outputs such as tables.xlsx land in a scratch folder
    args = [a.replace("examples/", f"{ROOT / 'examples'}/") for a in shlex.split(command)[1:]]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, f"{command}\n{result.output}"


def test_the_tour_covers_the_examples() -> None:
    used = " ".join(_tour_commands())
    missing = [p.name for p in (ROOT / "examples").glob("*.json") if p.name not in used]
    assert not missing, f"examples not shown in the README tour: {missing}"
