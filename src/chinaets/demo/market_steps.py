"""Demo steps: the registry records the allocation, the exchange trades it, CCER offsets it.

Every write goes through the registry service: the demo decides nothing the library does not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.table import Table

from chinaets.allocation.results import EntityAllocation
from chinaets.ccer.demo import run_demo_projects
from chinaets.ccer.service import CcerService
from chinaets.ccer.units import Cancellation, Purpose
from chinaets.compliance.rules import ccer_refusal, offset_cap, rules_for
from chinaets.compliance.rules import deadline as compliance_deadline
from chinaets.compliance.schema import CcerLot
from chinaets.core.numbers import figure
from chinaets.demo.run import DemoRun
from chinaets.market.demo import DemoEntity, run_trading_days
from chinaets.registry import invariants, queries
from chinaets.registry import records as r
from chinaets.registry.ids import MEE_ACCOUNT, enterprise_account
from chinaets.registry.serials import unit_class
from chinaets.registry.service import Registry

TRADERS_PER_SIDE = 30  # the largest buyers and sellers trade on the demo's day


def registry_step(run: DemoRun) -> None:
    """Open a holding account per entity and issue its allocation as CEA of the data year."""
    entities = _allocations(run)
    # the store's database, started afresh by the platform step: one database, one Alembic chain
    registry = Registry.open(run.database_url)
    registry.init()
    with run.progress_console.status(f"Issuing allowances to {len(entities):,} accounts …"):
        for entity in entities:
            _open_and_issue(registry, entity)
    largest = sorted(entities, key=lambda e: -e.issued_tco2)[:3]
    with registry.reading() as session:
        problems = invariants.run_all(session)
        totals = queries.totals(session)
        held = {e.name: _holdings(session, e) for e in largest}
    run.registry = registry
    run.files["registry"] = run.database
    run.payload["registry"] = {"problems": len(problems), "totals": [t.as_json() for t in totals]}
    if not run.as_json:
        _print_totals(run, totals, problems)
        _print_holdings(run, held)
    run.next_steps.append(f"chinaets registry check --db {run.database_url}")
    account = enterprise_account(largest[0].credit_code) if largest else "ENT-…"
    run.next_steps.append(f"chinaets registry statement {account} --db {run.database_url}")


def _allocations(run: DemoRun) -> list[EntityAllocation]:
    if run.allocation is None:
        raise RuntimeError("the registry step needs the allocation step before it")
    return [e for e in run.allocation.entities if e.issued_tco2 > 0]


def _open_and_issue(registry: Registry, entity: EntityAllocation) -> None:
    account = enterprise_account(entity.credit_code)
    opened = r.OpenAccount(
        r.AccountKind.HOLDING, entity.credit_code, entity.name, _province(entity)
    )
    registry.execute(r.SYSTEM, f"open-{account}", opened)
    cea = unit_class("CEA", str(entity.year))
    pre = entity.pre_allocation_tco2 or 0
    if pre:
        issue = r.Issue(
            MEE_ACCOUNT, account, cea, pre, r.IssueKind.PRE_ALLOCATION, "pre-allocation"
        )
        registry.execute(r.SYSTEM, f"pre-{entity.year}-{account}", issue)
    true_up = entity.issued_tco2 - pre
    if true_up > 0:
        issue = r.Issue(MEE_ACCOUNT, account, cea, true_up, r.IssueKind.TRUE_UP, "true-up 多退少补")
        registry.execute(r.SYSTEM, f"true-up-{entity.year}-{account}", issue)
    elif true_up < 0:
        back = r.Deduct(account, MEE_ACCOUNT, cea, -true_up, "true-up return 多退少补")
        registry.execute(r.SYSTEM, f"true-up-{entity.year}-{account}", back)


def _province(entity: EntityAllocation) -> str:
    from chinaets.core.china import PROVINCES

    return PROVINCES[entity.province][1]


def _holdings(session: Any, entity: EntityAllocation) -> list[queries.Holding]:
    return queries.holdings(session, r.SYSTEM, enterprise_account(entity.credit_code))


def _print_holdings(run: DemoRun, held: dict[str, list[queries.Holding]]) -> None:
    title = run.say("Holdings of the three largest allocations", "配额最多的三家企业的持有")
    table = Table(title=title, title_justify="left")
    heads = (("entity", "企业"), ("unit class", "单位类别"), ("free", "可用"), ("frozen", "冻结"),
             ("serial blocks", "序号段"))  # fmt: skip
    for en, zh in heads:
        table.add_column(
            run.say(en, zh), justify="left" if en in ("entity", "unit class") else "right"
        )
    for name, rows in held.items():
        for h in rows:
            table.add_row(name, h.unit, f"{h.free:,}", f"{h.frozen:,}", str(len(h.blocks)))
    run.console.print(table)


def _print_totals(run: DemoRun, totals: list[Any], problems: list[Any]) -> None:
    table = Table(
        title=run.say("Registry: units by class", "注册登记：按单位类别"), title_justify="left"
    )
    heads = (("unit class", "单位类别"), ("issued", "已签发"), ("cancelled", "已注销"),
             ("outstanding", "流通中"), ("frozen", "冻结"))  # fmt: skip
    for en, zh in heads:
        table.add_column(run.say(en, zh), justify="left" if en == "unit class" else "right")
    for t in totals:
        table.add_row(
            t.unit, f"{t.issued:,}", f"{t.cancelled:,}", f"{t.outstanding:,}", f"{t.frozen:,}"
        )
    run.console.print(table)
    verdict = "all invariants hold" if not problems else f"{len(problems)} invariant findings"
    verdict_zh = "通过" if not problems else f"未通过（{len(problems)} 项）"
    run.console.print(run.say(f"registry check: {verdict}", f"账本校验：{verdict_zh}"))


def trading_step(run: DemoRun) -> None:
    """A trading day: the largest deficit entities buy from the largest surplus entities."""
    registry = _registry(run)
    entities = _allocations(run)
    buyers = sorted(entities, key=lambda e: e.surplus_tco2)[:TRADERS_PER_SIDE]
    sellers = sorted(entities, key=lambda e: -e.surplus_tco2)[:TRADERS_PER_SIDE]
    traders = [
        DemoEntity(enterprise_account(e.credit_code), -e.surplus_tco2)
        for e in [*buyers, *sellers]
        if e.surplus_tco2 != 0
    ]
    with run.progress_console.status(run.say("Trading …", "交易中 …")):
        reports = run_trading_days(
            registry,
            traders,
            seed=run.seed,
            days=1,
            vintage=str(run.year),
            start=_trading_start(run),
        )
    run.payload["trading"] = reports
    if not run.as_json:
        for report in reports:
            _print_day(run, report)
    run.next_steps.append(
        f"chinaets market report --day {_trading_start(run)} --db {run.database_url}"
    )


def _trading_start(run: DemoRun) -> dt.date:
    """Spring of the year after the data year: allocation issued, compliance still ahead."""
    return dt.date(run.year + 1, 3, 2)


def _print_day(run: DemoRun, report: dict[str, Any]) -> None:
    day = report.get("day")
    table = Table(title=run.say(f"Trading day {day}", f"交易日 {day}"), title_justify="left")
    bars = report.get("bars") or []
    if not bars:
        run.console.print(run.say(f"Trading day {day}: no trades", f"交易日 {day}：无成交"))
        return
    keys = [k for k in bars[0] if k != "day"]
    for key in keys:
        table.add_column(run.head(key), justify="right")
    for bar in bars:  # no price yet: "—"; a trading mode as the reader reads it
        table.add_row(
            *(run.term(v) if isinstance(v := bar[k], str) else figure(k, v) for k in keys)
        )
    run.console.print(table)


def ccer_step(run: DemoRun) -> None:
    """Three CCER projects to issuance; the largest buyers cancel CCER within the offset cap."""
    registry = _registry(run)
    with run.progress_console.status(
        run.say("CCER projects through the lifecycle …", "CCER 项目走完生命周期 …")
    ):
        summary = run_demo_projects(registry, run.seed)
    cancelled = _offset(run, registry, summary)
    with registry.reading() as session:
        problems = invariants.run_all(session)
    run.payload["ccer"] = {"projects": summary["projects"], "offsets": cancelled}
    run.payload["registry"]["problems_after_ccer"] = len(problems)
    if not run.as_json:
        _print_ccer(run, summary, cancelled)
        run.console.print(run.say(
            f"registry check after trading and cancellation: {len(problems)} findings",
            f"交易与注销后的账本校验：{len(problems)} 项发现",
        ))  # fmt: skip


def _offset(run: DemoRun, registry: Registry, summary: dict[str, Any]) -> list[dict[str, Any]]:
    """Deficit entities take CCER from the project owners and cancel it for ETS offsetting, each
    up to the offset cap, with lots the compliance rules of the year accept, before the deadline."""
    p = rules_for(run.year)
    deadline, _ = compliance_deadline(p)
    lots = [lot for lot in _issued_lots(summary) if lot["on"] <= deadline]
    ccer = CcerService(registry)
    out = []
    for entity in sorted(_allocations(run), key=lambda e: e.surplus_tco2)[:TRADERS_PER_SIDE]:
        cap, _ = offset_cap(p, entity.obligation_tco2)
        want = min(cap, max(0, -entity.surplus_tco2))
        for lot in lots:
            take = min(want, lot["left"])
            if take <= 0 or ccer_refusal(p, _as_lot(lot, take), lot["on"]):
                continue
            _buy_and_cancel(run, ccer, entity, lot, take)
            lot["left"] -= take
            want -= take
            out.append(
                {"entity": entity.credit_code, "unit": lot["unit"], "quantity": take, "cap": cap}
            )
    return out


def _issued_lots(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """The demo projects' issued CCER blocks: owner, unit, quantity and issue date."""
    return [
        {
            "owner": block["account"],
            "unit": f"CCER-{block['project_id']}-{block['vintage']}",
            "left": block["quantity"],
            "on": dt.date.fromisoformat(block["issued_on"]),
        }
        for project in summary["projects"]
        for block in project.get("blocks", [])
    ]


