"""CEMS computations on an analytics engine: hourly mass, validity, substitution and totals.

Each output is one SQL text assembled from the files in ``sql/`` (unit-hours, the substitution
regime, day totals, then the output's SELECT) and run unchanged on DuckDB or Spark. Every number
comes from the dated parameters as a bound ``$name`` value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from chinaets.analytics.engine import Engine
from chinaets.cems import rules
from chinaets.cems.sql import query
from chinaets.cems.store import CemsStore
from chinaets.core.errors import InputError, Location

OUTPUTS = ("hour_series", "totals_day", "totals_month", "totals_year", "reconcile")
BLOCK = 60  # valid hours per block of the HJ 75 lookback maximum (divides every lookback)


@dataclass(frozen=True)
class Period:
    """A run of whole hours [start, end) in local clock time."""

    start: dt.datetime
    end: dt.datetime

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        nxt = dt.datetime(year + month // 12, month % 12 + 1, 1)
        return cls(dt.datetime(year, month, 1), nxt)

    def calendar(self) -> pa.Table:
        hours = int((self.end - self.start).total_seconds() // 3600)
        start_us = int(self.start.replace(tzinfo=dt.UTC).timestamp() * 1_000_000)
        stamps = pa.array(range(start_us, start_us + hours * 3_600_000_000, 3_600_000_000))
        return pa.table({"ts": stamps.cast(pa.int64()).cast(pa.timestamp("us"))})


def check_regime(regime: str) -> str:
    if regime not in rules.REGIMES:
        raise InputError.one(
            Location(field="regime"),
            f"unknown substitution rule {regime!r}",
            f"未知的数据修约规则 {regime!r}",
            f"use one of {', '.join(rules.REGIMES)}",
            f"请使用 {', '.join(rules.REGIMES)} 之一",
        )
    return regime


def sql_for(output: str, regime: str) -> str:
    """The whole query text of `output` under substitution `regime`."""
    body = query("hours") + query(f"subst_{check_regime(regime)}") + query("days")
    return "WITH " + body + "\n" + query(output)


def params_for(period: Period, unit: str | None = None) -> dict[str, Any]:
    values = rules.sql_params(period.start.year)
    for name in ("short_lookback", "long_lookback", "low_alpha_lookback"):
        if int(values[name]) % BLOCK:
            raise ValueError(f"{name} must be a multiple of {BLOCK} valid hours")
    flags = rules.flag_treatment(period.start.year)
    values.update(
        start=period.start,
        end=period.end,
        unit=unit,
        valid_flags="".join(f for f, t in flags.items() if t == "valid"),
        stopped_flags="".join(f for f, t in flags.items() if t == "stopped"),
    )
    return values


def prepare(engine: Engine, store: CemsStore, period: Period) -> None:
    """Register the store's tables, the period's hour calendar and the treatment of operating
    marks on `engine`."""
    store.register(engine)
    engine.register_arrow("calendar", period.calendar())
    treatment = rules.mark_treatment(period.start.year)
    engine.register_arrow(
        "marks", pa.table({"mark": list(treatment), "treatment": list(treatment.values())})
    )


def run(
    engine: Engine, output: str, period: Period, regime: str = "hj75", unit: str | None = None
) -> pa.Table:
    """One output (``OUTPUTS``) over the tables registered by `prepare`."""
    if output not in OUTPUTS:
        raise ValueError(f"unknown CEMS output {output!r}")
    return engine.query(sql_for(output, regime), params_for(period, unit))
