"""The CBAM parameters in force for one declaration: lookups that keep their source for traces.

Parameters are dated by the EU act's application: the year of **import** selects the mark-up, the
CBAM factor, the benchmarks and the certificate price; the year of **production** selects the China
side (CEA price, exchange rate). CN codes are matched by their longest listed prefix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from chinaets.core.errors import RulesError
from chinaets.rules import ParametersAt, ParameterSet
from chinaets.rules.lawbook import LawBook
from chinaets.rules.parameters import UsedValue

LAW = LawBook("cbam", "欧盟碳边境调节机制（CBAM）", Path(__file__).parent)
"""The CBAM law book: EU acts as dated, cited parameters, and the worked cases."""
PARAMETERS_DIR = LAW.parameter_dir
CASES_DIR = LAW.cases_dir
NO_ROUTE = "-"
COUNTRY = "CN"


def parameters() -> ParameterSet:
    return LAW.parameters()


def first_import_year() -> int:
    """The first year of import the definitive period covers: the year of its start in the key
    dates (the latest dated value, so an amendment that moves the start moves this too)."""
    dates = parameters()["dates"].values[-1].value
    if not isinstance(dates, Mapping) or "definitive_period_start" not in dates:
        raise RulesError("parameter dates has no definitive_period_start / dates 缺少正式期起始日")
    return dt.date.fromisoformat(str(dates["definitive_period_start"])).year


def normalise_cn(code: object) -> str:
    """A CN/TARIC code as digits only ("7208 39 00" -> "72083900")."""
    return "".join(ch for ch in str(code) if ch.isdigit())


def longest_prefix(code: str, table: Mapping[str, object]) -> str | None:
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return code[:length]
    return None


class CbamLaw:
    """CBAM law for goods produced in `production_year` and imported in `import_year`."""

    def __init__(self, import_year: int, production_year: int, quarter: int = 1) -> None:
        first = first_import_year()
        if import_year < first:
            raise RulesError(
                f"the CBAM definitive period starts with imports in {first}, not "
                f"{import_year} / CBAM 正式期自 {first} 年进口起适用"
            )
        self.import_year = import_year
        self.production_year = production_year
        self.quarter = quarter
        self.at: ParametersAt = parameters().at(dt.date(import_year, 1, 1))
        self.china: ParametersAt = parameters().at(dt.date(production_year, 1, 1))
        self.price_day: ParametersAt = parameters().at(dt.date(import_year, 3 * quarter - 2, 1))
        self._categories: dict[str, str | None] = {}

    @staticmethod
    def of(import_year: int, production_year: int, quarter: int = 1) -> CbamLaw:
        """One shared instance per declaration period (its lookups are cached)."""
        return _law(import_year, production_year, quarter)

    def table(self, name: str) -> Mapping[str, Any]:
        """A table parameter's whole value as in force on the import date."""
        value = self.at.dated(name).value
        if not isinstance(value, Mapping):
            raise RulesError(f"parameter {name} is not a table / 参数 {name} 不是表")
        return value

    # --- goods and boundaries ------------------------------------------------------------------

    def category(self, cn: str) -> str | None:
        """The aggregated goods category of a CN code, or None when outside the CBAM."""
        if cn not in self._categories:
            table = self.table("category")
            key = longest_prefix(cn, table)
            self._categories[cn] = None if key is None else str(table[key])
        return self._categories[cn]

    def category_used(self, cn: str) -> UsedValue:
        key = longest_prefix(cn, self.table("category"))
        if key is None:
            raise RulesError(f"CN {cn} is outside the CBAM")
        return self.at.used("category", key)

    def indirect_counted(self, category: str) -> UsedValue:
        return self.at.used("indirect_counted", category)

    def sector(self, category: str) -> str:
        return str(self.at("category_sector", category))

    def is_precursor(self, category: str, precursor: str) -> bool:
        table = self.table("precursor")
        return bool(table.get(category, {}).get(precursor, False))

    def required_precursor(self, category: str, route: str) -> str | None:
        table = self.table("required_precursor").get(category)
        if not table:
            return None
        needed = table.get(route, table.get(NO_ROUTE, NO_ROUTE))
        return None if needed == NO_ROUTE else str(needed)

    def route_for(self, china_route: str) -> str:
        return str(self.table("route_of_china_route").get(china_route, NO_ROUTE))

    def is_waste_gas(self, fuel: str) -> bool:
        return bool(self.table("waste_gas_fuel").get(fuel, False))

    # --- default values and mark-up -----------------------------------------------------------

    def default_value(self, cn: str, route: str, origin: str = COUNTRY) -> tuple[UsedValue, str]:
        """The default value (total, without mark-up) for `cn` of `origin`, and the route letter
        of its row. China's table first; a missing or '-' value goes to "Other countries"."""
        tables = ("default_value_cn", "default_value_other") if origin == COUNTRY else ()
        for name in (*tables, "default_value_other"):
            key = _row_key(cn, route, self.table(name))
            if key is not None and isinstance(self.at(name, key, "total"), int | float):
                return self.at.used(name, key, "total"), str(self.at(name, key, "route"))
        raise RulesError(
            f"no EU default value found for CN {cn} (origin {origin}) / 未找到 CN {cn} 的默认值"
        )

    def markup(self, category: str) -> UsedValue:
        return self.at.used("markup", self.sector(category))

    def markup_precursor_defaults(self) -> UsedValue:
        return self.at.used("markup_on_precursor_defaults")

    # --- free-allocation adjustment -------------------------------------------------------------

    def cbam_factor(self) -> UsedValue:
        return self.at.used("cbam_factor")

    def cscf(self) -> UsedValue:
        return self.at.used("cscf")

    def benchmark(self, column: str, cn: str, category: str, route: str) -> UsedValue:
        """Column A (actual) or B (default) benchmark of the good; the category's stand-in
        (marked UNCERTAIN) when the code's own row was not read."""
        name = "benchmark_actual" if column == "A" else "benchmark_default"
        table = self.table(name)
        key = longest_prefix(cn, table)
        if key is not None:
            row = table[key]
            if route in row:
                return self.at.used(name, key, route)
            if NO_ROUTE in row:
                return self.at.used(name, key, NO_ROUTE)
        fallback = self.table("benchmark_fallback")[column].get(category, {})
        if route in fallback or NO_ROUTE in fallback:
            return self.at.used(
                "benchmark_fallback", column, category, route if route in fallback else NO_ROUTE
            )
        raise RulesError(f"no CBAM benchmark for CN {cn} route {route} / 无 CBAM 基准值")

    # --- prices ---------------------------------------------------------------------------------

    def certificate_price(self) -> UsedValue:
        return self.price_day.used("certificate_price")

    def cea_price(self) -> UsedValue:
        return self.china.used("cea_average_price")

    def fx(self) -> UsedValue:
        return self.china.used("fx_cny_per_eur")

    def grid_ef(self) -> UsedValue:
        return self.at.used("grid_ef_default")

    def waste_gas(self, term: str) -> UsedValue:
        return self.at.used("waste_gas", term)

    def hot_metal_carbon(self) -> UsedValue:
        return self.at.used("hot_metal_carbon")

    def coking_to_pig_iron(self) -> UsedValue:
        return self.at.used("coking_attribution")


@cache
def _law(import_year: int, production_year: int, quarter: int) -> CbamLaw:
    return CbamLaw(import_year, production_year, quarter)


def _row_key(cn: str, route: str, table: Mapping[str, Any]) -> str | None:
    """The default-value row of a code: its longest listed prefix, else the longer (TARIC)
    codes under it, preferring the good's route and then the highest value (the conservative
    reading when several rows fit)."""
    key = longest_prefix(cn, table)
    if key is not None:
        return key
    under = [k for k in table if k.startswith(cn)]
    if not under:
        return None
    same_route = [k for k in under if table[k].get("route") == route] or under
    return max(same_route, key=lambda k: _number(table[k].get("total")))


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else -1.0
