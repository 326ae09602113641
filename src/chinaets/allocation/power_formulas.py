"""Power allocation formulas, each version named by the data year it takes effect.

- 2019-01-01  2019–2020 plan: electricity on supplied MWh × cooling × heat-supply × load factors
              (gas: heat-supply factor only); pre-allocation on previous-year output
- 2023-01-01  2023–2024 plan: generated MWh; the single peak-regulation row (F < 65 %) for
              conventional coal only; pre-allocation on previous-year verified emissions
- 2025-01-01  2025–2026 draft: the exponential peak-regulation curve below F = 50 %
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from chinaets.allocation.rules import REF_2019, REF_2023, REF_2025, floor_product, table
from chinaets.allocation.schema import PowerUnitOutput
from chinaets.core.rounding import round_half_up
from chinaets.core.terms import zh_term
from chinaets.rules import DatedFormula, ParametersAt
from chinaets.rules.parameters import UsedValue

CONVENTIONAL_COAL = ("I", "II")
PEAK_ZH = "Ff 调峰修正系数"


@dataclass
class Factor:
    """One correction factor as applied, with the parameters it used."""

    name: str
    value: float
    formula: str
    used: list[UsedValue] = field(default_factory=list)
    name_zh: str = ""
    formula_zh: str = ""  # when the formula has words


@dataclass
class Correction:
    """The product Ff of a unit's correction factors, rounded as the plan says."""

    value: float
    factors: list[Factor]
    decimals: UsedValue | None = None
    missing_load: bool = False  # the factor depends on a load factor the input lacks


CorrectionFormula = Callable[[ParametersAt, PowerUnitOutput, str, float | None], Correction]
electricity_correction: DatedFormula[CorrectionFormula] = DatedFormula(
    "electricity_correction",
    "Correction factor Ff of a unit's electricity allocation",
    "机组供电配额的修正系数 Ff",
)


def _rounded(p: ParametersAt, factors: list[Factor]) -> Correction:
    decimals = p.used("power_correction_factor_decimals")
    product = math.prod(f.value for f in factors) if factors else 1.0
    return Correction(round_half_up(product, int(decimals.value)), factors, decimals)


@electricity_correction.since("2019-01-01", REF_2019)
def cooling_heat_load(
    p: ParametersAt, unit: PowerUnitOutput, category: str, load: float | None
) -> Correction:
    """Coal: F_cool × F_heat × F_load; gas: F_heat. F_heat = 1 − slope × heat-supply ratio."""
    fuel_class = "gas" if category == "IV" else "coal"
    slope = p.used("power_heat_supply_factor_slope", fuel_class)
    ratio = unit.heat_ratio or 0.0
    factors = [
        Factor(
            "F_heat",
            1 - slope.value * ratio,
            f"1 − {slope.value} × {ratio:.6g}",
            [slope],
            "F_heat 供热量修正系数",
        )
    ]
    if fuel_class == "coal":
        cool = p.used("power_cooling_factor", unit.cooling)
        factors.insert(0, Factor("F_cool", float(cool.value), f"{unit.cooling} cooling", [cool],
                                 "F_cool 冷却方式修正系数", zh_term(unit.cooling)))  # fmt: skip
    applies = p.used("power_load_factor_unit_types", unit.unit_type)
    if category in CONVENTIONAL_COAL and applies.value:
        if load is None:
            return Correction(1.0, factors, missing_load=True)
        factors.append(_load_factor(p, load, applies))
    return _rounded(p, factors)


def _load_factor(p: ParametersAt, load: float, applies: UsedValue) -> Factor:
    curve, t = table(p, "power_load_factor_curve")
    if load >= t["full"]:
        value, text = 1.0, f"F = {load:.6g} ≥ {t['full']}"
    elif load >= t["band1_floor"]:
        value = 1 + t["band1_slope"] * (100 * t["full"] - 100 * load)
        text = f"1 + {t['band1_slope']} × ({100 * t['full']:g} − 100F)"
    elif load >= t["band2_floor"]:
        value = t["band2_base"] + t["band2_slope"] * (100 * t["band1_floor"] - 100 * load)
        text = f"{t['band2_base']} + {t['band2_slope']} × ({100 * t['band1_floor']:g} − 100F)"
    else:
        value = t["low_base"] ** (t["low_offset"] - t["low_slope"] * load)
        text = f"{t['low_base']}^({t['low_offset']:g} − {t['low_slope']:g}F), F = {load:.6g}"
    return Factor("F_load", value, text, [curve, applies], "F_load 负荷（出力）系数修正系数")


