"""Verification checks of a power report (CETS-VG-01.01-V02-2026): findings, not rejections.

A report that loads is accounted whatever the checks say; the checks tell the entity and its
verifier what to explain or correct. Every threshold is a dated, cited parameter
(``parameters/check_*.yaml``); every finding has a stable code:

=====================  ========  =============================================================
code                   severity  finding
=====================  ========  =============================================================
PWR-CC-SWITCH          error     a fuel measured earlier in the year falls back to the default
PWR-FC-PRIORITY        error     coal metered as received although the unit meters it as fired
PWR-EFF-CHP            error     CHP (generation × 3.6 + heat) / Σ(FC × NCV) not below 1
                                 (warning for a single month)
PWR-EFF-CONDENSING     error     condensing generation × 3.6 / Σ(FC × NCV) not below 46 %
                                 (warning for a single month)
PWR-LF-RANGE           error     utilisation hours exceed running hours (load factor above 1)
PWR-HOURS-MONTH        error     running hours exceed the hours of the month
PWR-PROD-NO-FUEL       error     generation or heat in a month without fuel
PWR-CC-RANGE           warning   measured coal C_ar / NCV far from its type's reference
PWR-DAF-RANGE          warning   dry-ash-free carbon outside its coal type's range
PWR-GAS-CARBON         warning   gas carbon outside 4.37–6.10 tC/10^4 Nm3
PWR-GAS-NCV            warning   gas NCV outside 285.0–398.3 GJ/10^4 Nm3
PWR-LAB-REJECTED       warning   a lab result the lab rules reject (replaced by the default)
PWR-CC-DEFAULT         warning   a coal month on the (high) default carbon content
PWR-CC-FEW-MEASURED    warning   fewer measured coal months than the June-2022 rule asks
PWR-LF-BAND            warning   annual load factor outside the plausibility band
PWR-MONTH-MISSING      warning   a month with no row while other months have data
PWR-PROD-NONE          warning   a unit without production data
PWR-FUEL-NO-PROD       warning   fuel burned in a month without generation or heat
PWR-HEAT-CONDENSING    warning   a condensing unit supplies heat
PWR-HEAT-CHP-NONE      warning   a CHP unit supplies no heat
PWR-BIOMASS-SHARE      warning   biomass co-firing share above the allocation limit
PWR-BIOMASS-UNDECLARED warning   biomass burned but no co-firing share declared
PWR-FC-AS-RECEIVED     info      coal metered as received all year
=====================  ========  =============================================================
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from chinaets.mrv.findings import Finding
from chinaets.mrv.power import checks_fuel, checks_output
from chinaets.mrv.power.checks_base import CheckContext
from chinaets.mrv.power.results import EntityResult
from chinaets.mrv.power.schema import PowerReport

Check = Callable[[CheckContext], Iterable[Finding]]

CHECKS: tuple[Check, ...] = (
    checks_fuel.coal_carbon_per_heat,
    checks_fuel.daf_carbon,
    checks_fuel.gas_quality,
    checks_fuel.rejected_lab_results,
    checks_fuel.carbon_measurement,
    checks_fuel.metering_priority,
    checks_output.efficiency,
    checks_output.hours_and_load,
    checks_output.missing_months,
    checks_output.fuel_versus_output,
    checks_output.heat_supply,
    checks_output.biomass_cofiring,
)

_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def check(report: PowerReport, result: EntityResult) -> list[Finding]:
    """Every finding on the report: errors first, then warnings, then info; within a severity
    by unit (in the report's order), month, code and field."""
    ctx = CheckContext(report, result)
    findings = [finding for run in CHECKS for finding in run(ctx)]
    unit_rank = {u.unit_id: i for i, u in enumerate(report.units)}

    def order(f: Finding) -> tuple[int, int, int, str, str, str]:
        unit = -1 if f.unit_id is None else unit_rank.get(f.unit_id, len(unit_rank))
        return (_SEVERITY_RANK[f.severity], unit, f.month or 0, f.code, f.field or "", f.en)

    return sorted(findings, key=order)
