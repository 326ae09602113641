"""The demo's CBAM step: the national steel and aluminium fleets' exports to the EU (seeded,
synthetic but plausible quantities) with their embedded emissions, the EU defaults and the cost
difference, by plant.

Per plant (its own ``random.Random`` seeded by (seed, year, credit code)); t unless noted::

    steel     hot metal = blast-furnace gas out / 0.15 (10^4 Nm3 per t, the fleet's rate);
              sinter 1.4 t per t hot metal; 98 % of the hot metal charged to steelmaking;
              crude steel rolled 60 % to hot-rolled coil 7208 39 00 and 40 % to wire rod
              7213 91 10 at 97 % yield; 60 % of plants ship 0.5–4 % of coil and 0–2 % of rod to the EU
    aluminium 40 % of the metal cast and rolled to sheet 7606 12 and foil 7607 11 (1.03 t metal
              per t); 50 % of smelters ship 0.5–3 % of sheet and foil and 0–1 % of ingot to the EU

The goods files go through the same validation as a user's ``goods.csv``. The data are
synthetic, not observed (DATA_NOTICE.md).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from chinaets.cbam.bridge import CbamOptions, CbamResult, compute
from chinaets.cbam.goods import GoodsInput, parse_goods_rows

DEFAULT_SEED = 20260101
BFG_PER_T_HOT_METAL = 0.15  # 10^4 Nm3 per t hot metal (national.steel_fleet draws 0.14–0.16)
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class PlantExports:
    """One plant's exports to the EU for the demo table."""

    sector: str
    sector_zh: str
    credit_code: str
    name: str
    province: str
    exported_t: float
    embedded_tco2: float
    default_tco2: float
    cost_actual_eur: Decimal
    cost_default_eur: Decimal

    @property
    def saving_eur(self) -> Decimal:
        return self.cost_default_eur - self.cost_actual_eur

    def as_dict(self) -> dict[str, Any]:
        return {
            "sector": self.sector, "sector_zh": self.sector_zh, "credit_code": self.credit_code, "name": self.name,
            "province": self.province, "exported_t": round(self.exported_t, 1),
            "embedded_tco2": round(self.embedded_tco2, 1), "default_tco2": round(self.default_tco2, 1),
            "cost_actual_eur": str(self.cost_actual_eur), "cost_default_eur": str(self.cost_default_eur),
            "saving_eur": str(self.saving_eur),
        }  # fmt: skip


def _good(cn: str, produced: float, exported: float, year: int, route: str = "") -> Row:
    return {"kind": "good", "cn_code": cn, "route": route, "produced_t": round(produced, 1),
            "exported_t": round(exported, 1), "period": year}  # fmt: skip


def _own(cn: str, consumer: str, mass: float, year: int) -> Row:
    return {"kind": "precursor", "cn_code": cn, "origin": "own", "consumed_by": consumer,
            "mass_t": round(mass, 1), "period": year}  # fmt: skip


def steel_goods(result: Any, seed: int = DEFAULT_SEED) -> GoodsInput:
    rng = random.Random(f"{seed}:{result.year}:{result.credit_code}")
    year, crude = result.year, result.crude_steel_t
    rows: list[Row] = []
    bfg = sum(o.quantity for p in result.processes if p.process == "ironmaking" for o in p.outputs
              if o.fuel == "blast_furnace_gas")  # fmt: skip
    hot_metal = bfg / BFG_PER_T_HOT_METAL
    if hot_metal > 0:
        rows.append(_good("7201", hot_metal, 0.0, year))
        rows.append(_own("7201", "72071114", min(hot_metal * 0.98, crude * 1.0), year))
        if any(p.process in ("sintering", "pelletising") for p in result.processes):
            rows.append(_good("26011200", hot_metal * 1.4, 0.0, year))
            rows.append(_own("26011200", "7201", hot_metal * 1.4, year))
    ships = rng.random() < 0.6
    rows.append(_good("72071114", crude, 0.0, year))
    for cn, share, export in (("72083900", 0.6, (0.005, 0.04)), ("72139110", 0.4, (0.0, 0.02))):
        produced = crude * share * 0.97
        exported = produced * rng.uniform(*export) if ships else 0.0
        rows.append(_good(cn, produced, exported, year))
        rows.append(_own("72071114", cn, crude * share, year))
    return parse_goods_rows(list(enumerate(rows, start=2)), f"demo:{result.credit_code}")


def aluminium_goods(result: Any, seed: int = DEFAULT_SEED) -> GoodsInput:
    rng = random.Random(f"{seed}:{result.year}:{result.credit_code}")
    year, metal = result.year, result.output_t
    ships = rng.random() < 0.5
    rolled = metal * 0.4
    rows = [_good("7601", metal, metal * 0.6 * rng.uniform(0.0, 0.01) if ships else 0.0, year)]
    for cn, share in (("76061200", 0.7), ("76071100", 0.3)):
        produced = rolled * share / 1.03
        rows.append(
            _good(cn, produced, produced * rng.uniform(0.005, 0.03) if ships else 0.0, year)
        )
        rows.append(_own("7601", cn, rolled * share, year))
    return parse_goods_rows(list(enumerate(rows, start=2)), f"demo:{result.credit_code}")


GOODS = {"steel": steel_goods, "aluminium": aluminium_goods}


def fleet_cbam(
    sector: str,
    results: Iterable[Any],
    seed: int = DEFAULT_SEED,
    options: CbamOptions = CbamOptions(),
    line_values: Callable[[Any], Mapping[str, Mapping[str, Any]]] | None = None,
) -> list[CbamResult]:
    """The CBAM figures of every accounted installation of a fleet (steel or aluminium), each
    with its allocation as the province determines it: the sector's BP solved over the fleet
    (`line_values`: figures the allocation needs that the synthetic reports do not carry)."""
    make = GOODS[sector]
    producing = [r for r in results if _produces(r)]
    allocated = _determined(sector, producing, line_values)
    return [
        compute(
            sector, r, make(r, seed), replace(options, allocation_tco2=allocated.get(r.credit_code))
        )
        for r in producing
    ]


def _determined(
    sector: str,
    results: list[Any],
    line_values: Callable[[Any], Mapping[str, Mapping[str, Any]]] | None,
) -> dict[str, float]:
    """Each plant's determined allocation (t), the sector's balance value solved over them."""
    from chinaets.allocation.determination import determine
    from chinaets.allocation.inputs import from_accounting

    extra = line_values or (lambda _: {})
    inputs = [from_accounting(sector, None, r, line_values=extra(r)) for r in results]
    inputs = [i for i in inputs if i.units or i.lines]
    if not inputs:
        return {}
    done = determine(inputs, inputs[0].year)
    return {e.credit_code: float(e.final_tco2) for e in done.entities}


def _produces(result: Any) -> bool:
    return float(getattr(result, "crude_steel_t", 0.0) or getattr(result, "output_t", 0.0)) > 0


def plant_exports(sector: str, cbam: Iterable[CbamResult]) -> list[PlantExports]:
    out = []
    for r in cbam:
        inst = r.installation
        out.append(PlantExports(
            sector, inst.sector_zh, inst.credit_code, inst.name, inst.province, r.exported_t,
            r.embedded_exported_tco2, sum(g.row.exported_t * g.see_default for g in r.goods),
            r.cost_actual_eur, r.cost_default_eur,
        ))  # fmt: skip
    return out
