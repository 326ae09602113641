"""Docs that cannot drift: the input format doc is generated, the README names every command."""

from __future__ import annotations

from pathlib import Path

import typer.main

from chinaets.cli.main import app
from chinaets.mrv.docs import format_markdown
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
    group = typer.main.get_group(app)
    missing = [name for name in group.commands if f"chinaets {name}" not in readme]
    assert not missing, f"README does not mention: {missing}"


def test_readme_starts_with_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.index("## Set-up")
    assert readme.index("make demo", setup) < readme.index("make test", setup)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
