"""The calculation-based side of the reconciliation: per unit and month, the emissions the power
accounting computed (``chinaets.mrv.power``), the coal burned (for the FGD estimate) and the
oxidation factor it used — the table ``accounts`` the reconciliation query joins."""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from chinaets.mrv.power.results import EntityResult, UnitResult
from chinaets.mrv.power.schema import fuels
from chinaets.mrv.power.sector import SECTOR

SCHEMA = pa.schema(
    [
        ("sector", pa.string()),
        ("credit_code", pa.string()),
        ("province", pa.string()),
        ("unit_id", pa.string()),
        ("year", pa.int32()),
        ("month", pa.int32()),
        ("acct_t", pa.float64()),
        ("coal_t", pa.float64()),
        ("oxidation", pa.float64()),
        ("running_hours", pa.float64()),
        ("generation_mwh", pa.float64()),
    ]
)
_COAL = frozenset(c for c, f in fuels().items() if f.category in ("coal", "unconventional_coal"))


def accounts_table(results: Iterable[EntityResult]) -> pa.Table:
    rows = [row for result in results for unit in result.units for row in _unit_rows(result, unit)]
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def _unit_rows(result: EntityResult, unit: UnitResult) -> list[dict[str, object]]:
    production = {m.month: m for m in unit.months}
    rows = []
    for month in sorted({f.month for f in unit.fuel_months}):
        fuel_months = [f for f in unit.fuel_months if f.month == month]
        tco2 = sum(f.tco2 for f in fuel_months)
        oxidised = sum(f.tco2 * (f.oxidation.value if f.oxidation else 1.0) for f in fuel_months)
        made = production.get(month)
        rows.append(
            {
                "sector": SECTOR.name,
                "credit_code": result.credit_code,
                "province": result.province,
                "unit_id": unit.unit_id,
                "year": result.year,
                "month": month,
                "acct_t": tco2,
                "coal_t": sum(f.quantity for f in fuel_months if f.fuel in _COAL),
                "oxidation": oxidised / tco2 if tco2 else 1.0,
                "running_hours": made.running_hours if made else 0.0,
                "generation_mwh": made.generation_mwh if made else 0.0,
            }
        )
    return rows
