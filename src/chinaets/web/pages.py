"""The context of each page: plain data for its template (charts as JSON specs that
``static/charts.js`` draws)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from sqlalchemy import func, inspect, select

from chinaets.core.china import PROVINCES
from chinaets.core.labels import Lang, label, term
from chinaets.mrv.sectors import sectors
from chinaets.national.readmodel import TABLES, Listing
from chinaets.national.targets import coverage, plans, progress_report
from chinaets.national.targets.indicators import BASES, INDICATORS
from chinaets.national.targets.progress import STATUS
from chinaets.registry.records import Role
from chinaets.registry.service import Registry
from chinaets.web import labels, sections, sources, tables
from chinaets.web.access import Viewer
from chinaets.web.sources import Dashboard


def overview(data: Dashboard, lang: str) -> dict[str, Any]:
    """Every sector of the latest year: totals by sector, province and category, coverage."""
    year = data.year
    by_sector = data.model.sector_totals(year)
    known = sectors()
    demo = [
        (r["sector"], known[r["sector"]].zh if r["sector"] in known else r["sector"],
         int(r["entities"]), r["emissions_t"] / 1e6)
        for r in by_sector
    ]  # fmt: skip
    cover = coverage.coverage_rows(demo_sectors=demo)
    market = sources.yearly_market(sources.market_facts())
    provinces = data.model.totals("province", year)
    return {
        "year": year,
        "sectors_total": by_sector,
        "total": {
            "entities": sum(r["entities"] for r in by_sector),
            "mt_co2": sum(r["emissions_t"] for r in by_sector) / 1e6,
            "obligation_mt": sum(r["obligation_t"] for r in by_sector) / 1e6,
        },
        "coverage": cover,
        "national": coverage.national_co2_mt(),
        "owid_source": coverage.OWID_SOURCE,
        "provinces": provinces,
        "categories": data.model.category_totals(year),
        "charts": {
            "coverage": {"type": "bar", "unit": "%", "bars": [[r.en, round(r.share_pct, 1), r.zh] for r in cover if r.share_pct is not None]},
            "sectors": {"type": "bar", "unit": "Mt CO2e", "bars": [[r["sector"], round(r["emissions_t"] / 1e6, 1), labels.sector(r["sector"], "zh")] for r in by_sector]},
            "provinces": {"type": "bar", "unit": "Mt CO2e", "bars": [[p["key"], round(p["emissions_t"] / 1e6, 1), labels.province(p["key"], "zh")] for p in provinces[:15]]},
            "volume": {"type": "bar", "unit": "Mt", "bars": [[str(y), round(v, 1)] for y, v in market["volume_mt"]]},
            "price": {"type": "line", "unit": "CNY/t", "series": [{"name": "收盘价" if lang == "zh" else "closing price", "points": market["close"]}]},
        },
    }  # fmt: skip


def table_page(
    data: Dashboard,
    name: str,
    query: Mapping[str, str],
    viewer: Viewer,
    lang: str,
    **fixed: Any,
) -> dict[str, Any]:
    """One page of a read-model table: rows in the page's language, headers, paging links."""
    chosen = tables.listing(name, query, viewer, **fixed)
    page = data.model.page(name, chosen)
    return {
        "table": name,
        "spec": TABLES[name],
        "headers": tables.headers(name, lang),
        "rows": tables.display_rows(page, lang),
        "raw": page.rows,
        "page": page,
        "listing": chosen,
        "query": {k: v for k, v in query.items() if k != "lang"},
        "per_page_choices": tables.PER_PAGE,
        "filters": _filters(name, data, chosen, lang),
        "fixed": {k: v for k, v in fixed.items() if v is not None},
    }


def _filters(name: str, data: Dashboard, chosen: Listing, lang: str) -> list[dict[str, Any]]:
    """The select boxes of a listing: year, sector and province where the table has them."""
    spec = TABLES[name]
    choices: dict[str, list[tuple[str, str]]] = {}
    if "year" in spec.column_names:
        choices["year"] = [(str(y), str(y)) for y in data.model.years()]
    if "sector" in spec.column_names:
        choices["sector"] = [(s, labels.sector(s, lang)) for s in data.model.sector_names()]
    if "province" in spec.column_names:
        choices["province"] = [(p, labels.province(p, lang)) for p in sorted(PROVINCES)]
    return [
        {
            "name": column, "options": options,
            "label": labels.column(spec.column(column), lang),
            "value": str(chosen.where.get(column, "")),
        }
        for column, options in choices.items()
    ]  # fmt: skip


