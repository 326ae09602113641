"""The read model built from Summaries: tables, partitions, totals, listings, the registry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.dataset as pds
import pytest

from chinaets.core.china import PROVINCES
from chinaets.core.errors import InputError
from chinaets.mrv.sectors import Summary
from chinaets.national.readmodel import TABLES, Listing, ReadModel, build_read_model
from chinaets.national.readmodel.build import split_unit
from chinaets.registry import records as r
from chinaets.registry.ids import enterprise_account
from chinaets.registry.serials import unit_class
from chinaets.registry.service import Registry


def test_every_table_is_written_with_the_dictionary_columns(model_dir: Path) -> None:
    for name, spec in TABLES.items():
        folder = model_dir / name
        assert folder.is_dir(), name
        if not any(folder.rglob("*.parquet")):
            continue
        data = pds.dataset(folder, format="parquet", partitioning="hive").to_table()
        assert set(data.column_names) == set(spec.column_names), name
        if spec.partition:
            parts = {
                p.parent.relative_to(folder).parts[0].split("=")[0]
                for p in folder.rglob("*.parquet")
            }
            assert parts == {spec.partition[0]}


def test_totals_by_sector_add_up_the_summaries(
    model: ReadModel, example_summaries: list[Summary]
) -> None:
    rows = {r["key"]: r for r in model.totals("sector")}
    for s in example_summaries:
        assert rows[s.sector]["emissions_t"] == pytest.approx(s.total_emissions_t)
        assert rows[s.sector]["obligation_t"] == pytest.approx(s.obligation_t)
        assert rows[s.sector]["units"] == len(s.perimeter)
    assert set(rows) == {"power", "cement", "aluminium", "steel", "toy"}


def test_a_discovered_sector_is_in_every_table_and_only_reports(model: ReadModel) -> None:
    toy = model.entity("91110000TOYSECTOR1")
    assert toy is not None and toy["status"] == "reporting" and toy["province"] == "Beijing"
    assert [u["kind"] for u in model.of_entity("units", toy)] == ["installation"]
    assert [(v["variable"], v["unit"]) for v in model.of_entity("entity_values", toy)] == [
        ("output", "t")
    ]


def test_provinces_are_stored_by_their_english_name(model: ReadModel) -> None:
    provinces = {row["key"] for row in model.totals("province")}
    assert provinces <= set(PROVINCES)


def test_listing_sorts_pages_and_searches(model: ReadModel) -> None:
    first = model.page("entities", Listing(sort="obligation_t", descending=True, per_page=2))
    assert first.total == 5 and first.pages == 3 and len(first.rows) == 2
    assert [r["obligation_t"] for r in first.rows] == sorted(
        (r["obligation_t"] for r in first.rows), reverse=True
    )
    last = model.page("entities", Listing(sort="obligation_t", descending=True, page=3, per_page=2))
    assert len(last.rows) == 1 and last.rows[0]["obligation_t"] == 0.0
    found = model.page("entities", Listing(search="水泥"))
    assert [r["sector"] for r in found.rows] == ["cement"]
    assert model.page("entities", Listing(search="91130000ma0c")).total == 1  # any case


def test_hostile_listing_input_is_data_not_sql(model: ReadModel) -> None:
    hostile = model.page("entities", Listing(search="'; DROP TABLE entities; --", sort="1; --"))
    assert hostile.total == 0
    assert model.page("entities", Listing()).total == 5
    with pytest.raises(InputError, match="no column"):
        model.page("entities", Listing(where={"name; --": 1}))
    with pytest.raises(InputError, match="no table"):
        model.page("pg_catalog", Listing())


def test_scope_restricts_rows_to_what_a_viewer_may_see(model: ReadModel) -> None:
    own = model.page("entities", Listing(scope_codes=["91130000MA0C7E1NXA"]))
    assert [r["sector"] for r in own.rows] == ["steel"]
    assert model.page("entities", Listing(scope_provinces=["Hebei"])).total == 1
    assert model.page("units", Listing(scope_codes=[])).total == 0


def test_monthly_values_where_the_sector_has_months(model: ReadModel) -> None:
    months = model.page("monthly_values", Listing(where={"sector": "aluminium"}, per_page=500))
    assert {r["month"] for r in months.rows} == set(range(1, 13))
    assert model.page("monthly_values", Listing(where={"sector": "cement"})).total == 0


def test_category_totals_of_the_power_units(model: ReadModel) -> None:
    rows = model.category_totals(2023)
    assert [(r["sector"], r["category"], r["units"]) for r in rows] == [("power", "II", 2)]


def test_variable_names_carry_their_unit() -> None:
    assert split_unit("emissions_direct_tco2") == ("emissions_direct", "tCO2")
    assert split_unit("emissions_pfc_tco2e") == ("emissions_pfc", "tCO2e")
    assert split_unit("capacity_mw") == ("capacity", "MW")
    assert split_unit("generation_mwh") == ("generation", "MWh")
    assert split_unit("route_bf_bof") == ("route_bf_bof", "1")


def test_rebuilding_replaces_the_tables(tmp_path: Path, example_summaries: list[Summary]) -> None:
    build_read_model(example_summaries, tmp_path)
    build_read_model(example_summaries[:1], tmp_path)
    assert ReadModel.open(tmp_path).page("entities", Listing()).total == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_registry_tables_give_the_compliance_position(
    tmp_path: Path, example_summaries: list[Summary]
) -> None:
    steel = next(s for s in example_summaries if s.sector == "steel")
    registry = Registry.open(f"sqlite:///{tmp_path / 'registry.db'}")
    registry.init()
    open_account = r.OpenAccount(r.AccountKind.HOLDING, steel.credit_code, steel.name, "13")
    registry.execute(r.SYSTEM, "open", open_account)
    cea = unit_class("CEA", "2024")
    registry.execute(r.SYSTEM, "issue", r.Issue("MEE", enterprise_account(steel.credit_code), cea, 700_000, r.IssueKind.PRE_ALLOCATION))  # fmt: skip
    build_read_model(example_summaries, tmp_path / "rm", registry=registry)
    model = ReadModel.open(tmp_path / "rm")
    position = model.compliance_position(steel.credit_code, 2024)
    assert position == {
        "obligation_t": 802803,
        "surrendered_t": None,
        "free_t": 700_000,
        "frozen_t": 0,
    }
    totals = model.registry_totals()
    assert [(u["unit"], u["free_t"]) for u in totals["units"]] == [("CEA-2024", 700_000)]
    account = model.page("accounts", Listing(search=steel.credit_code[:8].lower()))
    assert account.total == 1 and account.rows[0]["province"] == "Hebei"
    assert account.rows[0]["held_t"] == 700_000


def test_the_same_report_twice_is_refused(tmp_path: Path, example_summaries: list[Summary]) -> None:
    with pytest.raises(InputError, match="two steel reports") as caught:
        build_read_model([*example_summaries, example_summaries[3]], tmp_path)
    assert "两次" in caught.value.render()
    assert not (tmp_path / "entities").exists()


QUESTIONS = (
    ("totals by sector", lambda m: m.totals("sector")),
    ("totals by province", lambda m: m.totals("province", 2025)),
    ("sector totals", lambda m: m.sector_totals(2025)),
    ("categories", lambda m: m.category_totals(2023)),
    ("entities page", lambda m: m.page("entities", Listing(sort="intensity", descending=True, per_page=2, page=2)).rows),
    ("search", lambda m: m.page("units", Listing(search="l1")).rows),
    ("months", lambda m: m.page("monthly_values", Listing(where={"sector": "aluminium"}, per_page=500)).rows),
)  # fmt: skip


def _engines() -> list[str]:
    """DuckDB reading the files, DuckDB with the tables loaded, and Spark where it is installed
    (`chinaets.analytics` names it; the test is skipped without it)."""
    return ["duckdb-files", "duckdb-memory", "spark"]


def _open(model_dir: Path, kind: str) -> ReadModel:
    if kind == "spark":
        from chinaets.analytics.engine import open_engine

        try:
            engine = open_engine("spark", master="local[1]")
        except (ValueError, ImportError) as exc:
            pytest.skip(f"no Spark engine here: {exc}")
        return ReadModel.open(model_dir, engine)
    return ReadModel.open(model_dir, in_memory=kind == "duckdb-memory")


@pytest.mark.parametrize("kind", _engines()[1:])
@pytest.mark.parametrize(("name", "question"), QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_the_same_answers_on_every_engine(
    model_dir: Path, name: str, question: Any, kind: str
) -> None:
    """Each question on another engine (or the same engine holding the tables in memory)
    gives the same rows, in the same order, as DuckDB reading the Parquet files."""
    reference, other = _open(model_dir, "duckdb-files"), _open(model_dir, kind)
    try:
        assert question(other) == question(reference), name
    finally:
        other.close()


def test_every_query_is_written_for_the_other_engine_too(model: ReadModel) -> None:
    """Each question's SQL transpiles from DuckDB's dialect to Spark's (the Spark engine runs
    the same text through sqlglot)."""
    sqlglot = pytest.importorskip("sqlglot")
    from chinaets.national.readmodel import model as module

    texts = [getattr(module, n) for n in dir(module) if n.endswith("_SQL")]
    assert len(texts) >= 6
    for text in texts:
        sql = text.format(key="sector", where="", group="")
        assert sqlglot.transpile(sql, read="duckdb", write="spark")
