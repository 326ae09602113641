"""Power verification checks: each one triggered by a report built for it, and quiet on a
plausible one; then the `chinaets check` command."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from chinaets.cli import check_cmd
from chinaets.mrv.findings import Finding
from chinaets.mrv.power import checks
from chinaets.mrv.power.accounting import account
from chinaets.mrv.power.checks_base import heat_input_gj
from chinaets.mrv.power.checks_fuel import dry_ash_free_carbon_pct
from chinaets.mrv.power.checks_output import month_ranges
from chinaets.mrv.power.loader import parse_report
from chinaets.mrv.power.results import FuelMonth
from chinaets.mrv.power.schema import LabResult

Data = dict[str, Any]
MONTHS = range(1, 13)


def plausible(year: int = 2023, **unit: Any) -> Data:
    """A 600 MW condensing bituminous unit, 12 months: 40.9 % efficiency, load factor 0.77,
    26.4 tC/TJ measured every month by its own lab."""
    return {
        "year": year,
        "entity": {"credit_code": "91370000MA3C5EJ50G", "name": "示例发电", "province": "山东"},
        "units": [
            {"unit_id": "U1", "rated_mw": 600, "main_fuel": "bituminous",
             "unit_type": "condensing", **unit}
        ],
        "fuel_use": [
            {"unit_id": "U1", "month": m, "fuel": "bituminous", "quantity": 120000} for m in MONTHS
        ],
        "lab_results": [
            {"unit_id": "U1", "month": m, "fuel": "bituminous", "carbon_pct": 58, "ncv": 22}
            for m in MONTHS
        ],
        "production": [
            {"unit_id": "U1", "month": m, "generation_mwh": 300000, "running_hours": 650}
            for m in MONTHS
        ],
    }  # fmt: skip


def findings(data: Data) -> list[Finding]:
    report = parse_report(data)
    return checks.check(report, account(report))


def of(data: Data, code: str) -> list[Finding]:
    return [f for f in findings(data) if f.code == code]


def months_of(data: Data, code: str) -> list[int | None]:
    return [f.month for f in of(data, code)]


def edit(data: Data, table: str, month: int, **values: Any) -> Data:
    out = copy.deepcopy(data)
    for row in out[table]:
        if row["month"] == month:
            row.update(values)
    return out


def drop(data: Data, table: str, keep: Callable[[Data], bool]) -> Data:
    out = copy.deepcopy(data)
    out[table] = [row for row in out[table] if keep(row)]
    return out


def test_a_plausible_report_has_no_findings() -> None:
    assert findings(plausible()) == []


# --- fuel quality -------------------------------------------------------------------------


def test_coal_carbon_per_heat_far_from_reference() -> None:
    data = edit(plausible(), "lab_results", 4, carbon_pct=70)  # 31.8 tC/TJ vs 26.18
    (finding,) = of(data, "PWR-CC-RANGE")
    assert (finding.severity, finding.unit_id, finding.month) == ("warning", "U1", 4)
    assert "31.82 tC/TJ" in finding.en and "26.18" in finding.zh
    assert "表8" in finding.reference


def test_coal_carbon_within_tolerance_or_on_default_ncv_is_not_screened() -> None:
    assert of(edit(plausible(), "lab_results", 4, carbon_pct=62), "PWR-CC-RANGE") == []
    data = edit(plausible(), "lab_results", 4, carbon_pct=70, ncv=None)  # NCV not measured
    assert of(data, "PWR-CC-RANGE") == []


def test_dry_ash_free_carbon_from_each_basis() -> None:
    def lab(**kw: Any) -> LabResult:
        return LabResult(unit_id="U1", month=1, fuel="bituminous", **kw)

    common = {"moisture_ar_pct": 10, "moisture_ad_pct": 2, "ash_ad_pct": 30}
    assert dry_ash_free_carbon_pct(lab(basis="ad", carbon_pct=60, **common)) == pytest.approx(
        88.235, abs=1e-3
    )
    c_ar = 60 * 90 / 98
    assert dry_ash_free_carbon_pct(lab(carbon_pct=c_ar, **common)) == pytest.approx(88.235, 1e-4)
    assert dry_ash_free_carbon_pct(lab(basis="d", carbon_pct=60 * 100 / 98, **common)) == (
        pytest.approx(88.235, 1e-4)
    )
    assert dry_ash_free_carbon_pct(lab(carbon_pct=55, moisture_ad_pct=2)) is None  # no ash


def test_dry_ash_free_carbon_outside_coal_type_range() -> None:
    sample = {"basis": "ad", "carbon_pct": 60, "moisture_ar_pct": 10, "moisture_ad_pct": 2}
    low = edit(plausible(), "lab_results", 2, **sample, ash_ad_pct=10)  # 68.2 % < 74 %
    (finding,) = of(low, "PWR-DAF-RANGE")
    assert (finding.month, finding.field) == (2, "lab_results.carbon_pct")
    assert "68.2 %" in finding.en and "烟煤" in finding.zh
    assert of(edit(plausible(), "lab_results", 2, **sample, ash_ad_pct=30), "PWR-DAF-RANGE") == []


def gas_unit(carbon: float, ncv: float) -> Data:
    data = plausible(main_fuel="natural_gas")
    data["fuel_use"] = [
        {"unit_id": "U1", "month": m, "fuel": "natural_gas", "quantity": 5000} for m in MONTHS
    ]
    data["lab_results"] = [
        {"unit_id": "U1", "month": m, "fuel": "natural_gas", "carbon_t_per_10k_nm3": carbon,
         "ncv": ncv} for m in MONTHS
    ]  # fmt: skip
    return data


def test_gas_carbon_and_ncv_ranges() -> None:
    bad = gas_unit(carbon=3.2, ncv=420)
    assert months_of(bad, "PWR-GAS-CARBON") == list(MONTHS)
    assert months_of(bad, "PWR-GAS-NCV") == list(MONTHS)
    assert of(bad, "PWR-GAS-NCV")[0].field == "lab_results.ncv"
    good = gas_unit(carbon=5.5, ncv=380)
    assert of(good, "PWR-GAS-CARBON") == of(good, "PWR-GAS-NCV") == []


def test_gas_condensing_unit_is_not_held_to_the_coal_efficiency_limit() -> None:
    # 300,000 MWh × 3.6 / (5,000 × 380) = 57 %: a combined-cycle unit, not an error
    assert of(gas_unit(carbon=5.5, ncv=380), "PWR-EFF-CONDENSING") == []


@pytest.mark.parametrize(
    ("year", "month", "sample", "field"),
    [
        (2023, 5, {"lab": "other"}, "lab_results.lab"),
        (2022, 5, {"lab": "other"}, "lab_results.lab"),
        (2023, 5, {"lab": "cnas", "days_to_report": 41}, "lab_results.days_to_report"),
    ],
)
def test_rejected_lab_result(year: int, month: int, sample: Data, field: str) -> None:
    (finding,) = of(edit(plausible(year), "lab_results", month, **sample), "PWR-LAB-REJECTED")
    assert (finding.month, finding.field, finding.severity) == (month, field, "warning")
    assert "monthly" in finding.en and "不予采信" in finding.zh
    assert "111号" in finding.reference


@pytest.mark.parametrize(
    ("year", "month", "sample"),
    [
        (2022, 3, {"lab": "other"}),  # before April 2022 any lab counted
        (2023, 5, {"lab": "cma", "days_to_report": 40}),
    ],
)
def test_accepted_lab_result(year: int, month: int, sample: Data) -> None:
    assert of(edit(plausible(year), "lab_results", month, **sample), "PWR-LAB-REJECTED") == []


# --- carbon on the default ------------------------------------------------------------------


def test_switch_from_measured_to_default_is_an_error() -> None:
    data = drop(plausible(), "lab_results", lambda r: r["month"] <= 6)
    switched = of(data, "PWR-CC-SWITCH")
    assert [f.month for f in switched] == [7, 8, 9, 10, 11, 12]
    assert {f.severity for f in switched} == {"error"}
    assert of(data, "PWR-CC-DEFAULT") == []  # the switch says it already


def test_default_before_the_first_measurement_is_the_costly_default_not_a_switch() -> None:
    data = drop(plausible(), "lab_results", lambda r: r["month"] >= 3)
    assert of(data, "PWR-CC-SWITCH") == []
    defaults = of(data, "PWR-CC-DEFAULT")
    assert [f.month for f in defaults] == [1, 2]
    assert "0.03085" in defaults[0].en


def test_a_month_without_consumption_needs_no_measurement() -> None:
    data = edit(plausible(), "fuel_use", 12, quantity=0)
    data = edit(data, "production", 12, generation_mwh=0, running_hours=0)
    data = drop(data, "lab_results", lambda r: r["month"] != 12)
    assert of(data, "PWR-CC-SWITCH") == of(data, "PWR-CC-DEFAULT") == []


def test_june_2022_rule_fewer_than_three_measured_months() -> None:
    two = drop(plausible(2022), "lab_results", lambda r: r["month"] <= 2)
    (finding,) = of(two, "PWR-CC-FEW-MEASURED")
    assert (finding.month, finding.severity) == (None, "warning")
    assert "2 of 12" in finding.en and "2022-06-08" in finding.reference
    three = drop(plausible(2022), "lab_results", lambda r: r["month"] <= 3)
    assert of(three, "PWR-CC-FEW-MEASURED") == []


def test_june_2022_rule_does_not_apply_to_2023_data() -> None:
    two = drop(plausible(2023), "lab_results", lambda r: r["month"] <= 2)
    assert of(two, "PWR-CC-FEW-MEASURED") == []


def test_as_received_when_the_unit_meters_as_fired() -> None:
    data = edit(plausible(), "fuel_use", 5, measured_as="as_received")
    (finding,) = of(data, "PWR-FC-PRIORITY")
    assert (finding.severity, finding.month, finding.field) == (
        "error",
        5,
        "fuel_use.measured_as",
    )
    assert of(data, "PWR-FC-AS-RECEIVED") == []


def test_as_received_all_year_is_a_note_for_the_verifier() -> None:
    data = plausible()
    for row in data["fuel_use"]:
        row["measured_as"] = "as_received"
    assert of(data, "PWR-FC-PRIORITY") == []
    assert [f.severity for f in of(data, "PWR-FC-AS-RECEIVED")] == ["info"]


# --- efficiency -----------------------------------------------------------------------------


def test_condensing_efficiency_above_46_percent_for_the_year() -> None:
    data = plausible()
    for row in data["fuel_use"]:
        row["quantity"] = 90000  # 1,080,000 GJ / 1,980,000 GJ = 54.5 %
    (finding,) = of(data, "PWR-EFF-CONDENSING")
    assert (finding.severity, finding.month) == ("error", None)
    assert "54.5%" in finding.en and "46%" in finding.zh


def test_condensing_efficiency_above_46_percent_in_one_month() -> None:
    data = edit(plausible(), "fuel_use", 6, quantity=60000)  # month 81.8 %, year 42.7 %
    (finding,) = of(data, "PWR-EFF-CONDENSING")
    assert (finding.severity, finding.month) == ("warning", 6)


def test_chp_efficiency_not_below_one() -> None:
    over = plausible(unit_type="chp")
    for row in over["production"]:
        row["heat_supplied_gj"] = 2_000_000  # (1.08 + 2.0) / 2.64 = 117 %
    (finding,) = of(over, "PWR-EFF-CHP")
    assert (finding.severity, finding.month) == ("error", None)
    under = plausible(unit_type="chp")
    for row in under["production"]:
        row["heat_supplied_gj"] = 1_000_000  # 79 %
    assert of(under, "PWR-EFF-CHP") == []
    assert of(under, "PWR-EFF-CONDENSING") == []


def test_biomass_share_grosses_up_the_heat_input() -> None:
    month = FuelMonth(1, "bituminous", 100, 20, "measured", 0.5, "measured", None, 0.0)
    assert heat_input_gj([month], 0.0) == 2000
    assert heat_input_gj([month], 0.2) == pytest.approx(2500)


# --- hours and load factor ------------------------------------------------------------------


def test_running_hours_beyond_the_month() -> None:
    data = edit(plausible(), "production", 2, running_hours=700)  # February 2023: 672 h
    (finding,) = of(data, "PWR-HOURS-MONTH")
    assert (finding.severity, finding.month, finding.field) == (
        "error",
        2,
        "production.running_hours",
    )
    assert of(edit(plausible(), "production", 1, running_hours=740), "PWR-HOURS-MONTH") == []


@pytest.mark.parametrize("hours", [400, 0])
def test_utilisation_hours_above_running_hours(hours: int) -> None:
    data = edit(plausible(), "production", 3, running_hours=hours)  # 500 utilisation hours
    (finding,) = of(data, "PWR-LF-RANGE")
    assert (finding.severity, finding.month) == ("error", 3)
    assert "500.0" in finding.en


def test_utilisation_hours_equal_to_running_hours_are_allowed() -> None:
    assert of(edit(plausible(), "production", 3, running_hours=500), "PWR-LF-RANGE") == []


def test_annual_load_factor_outside_band() -> None:
    data = plausible()
    for row in data["production"]:
        row["generation_mwh"] = 100000  # F = 0.256
    for row in data["fuel_use"]:
        row["quantity"] = 40000
    (finding,) = of(data, "PWR-LF-BAND")
    assert (finding.severity, finding.month) == ("warning", None)
    assert "25.6%" in finding.en


# --- months ---------------------------------------------------------------------------------


def test_a_month_missing_from_every_table() -> None:
    data = plausible()
    for table in ("fuel_use", "lab_results", "production"):
        data = drop(data, table, lambda r: r["month"] != 7)
    (finding,) = of(data, "PWR-MONTH-MISSING")
    assert (finding.severity, finding.month) == ("warning", None)
    assert "month(s) 7 " in finding.en


def test_missing_months_are_listed_as_ranges() -> None:
    assert month_ranges([1, 2, 3, 5, 7, 8]) == "1–3, 5, 7–8"
    data = drop(plausible(), "fuel_use", lambda r: r["month"] in (1, 2, 6))
    data = drop(data, "production", lambda r: r["month"] in (1, 2, 6))
    data = drop(data, "lab_results", lambda r: r["month"] in (1, 2, 6))
    (finding,) = of(data, "PWR-MONTH-MISSING")
    assert "3–5, 7–12 " in finding.en


def test_a_unit_with_no_production() -> None:
    data = plausible()
    data["production"] = []
    assert [f.severity for f in of(data, "PWR-PROD-NONE")] == ["warning"]
    assert of(data, "PWR-FUEL-NO-PROD") == of(data, "PWR-MONTH-MISSING") == []
    assert of(plausible(), "PWR-PROD-NONE") == []


def test_fuel_without_production() -> None:
    data = edit(plausible(), "production", 8, generation_mwh=0, running_hours=0)
    assert months_of(data, "PWR-FUEL-NO-PROD") == [8]
    assert of(data, "PWR-PROD-NO-FUEL") == []


def test_production_without_fuel() -> None:
    data = edit(plausible(), "fuel_use", 8, quantity=0)
    (finding,) = of(data, "PWR-PROD-NO-FUEL")
    assert (finding.severity, finding.month, finding.field) == ("error", 8, "fuel_use.quantity")
    assert of(data, "PWR-FUEL-NO-PROD") == []


# --- heat and biomass -----------------------------------------------------------------------


def test_heat_from_a_condensing_unit() -> None:
    data = edit(plausible(), "production", 1, heat_supplied_gj=5000)
    assert [f.severity for f in of(data, "PWR-HEAT-CONDENSING")] == ["warning"]


def test_chp_unit_without_heat() -> None:
    assert [f.field for f in of(plausible(unit_type="chp"), "PWR-HEAT-CHP-NONE")] == [
        "production.heat_supplied_gj"
    ]
    with_heat = edit(plausible(unit_type="chp"), "production", 1, heat_supplied_gj=5000)
    assert of(with_heat, "PWR-HEAT-CHP-NONE") == of(with_heat, "PWR-HEAT-CONDENSING") == []


def test_biomass_cofiring_above_ten_percent() -> None:
    (finding,) = of(plausible(biomass_heat_share=0.15), "PWR-BIOMASS-SHARE")
    assert "15.0%" in finding.en and "表2" in finding.reference
    assert of(plausible(biomass_heat_share=0.05), "PWR-BIOMASS-SHARE") == []


def test_biomass_burned_but_not_declared() -> None:
    def with_biomass(share: float) -> Data:
        data = plausible(biomass_heat_share=share)
        data["fuel_use"].append({"unit_id": "U1", "month": 1, "fuel": "biomass", "quantity": 500})
        return data

    assert len(of(with_biomass(0.0), "PWR-BIOMASS-UNDECLARED")) == 1
    assert of(with_biomass(0.02), "PWR-BIOMASS-UNDECLARED") == []


# --- every finding --------------------------------------------------------------------------


def messy() -> Data:
    """Errors, warnings and info at once, across two units."""
    data = plausible()
    data["units"].append({**data["units"][0], "unit_id": "A0"})
    for table in ("fuel_use", "lab_results", "production"):
        data[table] += [{**row, "unit_id": "A0"} for row in data[table]]
    data = edit(data, "fuel_use", 5, measured_as="as_received")
    data = edit(data, "production", 2, running_hours=700)
    data = edit(data, "production", 1, heat_supplied_gj=5000)
    for row in data["fuel_use"]:
        if row["unit_id"] == "A0":
            row["measured_as"] = "as_received"
    return drop(data, "lab_results", lambda r: r["month"] <= 6)


def test_order_is_errors_warnings_info_then_unit_month_code() -> None:
    found = findings(messy())
    ranks = [{"error": 0, "warning": 1, "info": 2}[f.severity] for f in found]
    assert ranks == sorted(ranks) and set(ranks) == {0, 1, 2}
    errors = [(f.unit_id, f.month) for f in found if f.severity == "error"]
    assert errors[0] == ("U1", 2)  # report order of units, not alphabetical
    assert found == findings(messy())


def test_every_finding_is_bilingual_cited_and_documented() -> None:
    documented = set(re.findall(r"^(PWR-[A-Z-]+)", checks.__doc__ or "", re.MULTILINE))
    for f in findings(messy()):
        assert f.en and f.zh and f.reference and f.unit_id
        assert re.search(r"[\u4e00-\u9fff]", f.zh), f.zh
        assert f.code in documented, f.code


def test_check_parameters_are_dated_and_cited() -> None:
    from chinaets.mrv.power.accounting import parameters

    names = [n for n in parameters() if n.startswith("check_")]
    assert len(names) >= 9
    for name in names:
        parameter = parameters()[name]
        assert parameter.description_zh and parameter.unit
        assert all(v.reference for v in parameter.values)


# --- CLI ------------------------------------------------------------------------------------


@pytest.fixture
def cli() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:  # a group, so that `check` stays a subcommand
        """test app"""

    check_cmd.register(app)
    return app


def write(tmp_path: Path, data: Data) -> Path:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_cli_json_lists_the_findings(cli: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(write(tmp_path, messy())), "--json"])
    assert result.exit_code == 1, result.output  # errors among the findings
    listed = json.loads(result.stdout)
    assert [f["code"] for f in listed] == [f.code for f in findings(messy())]
    assert {"code", "severity", "en", "zh", "unit_id", "reference"} <= set(listed[0])


def test_cli_exits_1_on_errors_only(cli: typer.Typer, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["check", str(write(tmp_path, messy()))]).exit_code == 1
    assert (
        runner.invoke(cli, ["check", str(write(tmp_path, messy())), "--exit-zero"]).exit_code == 0
    )
    clean = runner.invoke(cli, ["check", str(write(tmp_path, plausible())), "--strict"])
    assert clean.exit_code == 0
    assert "no findings" in clean.stdout
    warning_only = edit(plausible(), "production", 1, heat_supplied_gj=5000)
    assert (
        runner.invoke(cli, ["check", str(write(tmp_path, warning_only)), "--strict"]).exit_code == 0
    )


@pytest.mark.parametrize(("lang", "present", "absent"), [
    ("en", "exceed the 672 hours", "超过"), ("zh", "超过 2 月", "exceed"), ("both", "超过", "exceed"),
])  # fmt: skip
def test_cli_table_in_each_language(
    cli: typer.Typer, tmp_path: Path, lang: str, present: str, absent: str
) -> None:
    data = edit(plausible(), "production", 2, running_hours=700)
    result = CliRunner().invoke(
        cli,
        ["check", str(write(tmp_path, data)), "--lang", lang, "--exit-zero"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "PWR-HOURS-MONTH" in result.stdout and present in result.stdout
    if lang != "both":
        assert absent not in result.stdout
    else:
        assert "running hours" in result.stdout
    assert ("错误 1 项" if lang == "zh" else "1 error(s)") in result.stdout


def test_cli_invalid_input_exits_2_with_the_problem(cli: typer.Typer, tmp_path: Path) -> None:
    data = plausible()
    data["fuel_use"][0]["month"] = 13
    result = CliRunner().invoke(cli, ["check", str(write(tmp_path, data))])
    assert result.exit_code == 2
    assert "month" in result.stderr and "problem" in result.stderr
    assert result.stdout == ""


def test_cli_writes_the_findings_workbook_and_exits_1_on_errors(
    cli: typer.Typer, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "findings.xlsx"
    result = CliRunner().invoke(cli, ["check", str(write(tmp_path, messy())), "--out", str(out)])
    assert result.exit_code == 1, result.output
    codes = [
        row[1] for row in load_workbook(out)["核查发现"].iter_rows(min_row=3, values_only=True)
    ]
    assert codes == [f.code for f in findings(messy())]