def entity(
    data: Dashboard, viewer: Viewer, row: dict[str, Any], lang: str, today: dt.date
) -> dict[str, Any]:
    """An entity-year: its units, figures, months, allocation, holdings and compliance."""
    key = {k: row[k] for k in ("credit_code", "year", "sector")}
    allocation = data.model.of_entity("allocation", row)
    price = _latest_price()
    months = data.model.of_entity("monthly_values", row)
    monthly: dict[int, float] = {}
    for m in months:
        if m["unit"].startswith("tCO2") and m["variable"].split("|")[0].startswith("emissions"):
            monthly[m["month"]] = monthly.get(m["month"], 0.0) + m["value"]
    compliance = sections.compliance(data, row, allocation[0] if allocation else None, today, price)
    holdings = None
    if data.registry is not None:
        holdings = data.model.all_rows(
            "holdings", Listing(where={"holder": row["credit_code"]})
        ).rows
    return {
        "e": row,
        "key": key,
        "sector_label": labels.sector(row["sector"], lang),
        "province_label": labels.province(row["province"], lang),
        "units": table_page(data, "units", {}, viewer, lang, **key),
        "values": table_page(data, "entity_values", {}, viewer, lang, **key),
        "months_count": len(months),
        "trace": sections.emissions_trace(data, row, lang),
        "allocation": allocation[0] if allocation else None,
        "allocation_trace": sections.allocation_trace(data, row, lang),
        "holdings": holdings,
        "compliance": compliance,
        "price": price,
        "charts": {"monthly": {"type": "bar", "unit": "tCO2", "bars": [[str(k), round(v)] for k, v in sorted(monthly.items())]}},
    }  # fmt: skip


def _latest_price() -> Decimal | None:
    closes = sources.yearly_market(sources.market_facts())["close"]
    return Decimal(str(closes[-1][1])) if closes else None


def targets(lang: str = "en") -> dict[str, Any]:
    rows = progress_report()
    zh = lang == "zh"
    status_of = {
        p.target.name: f"{p.target.description_zh if zh else p.target.description}："
        f"{STATUS[p.status][1 if zh else 0]}"
        for p in rows
    }
    return {
        "rows": rows,
        "status": STATUS,
        "bases": BASES,
        "st_rows": plans.st_plan_rows(status_of),
        "st_actions": plans.st_plan()["actions"],
        "adaptation_rows": plans.adaptation_rows(),
        "adaptation_goals": plans.adaptation()["goals_2035"],
        "charts": _target_charts(rows, 1 if zh else 0),
    }


HORIZONS_ZH = {"14th FYP": "“十四五”", "15th FYP": "“十五五”", "2030 NDC": "2030年自主贡献",
               "2035 NDC": "2035年自主贡献", "2026 annual plan": "2026年度计划"}  # fmt: skip
"""The targets' horizons as the Chinese charts mark them."""


def _target_charts(rows: list[Any], zh: int = 0) -> dict[str, Any]:
    """The targets' charts; `zh` (1) names series, units and marks in Chinese."""

    def horizon(text: str) -> str:
        return HORIZONS_ZH.get(text, text) if zh else text

    from chinaets.national.targets.charts import index_points
    from chinaets.national.targets.indicators import levels

    charts: dict[str, Any] = {}
    for indicator, base in (("co2_per_gdp", 2020), ("energy_per_gdp", 2020), ("co2_per_gdp", 2005)):
        chosen = [p for p in rows if p.target.indicator == indicator and p.target.base_year == base]
        series = [
            {"name": BASES[p.basis][zh], "points": index_points(p.steps, base)}
            for p in chosen
            if p.steps
        ]
        targets = {p.target.name: p.target for p in chosen}.values()  # a mark per target
        marks = [
            {
                "x": t.target_year,
                "y": 100 + t.target,
                "label": f"{horizon(t.horizon)} {t.target:g}%",
            }
            for t in targets
        ]
        charts[f"{indicator}_{base}"] = {
            "type": "line",
            "unit": f"{INDICATORS[indicator][zh]} ({base} = 100)",
            "series": series,
            "marks": marks,
        }
    for indicator in ("non_fossil_share", "wind_solar_capacity"):
        series = [
            {"name": BASES[b][zh], "points": [(o.year, o.value) for o in obs]}
            for b, obs in levels(indicator).items()
        ]
        marks = [
            {
                "x": p.target.target_year,
                "y": p.target.target,
                "label": f"{horizon(p.target.horizon)} {p.target.target:g}",
            }
            for p in {r.target.name: r for r in rows if r.target.indicator == indicator}.values()
        ]
        charts[indicator] = {
            "type": "line",
            "unit": INDICATORS[indicator][zh],
            "series": series,
            "marks": marks,
        }
    return charts  # fmt: skip


