"""`chinaets demo`, CBAM step: the steel and aluminium fleets' (seeded) exports to the EU with
their embedded emissions, the EU defaults and the cost difference by plant; one communication
JSON per exporting plant in ``<out>/cbam/`` for the dashboard (``/cbam``).

Hooked into the demo with one line (``CBAM_STEP`` in ``chinaets.demo.steps.STEPS``), after the industry
steps, whose accounted results it reuses.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from rich.table import Table

from chinaets.cbam import store
from chinaets.cbam.communication import summary_json
from chinaets.cbam.demo import fleet_cbam, plant_exports
from chinaets.demo.run import DemoRun, Step

SECTORS = ("steel", "aluminium")
TOP = 10


def cbam_step(run: DemoRun) -> None:
    results: dict[str, list[Any]] = getattr(run.industry, "results", {}) or {}
    if not all(s in results for s in SECTORS):
        raise RuntimeError("the CBAM step needs the industry accounting step first")
    with run.progress_console.status(
        run.say("CBAM: embedded emissions of EU exports …", "CBAM：对欧出口产品的隐含排放 …")
    ):
        cbam = {
            s: fleet_cbam(s, results[s], run.seed, line_values=_line_values(run, s))
            for s in SECTORS
        }
    plants = [p for s in SECTORS for p in plant_exports(s, cbam[s]) if p.exported_t > 0]
    summaries = {r.installation.credit_code: summary_json(r) for s in SECTORS for r in cbam[s]
                 if r.exported_t > 0}  # fmt: skip
    run.files["cbam"] = store.write(run.out, [p.as_dict() for p in plants], summaries)
    totals = _totals(plants)
    run.payload["cbam"] = {"plants": len(plants), **totals}
    run.next_steps.append(
        run.say(
            "dashboard: /cbam (CBAM exports to the EU by plant)",
            "看板：/cbam（各企业对欧 CBAM 出口）",
        )
    )
    if not run.as_json:
        run.console.print(_table(run, plants))
        actual, default, saving = (
            totals["cost_actual_eur"],
            totals["cost_default_eur"],
            totals["saving_eur"],
        )
        run.console.print(run.say(
            f"CBAM 2026 certificates for {len(plants)} exporting plants: {actual} EUR with verified "
            f"data, {default} EUR on EU defaults (saving {saving} EUR)",
            f"对欧出口 CBAM 证书成本（2026 年，{len(plants)} 家出口企业）：按核查数据 {actual} EUR，"
            f"按欧盟默认值 {default} EUR（节省 {saving} EUR）",
        ))  # fmt: skip


def _totals(plants: list[Any]) -> dict[str, str]:
    actual = sum((p.cost_actual_eur for p in plants), Decimal(0))
    default = sum((p.cost_default_eur for p in plants), Decimal(0))
    return {"cost_actual_eur": f"{actual:,}", "cost_default_eur": f"{default:,}",
            "saving_eur": f"{default - actual:,}"}  # fmt: skip


def _table(run: DemoRun, plants: list[Any]) -> Table:
    title = run.say(f"CBAM: top {TOP} plants by saving", f"CBAM：节省最多的 {TOP} 家企业")
    table = Table(title=title, title_justify="left")
    heads = (("plant", "企业"), ("sector", "行业"), ("exported t", "出口 t"),
             ("embedded tCO2e", "隐含 tCO2e"), ("actual EUR", "实际 EUR"),
             ("default EUR", "默认 EUR"), ("saving EUR", "节省 EUR"))  # fmt: skip
    for en, zh in heads:
        table.add_column(run.say(en, zh), justify="left" if en in ("plant", "sector") else "right")
    for p in sorted(plants, key=lambda p: -p.saving_eur)[:TOP]:
        table.add_row(p.name, run.say(p.sector, p.sector_zh), f"{p.exported_t:,.0f}", f"{p.embedded_tco2:,.0f}",
                      f"{p.cost_actual_eur:,}", f"{p.cost_default_eur:,}", f"{p.saving_eur:,}")  # fmt: skip
    return table


CBAM_STEP: Step = ("CBAM: exports to the EU / CBAM：对欧出口", cbam_step)


def _line_values(run: DemoRun, sector: str) -> Callable[[Any], dict[str, dict[str, float]]]:
    """What the allocation needs that the synthetic reports do not carry (the industry step's)."""
    return lambda result: run.industry.line_values(sector, result)
