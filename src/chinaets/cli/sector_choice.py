"""The sector a command is for, as a CLI parameter, and `chinaets sectors`: the choices are
the sectors discovered when the command runs (the package's and those of
``CHINAETS_SECTOR_PATH``), never a fixed list."""

from __future__ import annotations

from typing import Any

import typer

from chinaets.cli import render
from chinaets.cli.common import print_json
from chinaets.mrv.sectors import sectors


def register(app: typer.Typer) -> None:
    app.command("sectors")(list_sectors)


def _parser(extra: tuple[str, ...]) -> Any:
    def parse(value: str) -> str:
        text = value.strip()
        choices = [*sectors(), *extra]
        if text not in choices:
            labels = [f"{s.zh}（{name}）" for name, s in sectors().items()] + list(extra)
            raise typer.BadParameter(
                f"unknown sector '{text}'; use one of: {', '.join(choices)} / "
                f"未知行业 '{text}'，请使用：{'、'.join(labels)}"
            )
        return text

    return parse


def _complete(extra: tuple[str, ...]) -> Any:
    def complete(incomplete: str) -> list[str]:
        return [c for c in [*sectors(), *extra] if c.startswith(incomplete)]

    return complete


def sector_option() -> Any:
    """``--sector/-s``: the input's sector, when the file does not say."""
    return typer.Option(
        None, "--sector", "-s", parser=_parser(()), autocompletion=_complete(()), metavar="SECTOR",
        help="sector of the input (default: as the file says; `chinaets sectors` lists them) / "
        "行业（默认按文件所写；`chinaets sectors` 列出全部）",
    )  # fmt: skip


def sector_argument(extra: tuple[str, ...] = ()) -> Any:
    """A sector named on the command line (default: the first sector listed)."""
    also = f" or {', '.join(extra)}" if extra else ""
    return typer.Argument(
        None, parser=_parser(extra), autocompletion=_complete(extra), metavar="SECTOR",
        show_default=False,
        help=f"a sector (`chinaets sectors` lists them){also}; default: the first listed / 行业",
    )  # fmt: skip


def list_sectors(as_json: bool = typer.Option(False, "--json")) -> None:
    """The sectors this installation knows (with out-of-tree ones) / 已知行业."""
    rows = [
        {"sector": name, "zh": s.zh, "status": s.status, "allocation": s.allocation or ""}
        for name, s in sectors().items()
    ]
    if as_json:
        print_json(rows)
        return
    shown = [{"code": r["sector"], "sector": r["zh"], "status": r["status"],
              "allocation_method": r["allocation"] or None} for r in rows]  # fmt: skip
    render.listing(render.heading("sectors", "行业"), shown)