def _as_lot(lot: dict[str, Any], quantity: int) -> CcerLot:
    return CcerLot(lot_id=lot["unit"], quantity=quantity, registered=lot["on"])


def _buy_and_cancel(
    run: DemoRun, ccer: CcerService, entity: EntityAllocation, lot: dict[str, Any], take: int
) -> None:
    account = enterprise_account(entity.credit_code)
    ccer.transfer(r.SYSTEM, f"ccer-buy-{account}-{lot['unit']}", lot["owner"], account, lot["unit"], take, lot["on"])  # fmt: skip
    cancellation = Cancellation(
        account, lot["unit"], take, Purpose.ETS_OFFSETTING, lot["on"],
        f"ccer-offset-{account}-{lot['unit']}", entity=entity.credit_code, compliance_year=run.year,
    )  # fmt: skip
    ccer.cancel(r.SYSTEM, cancellation)


def _print_ccer(run: DemoRun, summary: dict[str, Any], offsets: list[dict[str, Any]]) -> None:
    issued = [p for p in summary["projects"] if "owner_account" in p]
    run.console.print(run.say(f"CCER: {len(issued)} projects registered and issued",
                              f"CCER：{len(issued)} 个项目已登记并签发"))  # fmt: skip
    total = sum(o["quantity"] for o in offsets)
    entities = len({o["entity"] for o in offsets})
    run.console.print(run.say(
        f"{entities} deficit entities cancelled {total:,} t CCER for offsetting, each within its cap",
        f"{entities} 家配额短缺企业注销 CCER {total:,} 吨用于抵销（均未超过抵销上限）",
    ))  # fmt: skip


def _registry(run: DemoRun) -> Registry:
    if run.registry is None:
        raise RuntimeError("this step needs the registry step before it")
    return run.registry
