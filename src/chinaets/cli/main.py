"""`chinaets` console command: one Typer app whose commands are loaded on first use.

Each shell module has a ``register(app)`` that adds its commands to a Typer app. Importing every
module up front cost about 1 s before anything ran (SQLAlchemy, Alembic, FastAPI, the exchange),
so the top-level commands are listed in `COMMANDS` with their one-line help, and a command's
module is imported only when that command runs or its own help is asked for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup


@dataclass(frozen=True)
class Lazy:
    module: str
    help: str  # "English / 中文", as the list of commands shows it


COMMANDS: dict[str, Lazy] = {
    "demo": Lazy("chinaets.cli.demo_cmd", "The whole market on the embedded national data / 全国市场演示"),
    "account": Lazy("chinaets.cli.mrv_cmds", "Account a data year's emissions as the guideline of that year says / 排放核算"),
    "check": Lazy("chinaets.cli.check_cmd", "Verification checks of a report; exit 1 on errors / 核查检查"),
    "template": Lazy("chinaets.cli.mrv_cmds", "Write a blank bilingual Excel template / 生成空白中英文 Excel 模板"),
    "sectors": Lazy("chinaets.cli.sector_choice", "The sectors, trading and reporting, with their law books / 行业列表"),
    "schema": Lazy("chinaets.cli.mrv_cmds", "The input format of a sector (JSON Schema or Markdown) / 输入数据格式"),
    "submit": Lazy("chinaets.cli.submit_cmd", "Submit reports and monthly deposits to the platform's store / 提交排放报告与月度存证"),
    "screen": Lazy("chinaets.cli.screen_cmd", "Screen the stored submissions' findings, ranked by tCO2 at stake / 数据质量筛查"),
    "review": Lazy("chinaets.cli.review_cmds", "Provincial review of submitted reports: start, return, accept / 省级审核"),
    "allocate": Lazy("chinaets.cli.allocation_cmds", "Allocate allowances as the plan of the year says / 配额分配"),
    "determine": Lazy("chinaets.cli.determination_cmds", "Determine a province's or the nation's allocation: sector balance values, data tables, issuance / 配额核定"),
    "certificate": Lazy("chinaets.cli.determination_cmds", "The compliance certificate of an entity that surrendered in full / 履约证明"),
    "comply": Lazy("chinaets.cli.compliance_cmds", "Compliance status, shortfall and penalty range / 履约状态与处罚"),
    "plan": Lazy("chinaets.cli.compliance_cmds", "The cheapest lawful way to meet the obligation / 最低成本履约方案"),
    "rules": Lazy("chinaets.cli.rules_cmds", "Regulatory parameters and worked cases / 规则参数与算例"),
    "registry": Lazy("chinaets.cli.registry_cmds", "Registry ledger: accounts, issuance, transfers, checks / 注册登记"),
    "market": Lazy("chinaets.cli.market_cmds", "Exchange: orders, book, trades, auctions / 碳排放权交易"),
    "ccer": Lazy("chinaets.cli.ccer_cmds", "Voluntary emission reductions (CCER) / 温室气体自愿减排"),
    "inclusion": Lazy("chinaets.cli.inclusion_cmd", "Who goes on the 2027 lists: national ETS, reporting or neither / 重点排放单位名录纳入判定"),
    "cems": Lazy("chinaets.cli.cems_cmds", "CO2 continuous monitoring: ingest HJ 212, totals, reconcile with the accounts / 在线监测"),
    "cbam": Lazy("chinaets.cli.cbam_cmd", "EU CBAM: embedded emissions, defaults and certificate cost of exports / 欧盟碳边境调节机制"),
    "targets": Lazy("chinaets.cli.targets_cmds", "Progress toward the national targets, ETS coverage / 国家目标进展"),
    "readmodel": Lazy("chinaets.cli.readmodel_cmds", "The national read model: build, totals, tables, dictionary / 全国分析数据模型"),
    "serve": Lazy("chinaets.cli.web_cmds", "Serve the bilingual dashboard / 启动中英文看板"),
    "api": Lazy("chinaets.cli.api_cmd", "Serve the REST API (OpenAPI page at /docs) / 启动 REST 接口"),
}  # fmt: skip
"""Top-level command -> the shell module that registers it, and its line in `chinaets --help`."""


class LazyGroup(TyperGroup):
    """A Typer group that imports a command's module when the command is first needed."""

    _listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), *(n for n in COMMANDS if n not in self.commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.commands or cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        if self._listing:  # `chinaets --help`: the line from the table, nothing imported
            return TyperCommand(cmd_name, help=COMMANDS[cmd_name].help)
        return _load(COMMANDS[cmd_name].module).get_command(ctx, cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


_loaded: dict[str, TyperGroup] = {}


def _load(module: str) -> TyperGroup:
    if module not in _loaded:
        commands = typer.Typer()
        importlib.import_module(module).register(commands)
        _loaded[module] = typer.main.get_group(commands)
    return _loaded[module]


app = typer.Typer(
    name="chinaets",
    cls=LazyGroup,
    help="China national carbon market: MRV, rules, registry, exchange, CCER, targets / "
    "全国碳市场：核算、规则、注册登记、交易、自愿减排、目标。",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class Language(StrEnum):
    zh = "zh"
    en = "en"
    both = "both"


@app.callback()
def main(
    lang: Language = typer.Option(
        None,
        "--lang",
        help="language of tables and messages: zh, en or both (default: CHINAETS_LANG, else the "
        "locale) / 输出语言，例如 --lang zh",
    ),
) -> None:
    """China national carbon market / 全国碳市场."""
    from chinaets.cli.render import set_lang

    set_lang(lang.value if lang else None)
