"""`chinaets demo`: the whole market on the embedded national data set (steps in
`chinaets.demo.steps`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from chinaets.cli import render
from chinaets.demo.power_fleet import DEFAULT_SEED
from chinaets.demo.run import DemoRun
from chinaets.demo.steps import run_demo


def demo(
    year: Annotated[
        int,
        typer.Option(
            min=2019,
            max=2030,
            help="Data year of the synthetic national data set (2025: the first year in which "
            "allocation, trading and post-relaunch CCER offsetting all apply).",
        ),
    ] = 2025,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic monthly data.")] = DEFAULT_SEED,
    out: Annotated[
        Path,
        typer.Option(
            help="Folder for the submitted files, the store and registry database, the read "
            "model (Parquet) and examples."
        ),
    ] = Path("chinaets-demo"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            help="A smaller market: the first N plants of each sector, e.g. 100 / 缩小规模"
        ),
    ] = None,
) -> None:
    """Run the market on a realistic national power sector built from GEM's plant tracker."""
    run = DemoRun(
        year=year,
        seed=seed,
        out=out,
        limit=limit,
        as_json=as_json,
        console=Console(),
        progress_console=Console(stderr=True),
        lang=render.lang(),
    )
    run_demo(run)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
