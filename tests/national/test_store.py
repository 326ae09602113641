"""DuckDB and Parquet storage and the national summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from chinaets.demo.check_figures import power_coverage
from chinaets.national import store

from .conftest import YEAR, National


def test_summary_equals_the_sum_of_entity_results(national: National) -> None:
    summary = store.national_summary(national.con, YEAR)
    direct = sum(r.direct_tco2 for r in national.results) / 1e6
    assert summary.total.mt_co2 == pytest.approx(direct, rel=1e-12)
    assert store.entity_total_mt(national.con, YEAR) == pytest.approx(direct, rel=1e-12)
    assert summary.total.entities == len(national.results)
    assert summary.total.units == sum(len(r.units) for r in national.results)
    assert sum(r.mt_co2 for r in summary.by_province) == pytest.approx(summary.total.mt_co2)
    assert sum(r.units for r in summary.by_category) == summary.total.units
    assert [r.key for r in summary.by_category] == ["I", "II", "III", "IV"]


def test_total_lands_near_the_published_figure(national: National) -> None:
    summary = store.national_summary(national.con, YEAR)
    check = power_coverage(YEAR)
    assert check.year == YEAR and "2,096" in check.source
    assert 0.85 < summary.total.mt_co2 / check.covered_mt < 1.15
    assert 1000 < summary.total.capacity_gw < 1400


def test_long_table_has_one_value_per_index(national: National) -> None:
    index = ", ".join(store.LONG_INDEX)
    duplicates = national.con.execute(
        f"SELECT {index}, count(*) FROM power_results GROUP BY ALL HAVING count(*) > 1 LIMIT 5"
    ).fetchall()
    assert duplicates == []
    monthly = national.con.execute(
        "SELECT sum(value) / 1e6 FROM power_results WHERE month IS NOT NULL "
        "AND variable LIKE 'emissions|%'"
    ).fetchone()
    assert monthly is not None
    assert monthly[0] == pytest.approx(
        store.national_summary(national.con, YEAR).total.mt_co2, rel=1e-9
    )


def test_parquet_round_trip(national: National, tmp_path: Path) -> None:
    paths = store.export_parquet(national.con, tmp_path)
    assert [p.name for p in paths] == [f"{t}.parquet" for t in store.TABLES]
    con = store.connect()
    row = con.execute(f"SELECT count(*) FROM '{paths[1]}'").fetchone()
    assert row is not None and row[0] == sum(len(r.units) for r in national.results)


def test_check_figure_of_a_later_year_falls_back() -> None:
    assert power_coverage(2026).year == 2023
    assert power_coverage(2021).covered_gt == pytest.approx(5.094)
