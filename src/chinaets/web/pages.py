"""The context of each page: plain data for its template (charts as JSON specs that
``static/charts.js`` draws)."""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect, select

from chinaets.core.china import PROVINCES
from chinaets.national.targets import coverage, plans, progress_report
from chinaets.national.targets.indicators import BASES, INDICATORS
from chinaets.national.targets.progress import STATUS
from chinaets.registry.records import Role
from chinaets.registry.service import Registry
from chinaets.web import sections, sources
from chinaets.web.access import Viewer
from chinaets.web.sources import DemoData


def overview(demo: DemoData) -> dict[str, Any]:
    s = demo.summary
    cover = coverage.coverage_rows((s.total.entities, s.total.mt_co2))
    facts = sources.market_facts()
    market = sources.yearly_market(facts)
    provinces = s.by_province
    return {
        "year": demo.year,
        "total": s.total,
        "coverage": cover,
        "national": coverage.national_co2_mt(),
        "owid_source": coverage.OWID_SOURCE,
        "provinces": provinces,
        "province_zh": {en: zh for en, (zh, _) in PROVINCES.items()},
        "categories": s.by_category,
        "facts": facts,
        "charts": {
            "coverage": {
                "type": "bar",
                "unit": "%",
                "bars": [
                    [r.en, round(r.share_pct, 1), r.zh] for r in cover if r.share_pct is not None
                ],
            },
            "provinces": {
                "type": "bar",
                "unit": "Mt CO2",
                "bars": [
                    [p.key, round(p.mt_co2, 1), PROVINCES.get(p.key, (p.key,))[0]]
                    for p in provinces[:15]
                ],
            },
            "volume": {
                "type": "bar",
                "unit": "Mt",
                "bars": [[str(y), round(v, 1)] for y, v in market["volume_mt"]],
            },
            "price": {
                "type": "line",
                "unit": "CNY/t",
                "series": [{"name": "closing price / 收盘价", "points": market["close"]}],
            },
        },
    }


def entity_list(demo: DemoData, viewer: Viewer, province: str | None) -> dict[str, Any]:
    rows = [e for e in demo.entities if viewer.may_see_entity(e.credit_code, e.province)]
    if province:
        rows = [e for e in rows if e.province == province]
    return {
        "rows": rows[:300],
        "count": len(rows),
        "province": province,
        "provinces": sorted(PROVINCES),
    }


def entity(demo: DemoData, registry: Registry | None, viewer: Viewer, code: str) -> dict[str, Any]:
    e = demo.entity(code)
    if e is None:
        return {}
    months = demo.fuel_months(code)
    monthly: dict[int, float] = {}
    for m in months:
        monthly[m["month"]] = monthly.get(m["month"], 0.0) + (m["tco2"] or 0.0)
    price = _latest_price()
    return {
        "e": e,
        "year": demo.year,
        "units": demo.units(code),
        "months": months,
        "trace": sections.emissions_trace(demo, code),
        "allocation": sections.allocation(demo, code),
        "holdings": sections.holdings(registry, viewer.actor, code),
        "compliance": sections.compliance(registry, code, demo.year, e.obligation_tco2, price),
        "price": price,
        "charts": {"monthly": {"type": "bar", "unit": "tCO2", "bars": [[str(k), round(v)] for k, v in sorted(monthly.items())]}},
    }  # fmt: skip


def _latest_price() -> Decimal | None:
    closes = sources.yearly_market(sources.market_facts())["close"]
    return Decimal(str(closes[-1][1])) if closes else None


def targets() -> dict[str, Any]:
    rows = progress_report()
    status_of = {p.target.name: STATUS[p.status][0] for p in rows}
    return {
        "rows": rows,
        "status": STATUS,
        "bases": BASES,
        "st_rows": plans.st_plan_rows(status_of),
        "st_actions": plans.st_plan()["actions"],
        "adaptation_rows": plans.adaptation_rows(),
        "adaptation_goals": plans.adaptation()["goals_2035"],
        "charts": _target_charts(rows),
    }


