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
    with run.progress_console.status("CBAM: embedded emissions of EU exports …"):
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
    run.next_steps.append("dashboard: /cbam (CBAM exports to the EU by plant)")
    if not run.as_json:
        run.console.print(_table(plants))
        run.console.print(
            f"CBAM 2026 certificates for {len(plants)} exporting plants: {totals['cost_actual_eur']} EUR "
            f"with verified data, {totals['cost_default_eur']} EUR on EU defaults "
            f"(saving {totals['saving_eur']} EUR) / 对欧出口 CBAM 证书成本"
        )


def _totals(plants: list[Any]) -> dict[str, str]:
    actual = sum((p.cost_actual_eur for p in plants), Decimal(0))
    default = sum((p.cost_default_eur for p in plants), Decimal(0))
    return {"cost_actual_eur": f"{actual:,}", "cost_default_eur": f"{default:,}",
            "saving_eur": f"{default - actual:,}"}  # fmt: skip


def _table(plants: list[Any]) -> Table:
    table = Table(title=f"CBAM: top {TOP} plants by saving / 节省最多的企业", title_justify="left")
    for head in (
        "企业 plant",
        "行业 sector",
        "出口 t",
        "隐含 tCO2e",
        "实际 EUR",
        "默认 EUR",
        "节省 EUR",
    ):
        table.add_column(head, justify="left" if head[:2] in ("企业", "行业") else "right")
    for p in sorted(plants, key=lambda p: -p.saving_eur)[:TOP]:
        table.add_row(p.name, f"{p.sector_zh} {p.sector}", f"{p.exported_t:,.0f}", f"{p.embedded_tco2:,.0f}",
                      f"{p.cost_actual_eur:,}", f"{p.cost_default_eur:,}", f"{p.saving_eur:,}")  # fmt: skip
    return table


CBAM_STEP: Step = ("CBAM: exports to the EU", cbam_step)


def _line_values(run: DemoRun, sector: str) -> Callable[[Any], dict[str, dict[str, float]]]:
    """What the allocation needs that the synthetic reports do not carry (the industry step's)."""
    return lambda result: run.industry.line_values(sector, result)
