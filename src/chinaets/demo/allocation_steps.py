"""Demo steps: allocation and compliance of the national power fleet."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from chinaets.allocation.inputs import from_accounting
from chinaets.demo.readmodel_steps import allocated, write_read_model
from chinaets.demo.run import DemoRun
from chinaets.national.balance import national_balance


def allocation_step(run: DemoRun) -> None:
    """Allocate every entity as the plan of the year says, and the status allocation alone gives."""
    with run.progress_console.status("Allocating allowances to every unit …"):
        balance = national_balance(zip(run.reports, run.results, strict=True))
    run.allocation = balance
    run.allocations = allocated(balance.entities)
    summary = balance.as_dict()
    run.payload["allocation"] = summary
    if not run.as_json:
        _print_balance(run, summary)
    if run.industry is not None:
        _industry_allocation(run)
    write_read_model(run).close()
    run.next_steps.append(
        f"chinaets allocate {run.files.get('example_json', 'REPORT.json')} --trace"
    )


def _print_balance(run: DemoRun, s: dict[str, Any]) -> None:
    draft, draft_zh = (" (DRAFT plan values)", "（方案草案值）") if s["draft"] else ("", "")
    title = run.say(
        f"Allocation {s['year']} vs verified emissions, by category{draft}",
        f"{s['year']} 年配额与经核查排放，按类别{draft_zh}",
    )
    table = Table(title=title, title_justify="left")
    heads = (("category", "类别"), ("units", "机组"), ("verified Mt", "经核查 Mt"),
             ("allocation Mt", "配额 Mt"), ("surplus Mt", "盈余 Mt"), ("surplus %", "盈余 %"))  # fmt: skip
    for en, zh in heads:
        table.add_column(run.say(en, zh), justify="left" if en == "category" else "right")
    for c in s["categories"]:
        table.add_row(
            run.term(c["category"]), f"{c['units']:,}", _mt(c["verified_tco2"]), _mt(c["allocation_tco2"]),
            _mt(c["surplus_tco2"]), f"{c['surplus_pct']:+.2f}",
        )  # fmt: skip
    table.add_row(
        run.say("all", "合计"), "", _mt(s["verified_tco2"]), _mt(s["allocation_tco2"]), _mt(s["surplus_tco2"]),
        f"{s['surplus_pct']:+.2f}", style="bold",
    )  # fmt: skip
    run.console.print(table)
    published = s.get("published") or {}
    if "surplus_pct" in published:
        run.console.print(run.say(
            f"Published {s['year']}: allocation {published['allocation_gt']} Gt vs verified "
            f"{published['verified_gt']} Gt, surplus {published['surplus_pct']:+.2f} % "
            f"({published['source']})",
            f"{s['year']} 年公开数据：配额 {published['allocation_gt']} Gt，经核查排放 "
            f"{published['verified_gt']} Gt，盈余 {published['surplus_pct']:+.2f} %"
            f"（{published['source']}）",
        ))  # fmt: skip
    statuses = ", ".join(f"{run.term(k)} {v:,}" for k, v in sorted(s["compliance_status"].items()))
    run.console.print(run.say(
        f"Status if each entity surrendered only its own allocation: {statuses}",
        f"各企业仅清缴自身配额时的履约状态：{statuses}",
    ))  # fmt: skip


def _industry_allocation(run: DemoRun) -> None:
    """Cement, aluminium and steel: each sector's balance value solved over all its entities,
    then every entity determined (D25 §三(二)2)."""
    from chinaets.allocation.determination import determine

    industry = run.industry
    inputs = [from_accounting(sector, None, r, line_values=industry.line_values(sector, r))
              for sector, results in industry.results.items() for r in results]  # fmt: skip
    determined = determine([i for i in inputs if i.lines], run.industry.year)
    rows: list[dict[str, Any]] = []
    for sector, pairs in determined.by_sector().items():
        entities = [e for _, e in pairs]
        run.allocations.extend(allocated(entities))
        verified = sum(e.obligation_tco2 for e in entities)
        total = sum(e.final_tco2 for e in entities)
        rows.append({"sector": sector, "entities": len(entities), "verified_tco2": verified,
                     "allocation_tco2": total, "surplus_pct": _pct(total - verified, verified),
                     "balance_value": determined.balance_value(sector)})  # fmt: skip
    run.payload["industry_allocation"] = {"year": run.industry.year, "sectors": rows}
    if run.as_json:
        return
    year = run.industry.year
    title = run.say(f"Allocation {year}, industrial sectors", f"{year} 年工业行业配额核定")
    table = Table(title=title, title_justify="left")
    heads = (("sector", "行业"), ("entities", "企业"), ("balance value BP", "平衡值 BP"),
             ("verified Mt", "经核查 Mt"), ("allocation Mt", "配额 Mt"), ("surplus %", "盈余 %"))  # fmt: skip
    for en, zh in heads:
        table.add_column(run.say(en, zh), justify="left" if en == "sector" else "right")
    for r in rows:
        bp = "—" if r["balance_value"] is None else f"{r['balance_value']:.4f}"
        table.add_row(run.term(r["sector"]), f"{r['entities']:,}", bp, _mt(r["verified_tco2"]),
                      _mt(r["allocation_tco2"]), f"{r['surplus_pct']:+.2f}")  # fmt: skip
    run.console.print(table)
    run.console.print(run.say("BP solved so that each sector's allocation equals its verified "
                              "emissions (D25 §三(二)2)",
                              "平衡值按行业配额总量等于经核查排放总量测算（D25 §三(二)2）"))  # fmt: skip


def _pct(part: float, whole: float) -> float:
    return round(part / whole * 100, 2) if whole else 0.0


def _mt(tonnes: float) -> str:
    return f"{tonnes / 1e6:,.1f}"