@electricity_correction.since("2023-01-01", REF_2023)
def peak_regulation_single_row(
    p: ParametersAt, unit: PowerUnitOutput, category: str, load: float | None
) -> Correction:
    """Conventional coal with F < 65 %: 1.015^(16 − 20F); everyone else 1 (the table's one row)."""
    if category not in CONVENTIONAL_COAL:
        return _rounded(p, [])
    if load is None:
        return Correction(1.0, [], missing_load=True)
    curve, t = table(p, "power_peak_regulation_curve")
    if load >= t["threshold"]:
        text = f"F = {load:.6g} ≥ {t['threshold']}"
        return _rounded(p, [Factor("Ff peak regulation", 1.0, text, [curve], PEAK_ZH)])
    value = t["base"] ** (t["offset"] - t["slope"] * load)
    text = f"{t['base']}^({t['offset']:g} − {t['slope']:g} × {load:.6g})"
    return _rounded(p, [Factor("Ff peak regulation", value, text, [curve], PEAK_ZH)])


@electricity_correction.since("2025-01-01", REF_2025)
def peak_regulation_curve(
    p: ParametersAt, unit: PowerUnitOutput, category: str, load: float | None
) -> Correction:
    """Conventional coal with F < 50 % (F in %): 7.254 − 0.633(1 − e^(−F/29.822)) − 5.643(1 − e^(−F/6.871))."""
    if category not in CONVENTIONAL_COAL:
        return _rounded(p, [])
    if load is None:
        return Correction(1.0, [], missing_load=True)
    curve, t = table(p, "power_peak_regulation_curve")
    pct = load * 100
    if pct >= t["threshold_pct"]:
        return _rounded(
            p,
            [
                Factor(
                    "Ff peak regulation",
                    1.0,
                    f"F = {pct:.4g} % ≥ {t['threshold_pct']:g} %",
                    [curve],
                    PEAK_ZH,
                )
            ],
        )
    value = (
        t["constant"]
        - t["a1"] * (1 - math.exp(-pct / t["tau1"]))
        - t["a2"] * (1 - math.exp(-pct / t["tau2"]))
    )
    text = (
        f"{t['constant']} − {t['a1']}(1 − e^(−F/{t['tau1']})) − {t['a2']}(1 − e^(−F/{t['tau2']})), "
        f"F = {pct:.4g} %"
    )
    return _rounded(p, [Factor("Ff peak regulation", value, text, [curve], PEAK_ZH)])


# --- pre-allocation ----------------------------------------------------------------------------

PreAllocation = Callable[
    [ParametersAt, PowerUnitOutput, str | None, float | None], tuple[int | None, str]
]
pre_allocation: DatedFormula[PreAllocation] = DatedFormula(
    "power_pre_allocation",
    "Allowances issued to a unit before its year is verified",
    "机组年度核查前的预分配配额",
)


@pre_allocation.since("2019-01-01", REF_2019)
def on_previous_output(
    p: ParametersAt, unit: PowerUnitOutput, category: str | None, province_share: float | None
) -> tuple[int | None, str]:
    """share × (previous-year supplied MWh × Be + previous-year heat × Bh), floored."""
    if category is None or unit.prev_output_mwh is None:
        return None, NOT_GIVEN[0]
    share = _share(p, province_share)
    be, bh = p("power_benchmark_electricity", category), p("power_benchmark_heat", category)
    amount = floor_product(share, unit.prev_output_mwh, be) + floor_product(
        share, unit.prev_heat_gj or 0.0, bh
    )
    return (
        amount,
        f"{share} × ({unit.prev_output_mwh:g} MWh × {be} + {unit.prev_heat_gj or 0:g} GJ × {bh})",
    )


@pre_allocation.since("2023-01-01", REF_2023)
def on_previous_verified(
    p: ParametersAt, unit: PowerUnitOutput, category: str | None, province_share: float | None
) -> tuple[int | None, str]:
    """share × the unit's previous-year verified emissions, floored (e.g. 1,789.70 → 1,789)."""
    if unit.prev_verified_tco2 is None:
        return None, NOT_GIVEN[1]
    share = _share(p, province_share)
    return floor_product(share, unit.prev_verified_tco2), f"{share} × {unit.prev_verified_tco2:g} t"


NOT_GIVEN = ("no previous-year output given", "no previous-year verified emissions given")
_NOT_GIVEN_ZH = dict(
    zip(NOT_GIVEN, ("未提供上一年度产出", "未提供上一年度核查排放量"), strict=True)
)


def pre_allocation_zh(formula: str) -> str:
    """A pre-allocation's formula as a Chinese reader reads it (its figures as they are; why
    there is none, in words)."""
    return _NOT_GIVEN_ZH.get(formula, "")


def _share(p: ParametersAt, province_share: float | None) -> float:
    """The plan's share, or the lower share a province set (D25 §四(一)1: provinces may lower it)."""
    plan = float(p("power_pre_allocation_share"))
    return plan if province_share is None else min(plan, province_share)
