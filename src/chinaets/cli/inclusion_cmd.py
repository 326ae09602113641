"""`chinaets inclusion FILE…`: the inclusion test for the national list over reports of any
sector — listed (trading), must report (reporting, not yet trading) or neither, and why."""

from __future__ import annotations

from pathlib import Path

import typer

from chinaets.cli import render
from chinaets.cli.common import print_json, user_errors
from chinaets.core.errors import InputError, Location
from chinaets.mrv.inclusion.listing import CaptivePlant, Decision, decide
from chinaets.mrv.sectors import Summary, detect_sector, get_sector

_LIST = {
    "national_ets": ("national list", "全国碳市场名录"),
    "reporting": ("reporting, not yet trading", "报告行业，尚未纳入交易"),
    "none": ("not listed", "不纳入"),
}


def register(app: typer.Typer) -> None:
    app.command("inclusion")(inclusion)


def inclusion(
    files: list[Path] = typer.Argument(
        ..., help="report inputs of any sectors (.json, .xlsx, CSV folder)"
    ),
    year: int = typer.Option(
        2025, "--year", "-y", help="data year the list is drawn from / 数据年度"
    ),
    captive: list[str] = typer.Option(
        [],
        "--captive",
        help="PLANT_CODE:HOST_CODE — a captive plant burning its host's secondary energy / 自备电厂:主体企业",
    ),
    as_json: bool = typer.Option(False, "--json", help="print the decisions as JSON"),
) -> None:
    """Who is listed, who must report, and where captive plants go / 重点排放单位名录纳入判定."""
    with user_errors(as_json):
        summaries = [_summary(path, year) for path in files]
        decisions = decide(summaries, year, [_link(text) for text in captive])
    if as_json:
        print_json([{"credit_code": d.credit_code, **d.as_dict()} for d in decisions])
        return
    _print(decisions, year)


def _summary(path: Path, year: int) -> Summary:
    spec = get_sector(detect_sector(path))
    if spec.summary is None:
        raise InputError.one(
            Location(str(path)), f"sector {spec.name} gives no platform summary yet",
            f"{spec.zh}行业尚未提供汇总视图", "run the inclusion test on the sectors that do",
            "请仅对已提供汇总视图的行业运行名录判定",
        )  # fmt: skip
    return spec.summary(spec.account(spec.load(path, year)))


def _link(text: str) -> CaptivePlant:
    plant, _, host = text.partition(":")
    if not plant or not host:
        raise InputError.one(
            Location(field="--captive"), f"'{text}' is not PLANT_CODE:HOST_CODE",
            f"'{text}' 格式应为 自备电厂代码:主体企业代码",
            "give the two unified social credit codes separated by a colon",
            "请填写以冒号分隔的两个统一社会信用代码",
        )  # fmt: skip
    return CaptivePlant(plant.strip(), host.strip(), True)


def _print(decisions: list[Decision], year: int) -> None:
    rows = [{"name": d.name, "credit_code": d.credit_code, "sector": get_sector(d.listed_sector).zh
             if render.lang() == "zh" else d.listed_sector,
             "list": render.heading(*_LIST[d.list]), "near_threshold": d.near_threshold,
             "why": d.en, "why_zh": d.zh} for d in decisions]  # fmt: skip
    title = render.heading(f"inclusion, data year {year}", f"名录纳入判定（{year}年度数据）")
    render.listing(title, rows)
