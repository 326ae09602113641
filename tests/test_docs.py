"""Docs that cannot drift: the input format doc is generated, the README names every command."""

from __future__ import annotations

from pathlib import Path

from tests.test_readme_tour import tour_lines

from chinaets.cli.main import COMMANDS
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


def test_the_tour_covers_the_examples() -> None:
    used = " ".join(tour_lines())
    missing = [p.name for p in (ROOT / "examples").glob("*.json") if p.name not in used]
    assert not missing, f"examples not shown in the README tour: {missing}"