def ccer(registry: Registry | None) -> dict[str, Any]:
    if registry is None or not inspect(registry.engine).has_table("ccer_projects"):
        return {"projects": None}
    from chinaets.ccer.store import ProjectRow as P

    columns = (P.id, P.name, P.owner_name, P.methodology, P.state, P.legacy, P.expected_annual_t)
    with registry.reading() as session:  # counts by SQL, then only the rows the page shows
        states = [(s, int(n)) for s, n in session.execute(
            select(P.state, func.count()).group_by(P.state).order_by(P.state))]  # fmt: skip
        shown = [
            dict(row._mapping)
            for legacy, most in ((False, 200), (True, 50))
            for row in session.execute(
                select(*columns).where(P.legacy.is_(legacy)).order_by(P.id).limit(most)
            )
        ]
    return {
        "projects": shown,
        "count": sum(n for _, n in states),
        "states": states,
        "charts": {"states": {"type": "bar", "unit": "projects", "bars": [[k, v] for k, v in states]}},
    }  # fmt: skip


def registry_view(
    data: Dashboard, viewer: Viewer, query: Mapping[str, str], lang: str
) -> dict[str, Any]:
    """Public statistics for everyone; then, for a logged-in user, the units held by class and
    the accounts it may see, searchable and paged (never every account block at once)."""
    registry = data.registry
    if registry is None:
        return {"connected": False}
    from chinaets.registry import queries

    with registry.reading() as session:
        totals = [asdict(t) for t in queries.totals(session)]
    out: dict[str, Any] = {"connected": True, "totals": totals}
    if not viewer.logged_in:
        return out
    data.refresh_registry()
    out["held"] = data.model.registry_totals() if viewer.sees_all_entities else None
    out["accounts"] = table_page(data, "accounts", query, viewer, lang)
    return out


def _fact_shown(fact: dict[str, str], lang: Lang) -> dict[str, str]:
    """A published figure as the page's reader reads it: the metric named, the period and unit
    in words (the source note stays as published)."""
    name = label(fact["metric"], lang)
    name = name.split(" ")[0] if lang == "zh" else re.sub(r" \([^)]*\)$", "", name)
    period = label(fact["period"], lang) if fact["period"].startswith("cycle_") else fact["period"]
    return {**fact, "metric": name, "period": period, "unit": term(fact["unit"], lang)}


def _clearing_view(registry: Registry | None, viewer: Viewer) -> dict[str, Any]:
    """The exchange's own clearing account(s) with their holdings."""
    if registry is None:
        return {}
    from chinaets.registry import queries

    with registry.reading() as session:
        accounts = queries.readable_accounts(session, viewer.actor)[:20]
        held = {
            a.id: [h.as_json() for h in queries.holdings(session, viewer.actor, a.id)]
            for a in accounts
        }
    return {"accounts": accounts, "held": held}


def exchange(registry: Registry | None, viewer: Viewer, lang: str = "en") -> dict[str, Any]:
    facts = sources.market_facts()
    market = sources.yearly_market(facts)
    view = _clearing_view(registry, viewer) if viewer.actor.role is Role.EXCHANGE else {}
    return {
        "facts": [_fact_shown(f, "zh" if lang == "zh" else "en") for f in facts],
        "clearing": view,
        "charts": {
            "volume": {"type": "bar", "unit": "Mt", "bars": [[str(y), round(v, 1)] for y, v in market["volume_mt"]]},
            "turnover": {"type": "bar", "unit": "bn CNY", "bars": [[str(y), round(v, 2)] for y, v in market["turnover_bn"]]},
            "price": {"type": "line", "unit": "CNY/t", "series": [{"name": "收盘价" if lang == "zh" else "closing price", "points": market["close"]}]},
        },
    }  # fmt: skip
