"""The six reporting sectors: discovered as folders, reporting not trading, each with its worked
cases, example report, supplementary table, intensity denominator and platform summary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.web.conftest import TestClient
from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.mrv.findings import has_errors
from chinaets.mrv.sectors import Summary, sectors
from chinaets.rules.cases import load_cases
from chinaets.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
REPORTING = ("petrochemicals", "chemicals", "flat_glass", "copper", "paper", "aviation")
EXAMPLES = {s: ROOT / "examples" / f"{s.replace('_', '-')}-report-2025.json" for s in REPORTING}


def test_the_six_sectors_report_and_come_after_the_trading_ones() -> None:
    found = sectors()
    assert {n for n, s in found.items() if s.status == "reporting"} >= set(REPORTING)
    last_trading = max(s.order for s in found.values() if s.status == "trading")
    assert all(found[n].order > last_trading for n in REPORTING)
    assert [n for n in found if n in REPORTING] == list(REPORTING)  # N26's order


@pytest.mark.parametrize("sector", REPORTING)
def test_at_least_four_worked_cases_and_one_rejection(sector: str) -> None:
    cases = load_cases(sectors()[sector].cases_dir)
    assert len([c for c in cases if not c.expect_error]) >= 4
    assert any(c.expect_error for c in cases)


@pytest.mark.parametrize("sector", REPORTING)
def test_example_accounts_checks_and_summarises(sector: str) -> None:
    spec = sectors()[sector]
    report = spec.load(EXAMPLES[sector], None)
    result = spec.account(report)
    assert not has_errors(spec.check(report, result))
    assert spec.summary is not None
    summary = spec.summary(result)
    assert isinstance(summary, Summary) and summary.sector == sector
    assert summary.obligation_t == 0.0
    assert summary.total_emissions_t == pytest.approx(result.total_tco2e)
    assert summary.intensity is not None and summary.intensity.unit == result.output_unit[0]
    assert summary.intensity.value == pytest.approx(result.template_tco2 / result.output)
    assert sum(u.emissions_t for u in summary.perimeter) == pytest.approx(result.total_tco2e)


@pytest.mark.parametrize("sector", REPORTING)
def test_supplementary_table_adds_up(sector: str) -> None:
    spec = sectors()[sector]
    result = spec.account(spec.load(EXAMPLES[sector], None))
    tables = spec.report_tables(result)
    assert set(tables) >= {"entity", "facilities", "sources", "supplementary"}
    items = {(r["unit_id"], r["code"]): r["value"] for r in tables["supplementary"]}
    for f in result.facilities:
        parts = [v for (u, c), v in items.items() if u == f.unit_id and re.fullmatch(r"1\.\d+", c)]
        assert items[(f.unit_id, "1")] == pytest.approx(sum(parts), abs=0.02)
        assert items[(f.unit_id, "2")] == f.output
    assert sum(f.template_tco2 for f in result.facilities) == pytest.approx(result.template_tco2)
    assert all(k in spec.column_labels for k in tables["entity"][0])


@pytest.mark.parametrize("sector", REPORTING)
def test_trace_cites_every_parameter_with_its_uncertainty(sector: str) -> None:
    spec = sectors()[sector]
    text = "\n".join(spec.account(spec.load(EXAMPLES[sector], None)).trace().lines())
    assert "in force from" in text and "UNCERTAIN" in text


@pytest.mark.parametrize("sector", REPORTING)
def test_every_parameter_is_cited_and_unconfirmed_values_are_flagged(sector: str) -> None:
    for parameter in sectors()[sector].parameters().values():
        for value in parameter.values:
            assert value.reference, parameter.name
            if "[C]" in value.reference or "screening" in value.reference:
                assert value.uncertain, f"{parameter.name} {value.start} is not confirmed"


@pytest.mark.parametrize("sector", REPORTING)
def test_cli_account_writes_the_tables(sector: str, tmp_path: Path) -> None:
    out = tmp_path / "tables.xlsx"
    result = CliRunner().invoke(
        app, ["account", str(EXAMPLES[sector]), "--json", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.is_file() and json.loads(result.output)["sector"] == sector


@pytest.mark.parametrize("sector", REPORTING)
def test_template_round_trips_through_excel(sector: str, tmp_path: Path) -> None:
    """The example, written into the sector's workbook layout, loads to the same report."""
    from chinaets.inputs.excel import write_tables

    spec = sectors()[sector]
    report = spec.load(EXAMPLES[sector], None)
    data = report.model_dump(mode="json")
    entity = {**data["entity"], "year": data["year"]}
    tables = {"entity": [entity], **{k: data[k] for k in spec.tables if k != "entity"}}
    workbook = tmp_path / "in.xlsx"
    write_tables(workbook, {k: v for k, v in tables.items() if v})
    assert spec.load(workbook, None) == report


@pytest.mark.parametrize("sector", REPORTING)
def test_csv_folder_loads_to_the_same_report(sector: str, tmp_path: Path) -> None:
    import csv

    spec = sectors()[sector]
    report = spec.load(EXAMPLES[sector], None)
    data = report.model_dump(mode="json", exclude_defaults=True)
    tables = {"entity": [{**data["entity"], "year": report.year}]}
    tables |= {k: data[k] for k in spec.tables if k != "entity" and data.get(k)}
    for name, rows in tables.items():
        keys = sorted({k for r in rows for k in r})
        with (tmp_path / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, keys)
            writer.writeheader()
            writer.writerows(rows)
    assert spec.load(tmp_path, None) == report


def test_submitted_reports_reach_the_store_read_model_and_dashboard(tmp_path: Path) -> None:
    """The six examples through `chinaets submit`, the store's read model and the overview's
    sector listing, each as reporting, not yet trading (nothing there names a sector)."""
    site = tmp_path / "site"
    site.mkdir()
    db = f"sqlite:///{site / 'registry.db'}"
    runner = CliRunner()
    stored = runner.invoke(app, ["submit", *map(str, EXAMPLES.values()), "--db", db, "--json"])
    assert stored.exit_code == 0, stored.output
    assert [o["status"] for o in json.loads(stored.stdout)] == ["stored"] * len(REPORTING)
    built = runner.invoke(app, ["readmodel", "build", "--db", db, "--out", str(site / "readmodel")])
    assert built.exit_code == 0, built.output
    with TestClient(create_app(site, open_demo=True)) as client:
        page = client.get("/?lang=en").text
    listing = page[
        page.index('<table id="sectors"') : page.index("</table>", page.index('id="sectors"'))
    ]
    rows = {
        m.group(1): m.group(2)
        for m in re.finditer(r"sector=(\w+)\">[^<]*</a></td><td>([^<]*)</td>", listing)
    }
    assert rows == dict.fromkeys(REPORTING, "reporting, not yet trading")
