"""The parameter loader refuses broken files, naming the file and the key; `Parameter.at` picks
the value in force.

One broken file per failure mode lives in `bad_parameters/`."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from chinaets.core.errors import RulesError
from chinaets.rules import DatedValue, Parameter, ParameterSet, load_parameter_dir
from chinaets.rules.parameters import load_parameter_file

BAD = Path(__file__).parent / "bad_parameters"

# file -> (the key the message must name, what it must say about it)
EXPECTED: dict[str, tuple[str, str]] = {
    "unknown_top_level_key.yaml": ("(top level): source", "is not a known key"),
    "unknown_keys_of_two_kinds.yaml": ("(top level): 2023-01-01", "is not a known key"),
    "unknown_value_key.yaml": ("values.2023-01-01: referense", "is not a known key"),
    "bad_date.yaml": ("values.2024-13-01", "is not a date (YYYY-MM-DD)"),
    "date_with_time.yaml": ("values.2023-01-01 08:00:00", "is not a date (YYYY-MM-DD)"),
    "missing_unit.yaml": ("(top level)", "misses required key 'unit'"),
    "empty_unit.yaml": ("unit", "is empty"),
    "blank_unit.yaml": ("unit", "is empty"),
    "missing_reference.yaml": ("values.2023-01-01", "misses required key 'reference'"),
    "empty_reference.yaml": ("values.2023-01-01.reference", "is empty"),
    "table_shape.yaml": ("values.2023-01-01.value", "must be a table keyed by category"),
    "table_too_shallow.yaml": (
        "values.2026-01-01.value.pulverized",
        "must be a table keyed by altitude_band",
    ),
    "scalar_given_a_table.yaml": ("values.2023-01-01.value", "must be a single value"),
    "index_not_a_list.yaml": ("index", "must be a list of dimension names"),
    "non_mapping.yaml": ("(file)", "must be a mapping"),
    "invalid_yaml.yaml": ("(file)", "is not valid YAML"),
    "value_not_a_mapping.yaml": ("values.2023-01-01", "must be a mapping with value and reference"),
    "no_values.yaml": ("values", "must map effective dates to values"),
    "duplicate_key.yaml": ("coal (line 6)", "is given twice"),
    "duplicate_date.yaml": ("2023-01-01 (line 5)", "is given twice"),
    "same_date_two_spellings.yaml": ("values.20230101", "repeats the date 2023-01-01"),
    "ended_with_value.yaml": ("values.2023-01-01", "ends the parameter: give no value"),
    "begins_with_end.yaml": ("values", "cannot begin with an end"),
}


def test_every_broken_file_has_an_expectation() -> None:
    assert {p.name for p in BAD.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_loader_names_file_and_key(name: str) -> None:
    key, what = EXPECTED[name]
    with pytest.raises(RulesError) as caught:
        load_parameter_file(BAD / name)
    message = str(caught.value)
    assert message.startswith(f"{name}: {key} {what}"), message
    assert f" / {name}：{key} " in message  # and again in Chinese


def test_invalid_yaml_says_where(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="line 4"):
        load_parameter_file(BAD / "invalid_yaml.yaml")


def test_one_broken_file_breaks_the_directory(tmp_path: Path) -> None:
    good = Path(__file__).parents[2] / "src/chinaets/mrv/power/parameters"
    shutil.copy(good / "oxidation_rate.yaml", tmp_path)
    shutil.copy(BAD / "bad_date.yaml", tmp_path)
    with pytest.raises(RulesError, match=r"bad_date\.yaml: values\.2024-13-01"):
        load_parameter_dir(tmp_path)


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="no parameter files"):
        load_parameter_dir(tmp_path)


def test_a_good_file_loads_sorted_with_its_markers(tmp_path: Path) -> None:
    path = tmp_path / "grid_factor.yaml"
    path.write_text(
        "description: Grid emission factor\n"
        "description_zh: 电网排放因子\n"
        "unit: tCO2/MWh\n"
        "values:\n"
        "  2023-01-01: {value: 0.5703, reference: 环办气候函〔2023〕43号}\n"
        "  2019-01-01: {value: 0.6101, reference: 环办气候〔2021〕9号, uncertain: recalled}\n"
        "  2024-01-01: {value: 0.5366, reference: draft notice, draft: true}\n",
        encoding="utf-8",
    )
    parameter = load_parameter_file(path)
    assert parameter.name == "grid_factor" and parameter.unit == "tCO2/MWh"
    assert [v.start for v in parameter.values] == [
        dt.date(2019, 1, 1),
        dt.date(2023, 1, 1),
        dt.date(2024, 1, 1),
    ]
    assert parameter.values[0].uncertain == "recalled"
    assert parameter.values[2].draft is True
    assert parameter.source_file == "grid_factor.yaml"


# --- Parameter.at -----------------------------------------------------------------------------


def coal_default() -> Parameter:
    return Parameter(
        name="coal_default",
        description="Default carbon content of coal",
        unit="tC/GJ",
        values=(
            DatedValue(dt.date(2019, 1, 1), 0.03356, "环办气候〔2021〕9号"),
            DatedValue(dt.date(2021, 1, 1), 0.03085, "June-2022 notice"),
            DatedValue(dt.date(2023, 1, 1), 0.03085, "环办气候函〔2022〕485号"),
        ),
    )


def test_at_before_the_first_value_is_an_error() -> None:
    with pytest.raises(RulesError, match=r"coal_default has no value in force on 2018-12-31"):
        coal_default().at(dt.date(2018, 12, 31))


@pytest.mark.parametrize(
    ("day", "reference"),
    [
        (dt.date(2019, 1, 1), "环办气候〔2021〕9号"),  # on the first start
        (dt.date(2020, 12, 31), "环办气候〔2021〕9号"),  # the day before the next
        (dt.date(2021, 1, 1), "June-2022 notice"),
        (dt.date(2022, 6, 30), "June-2022 notice"),
        (dt.date(2023, 1, 1), "环办气候函〔2022〕485号"),
        (dt.date(2030, 1, 1), "环办气候函〔2022〕485号"),  # the latest stays in force
    ],
)
def test_at_picks_the_latest_value_in_force(day: dt.date, reference: str) -> None:
    assert coal_default().at(day).reference == reference


def table_parameter() -> Parameter:
    return Parameter(
        name="oxidation",
        description="Oxidation rate",
        unit="fraction",
        index=("category",),
        values=(DatedValue(dt.date(2019, 1, 1), {"coal": 0.99, "oil": 0.98}, "guideline"),),
    )


def test_parameter_set_lookups() -> None:
    p = ParameterSet({"coal_default": coal_default(), "oxidation": table_parameter()}).at(
        dt.date(2023, 6, 1)
    )
    assert p("coal_default") == 0.03085
    assert p("oxidation", "oil") == 0.98
    used = p.used("oxidation", "coal")
    assert (used.value, used.label, used.dated.reference) == (0.99, "oxidation[coal]", "guideline")
    with pytest.raises(RulesError, match="no category 'gas'"):
        p("oxidation", "gas")
    with pytest.raises(RulesError, match="indexed by"):
        p("oxidation")
    with pytest.raises(RulesError, match="unknown parameter 'nope'"):
        p("nope")


def test_in_force_leaves_out_parameters_not_yet_in_force() -> None:
    later = Parameter(
        "factor_db", "Factor database", "fraction", (DatedValue(dt.date(2026, 1, 1), 0.99, "x"),)
    )
    parameters = ParameterSet({"coal_default": coal_default(), "factor_db": later})
    assert [p.name for p, _ in parameters.in_force(dt.date(2025, 1, 1))] == ["coal_default"]
    assert len(parameters.in_force(dt.date(2026, 1, 1))) == 2


def test_an_ended_parameter_is_not_in_force(tmp_path: Path) -> None:
    (tmp_path / "cooling.yaml").write_text(
        "description: a 2019–2022 factor\nunit: factor\nvalues:\n"
        "  2019-01-01: {value: 1.05, reference: plan 2019}\n"
        "  2023-01-01: {ended: true, reference: plan 2023 drops it}\n",
        encoding="utf-8",
    )
    params = load_parameter_dir(tmp_path)
    assert params["cooling"].at(dt.date(2022, 6, 1)).value == 1.05
    assert params.in_force(dt.date(2022, 1, 1)) and not params.in_force(dt.date(2025, 1, 1))
    with pytest.raises(RulesError, match="ended on 2023-01-01"):
        params.at(dt.date(2025, 1, 1))("cooling")


def test_rules_show_2025_does_not_list_the_2019_2022_factors() -> None:
    from typer.testing import CliRunner

    from chinaets.cli.main import app

    shown = CliRunner().invoke(app, ["rules", "show", "allocation", "--year", "2025", "--json"])
    assert shown.exit_code == 0, shown.output
    for ended in (
        "power_cooling_factor",
        "power_load_factor_curve",
        "power_heat_supply_factor_slope",
    ):
        assert ended not in shown.output
    earlier = CliRunner().invoke(app, ["rules", "show", "allocation", "--year", "2021", "--json"])
    assert "power_cooling_factor" in earlier.output