def _target_charts(rows: list[Any]) -> dict[str, Any]:
    from chinaets.national.targets.charts import index_points
    from chinaets.national.targets.indicators import levels

    charts: dict[str, Any] = {}
    for indicator, base in (("co2_per_gdp", 2020), ("energy_per_gdp", 2020), ("co2_per_gdp", 2005)):
        chosen = [p for p in rows if p.target.indicator == indicator and p.target.base_year == base]
        series = [
            {"name": BASES[p.basis][0], "points": index_points(p.steps, base)}
            for p in chosen
            if p.steps
        ]
        targets = {p.target.name: p.target for p in chosen}.values()  # a mark per target
        marks = [
            {"x": t.target_year, "y": 100 + t.target, "label": f"{t.horizon} {t.target:g}%"}
            for t in targets
        ]
        charts[f"{indicator}_{base}"] = {
            "type": "line",
            "unit": f"{INDICATORS[indicator][0]} ({base} = 100)",
            "series": series,
            "marks": marks,
        }
    for indicator in ("non_fossil_share", "wind_solar_capacity"):
        series = [
            {"name": BASES[b][0], "points": [(o.year, o.value) for o in obs]}
            for b, obs in levels(indicator).items()
        ]
        marks = [
            {
                "x": p.target.target_year,
                "y": p.target.target,
                "label": f"{p.target.horizon} {p.target.target:g}",
            }
            for p in {r.target.name: r for r in rows if r.target.indicator == indicator}.values()
        ]
        charts[indicator] = {
            "type": "line",
            "unit": INDICATORS[indicator][0],
            "series": series,
            "marks": marks,
        }
    return charts  # fmt: skip


def ccer(registry: Registry | None) -> dict[str, Any]:
    if registry is None or not inspect(registry.engine).has_table("ccer_projects"):
        return {"projects": None}
    from chinaets.ccer.store import ProjectRow

    with registry.reading() as session:
        rows = session.scalars(select(ProjectRow).order_by(ProjectRow.legacy, ProjectRow.id)).all()
        projects: list[dict[str, Any]] = [
            {"id": p.id, "name": p.name, "owner_name": p.owner_name, "methodology": p.methodology,
             "state": p.state, "legacy": p.legacy, "expected_annual_t": p.expected_annual_t}
            for p in rows
        ]  # fmt: skip
    states: dict[str, int] = {}
    for row in rows:
        states[row.state] = states.get(row.state, 0) + 1
    return {
        "projects": [p for p in projects if not p["legacy"]][:200] + [p for p in projects if p["legacy"]][:50],
        "count": len(projects),
        "states": sorted(states.items()),
        "charts": {"states": {"type": "bar", "unit": "projects", "bars": [[k, v] for k, v in sorted(states.items())]}},
    }  # fmt: skip


def registry_view(registry: Registry | None, viewer: Viewer) -> dict[str, Any]:
    if registry is None:
        return {"connected": False}
    from chinaets.registry import queries

    with registry.reading() as session:
        if viewer.actor.role is Role.PUBLIC:
            return {"connected": True, "totals": [asdict(t) for t in queries.totals(session)]}
        accounts = queries.readable_accounts(session, viewer.actor)[:200]
        held = {
            a.id: [h.as_json() for h in queries.holdings(session, viewer.actor, a.id)]
            for a in accounts
        }
    return {"connected": True, "accounts": accounts, "held": held}


def exchange(registry: Registry | None, viewer: Viewer) -> dict[str, Any]:
    facts = sources.market_facts()
    market = sources.yearly_market(facts)
    view = registry_view(registry, viewer) if viewer.actor.role is Role.EXCHANGE else {}
    return {
        "facts": facts,
        "clearing": view,
        "charts": {
            "volume": {"type": "bar", "unit": "Mt", "bars": [[str(y), round(v, 1)] for y, v in market["volume_mt"]]},
            "turnover": {"type": "bar", "unit": "bn CNY", "bars": [[str(y), round(v, 2)] for y, v in market["turnover_bn"]]},
            "price": {"type": "line", "unit": "CNY/t", "series": [{"name": "closing price / 收盘价", "points": market["close"]}]},
        },
    }  # fmt: skip
