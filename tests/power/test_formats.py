"""One report, three formats, one result; and the shells around it (schema, template, --out,
--trace, rules show/test) through the CLI as a user runs them."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.inputs.excel import INSTRUCTIONS, delete_examples
from chinaets.mrv.power.accounting import account, parameters
from chinaets.mrv.power.loader import load_report
from chinaets.mrv.power.report import report_tables
from chinaets.mrv.power.schema import TABLES

GOOD = Path(__file__).parent / "good_report.json"
REPORT_TABLES = ("entity", "units", "fuel_months", "unit_months")
runner = CliRunner(env={"COLUMNS": "240"})  # wide enough that Rich folds no table cell


def rich_report() -> dict[str, Any]:
    """The good report plus every table and a yes/no field, so each format carries them all."""
    report: dict[str, Any] = json.loads(GOOD.read_text(encoding="utf-8"))
    report["units"][0]["cfb"] = True
    report["fuel_use"].append({"unit_id": "U1", "month": 3, "fuel": "fuel_oil", "quantity": 12.5})
    report["production"].append(
        {"unit_id": "U1", "month": 2, "generation_mwh": 320000, "running_hours": 650.5}
    )
    report["heat_measurements"] = [
        {"unit_id": "U1", "month": 2, "method": "hot_water", "mass_t": 50000, "supply_temp_c": 90}
    ]
    return report


def table_rows(report: dict[str, Any], table: str) -> list[dict[str, Any]]:
    if table == "entity":
        return [{"year": report["year"], **report["entity"]}]
    return list(report.get(table, []))


def write_json(report: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return path


def write_csv_folder(report: dict[str, Any], folder: Path) -> Path:
    folder.mkdir()
    for table in TABLES:
        rows = table_rows(report, table)
        keys = list(dict.fromkeys(k for row in rows for k in row))
        with (folder / f"{table}.csv").open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, keys)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: "是" if v is True else v for k, v in row.items()})
    return folder


def write_filled_template(report: dict[str, Any], path: Path) -> Path:
    result = runner.invoke(app, ["template", "power", str(path), "--year", str(report["year"])])
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    delete_examples(book)  # as the instructions ask
    for table in TABLES:
        sheet = book[table]
        keys = [cell.value for cell in sheet[2]]
        for offset, row in enumerate(table_rows(report, table)):
            for column, key in enumerate(keys, 1):
                if key in row:
                    sheet.cell(3 + offset, column).value = row[key]
    book.save(path)
    return path


# --- round trips ------------------------------------------------------------------------------


def test_json_csv_and_xlsx_give_identical_results(tmp_path: Path) -> None:
    report = rich_report()
    inputs = [
        write_json(report, tmp_path / "report.json"),
        write_csv_folder(report, tmp_path / "report_csv"),
        write_filled_template(report, tmp_path / "report.xlsx"),
    ]
    results = [account(load_report(path)) for path in inputs]
    as_json, as_csv, as_xlsx = (r.as_dict() for r in results)
    assert as_json["units"]["U1"]["heat_supplied_gj"] > 0  # the heat table made it through
    assert as_csv == as_json
    assert as_xlsx == as_json
    assert report_tables(results[1]) == report_tables(results[0]) == report_tables(results[2])


def test_filled_template_accepts_year_from_the_command_line(tmp_path: Path) -> None:
    report = rich_report()
    path = write_filled_template(report, tmp_path / "report.xlsx")
    assert load_report(path, 2023).year == 2023


# --- schema and template ----------------------------------------------------------------------


def test_schema_is_json_schema_with_every_table() -> None:
    result = runner.invoke(app, ["schema", "power"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["type"] == "object"
    assert {"year", "entity", *TABLES} <= set(schema["properties"])
    assert set(schema["required"]) >= {"year", "entity", "units", "fuel_use"}
    definitions = schema["$defs"]
    for table, model in TABLES.items():
        prop = schema["properties"][table]
        ref = prop.get("$ref") or prop["items"]["$ref"]
        assert ref.startswith("#/$defs/")
        definition = definitions[ref.removeprefix("#/$defs/")]
        assert definition["type"] == "object"
        assert set(definition["properties"]) == set(model.model_fields)
        assert set(definition.get("required", [])) <= set(definition["properties"])
    _assert_well_formed(schema, definitions)


_JSON_TYPES = {"object", "array", "string", "number", "integer", "boolean", "null"}


def _assert_well_formed(node: Any, definitions: dict[str, Any]) -> None:
    """Every $ref resolves and every type is a JSON Schema type."""
    if isinstance(node, dict):
        if "$ref" in node:
            assert node["$ref"].removeprefix("#/$defs/") in definitions, node["$ref"]
        if "type" in node and isinstance(node["type"], str):
            assert node["type"] in _JSON_TYPES, node["type"]
        for value in node.values():
            _assert_well_formed(value, definitions)
    elif isinstance(node, list):
        for value in node:
            _assert_well_formed(value, definitions)


def test_template_has_every_table_with_label_and_key_rows(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    result = runner.invoke(app, ["template", "power", str(path), "--year", "2024"])
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    assert book.sheetnames == [INSTRUCTIONS, *TABLES]
    for table, model in TABLES.items():
        sheet = book[table]
        fields = (["year"] if table == "entity" else []) + list(model.model_fields)
        keys = [c.value for c in sheet[2]][: len(fields)]
        labels = [c.value for c in sheet[1]][: len(fields)]
        assert keys == fields
        for key, label in zip(fields, labels, strict=True):
            extra = model.model_fields[key].json_schema_extra if key != "year" else None
            zh, en = (extra["zh"], extra["en"]) if isinstance(extra, dict) else ("数据年度", "year")
            assert zh in label and en in label, (table, key, label)
    assert book["entity"].cell(3, 1).value == 2024


def test_template_offers_chinese_terms_and_reads_them_back(tmp_path: Path) -> None:
    report = rich_report()
    path = write_filled_template(report, tmp_path / "report.xlsx")
    book = load_workbook(path)
    units = book["units"]
    offered = {str(v.sqref): v.formula1 for v in units.data_validations.dataValidation}
    column = [c.value for c in units[2]].index("unit_type") + 1
    letter = units.cell(1, column).column_letter
    assert offered[f"{letter}3:{letter}20000"] == '"纯凝 condensing,热电联产 chp"'
    assert units.protection.sheet and units.cell(1, 1).protection.locked
    codes = [units.cell(3 + i, column).value for i in range(len(report["units"]))]
    for i, code in enumerate(codes):  # as a user picks them: the Chinese term, or the drop-down
        units.cell(3 + i, column).value = "纯凝" if code == "condensing" else "热电联产 chp"
    book.save(path)
    assert (
        account(load_report(path)).as_dict()
        == account(load_report(same_as_json(report, tmp_path))).as_dict()
    )


def test_a_wrong_term_names_the_chinese_choices(tmp_path: Path) -> None:
    report = rich_report()
    path = write_filled_template(report, tmp_path / "report.xlsx")
    book = load_workbook(path)
    column = [c.value for c in book["units"][2]].index("unit_type") + 1
    book["units"].cell(3, column).value = "背压"
    book.save(path)
    result = runner.invoke(app, ["account", str(path)])
    assert result.exit_code == 2
    assert "纯凝（condensing）、热电联产（chp）" in result.stderr
    assert "units" in result.stderr and "unit_type" in result.stderr


def test_template_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "mine.xlsx"
    path.write_bytes(b"my data")
    result = runner.invoke(app, ["template", "power", str(path)])
    assert result.exit_code == 2 and "--force" in result.stderr
    assert path.read_bytes() == b"my data"
    assert runner.invoke(app, ["template", "power", str(path), "--force"]).exit_code == 0
    assert load_workbook(path).sheetnames[0] == INSTRUCTIONS


def same_as_json(report: dict[str, Any], folder: Path) -> Path:
    return write_json(report, folder / "same.json")


def test_template_refuses_other_extensions(tmp_path: Path) -> None:
    result = runner.invoke(app, ["template", "power", str(tmp_path / "template.csv")])
    assert result.exit_code == 2
    assert ".xlsx" in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- --out ------------------------------------------------------------------------------------


def _expected_tables() -> dict[str, list[dict[str, Any]]]:
    tables = report_tables(account(load_report(GOOD)))
    return json.loads(json.dumps(tables))  # as JSON would give it back


def test_out_json(tmp_path: Path) -> None:
    out = tmp_path / "tables.json"
    result = runner.invoke(app, ["account", str(GOOD), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text(encoding="utf-8"))
    assert list(written) == list(REPORT_TABLES)
    assert written == _expected_tables()
    assert [p.name for p in tmp_path.iterdir()] == ["tables.json"]


def test_out_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "tables.xlsx"
    result = runner.invoke(app, ["account", str(GOOD), "--out", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    sheets = dict(zip(REPORT_TABLES, book.sheetnames[1:], strict=True))  # after the cover
    expected = _expected_tables()
    for table in REPORT_TABLES:
        rows = list(book[sheets[table]].iter_rows(values_only=True))
        keys = list(expected[table][0])
        assert list(rows[1]) == keys  # row 1 labels, row 2 keys, as in the template
        data = [dict(zip(keys, row, strict=True)) for row in rows[2:]]
        assert len(data) == len(expected[table])
        for got, want in zip(data, expected[table], strict=True):
            assert got == pytest.approx(want), table
    assert [p.name for p in tmp_path.iterdir()] == ["tables.xlsx"]


def test_out_csv_folder(tmp_path: Path) -> None:
    out = tmp_path / "tables"
    result = runner.invoke(app, ["account", str(GOOD), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.csv" for t in REPORT_TABLES)
    expected = _expected_tables()
    for table in REPORT_TABLES:
        with (out / f"{table}.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        as_text = [{k: "" if v is None else str(v) for k, v in r.items()} for r in expected[table]]
        assert rows == as_text
    assert [p.name for p in tmp_path.iterdir()] == ["tables"]


def test_out_failure_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "tables.json"
    out.mkdir()  # a folder where a file should go: the write fails after the tables are built
    result = runner.invoke(app, ["account", str(GOOD), "--out", str(out)])
    assert result.exit_code == 2
    assert "tables.json" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["tables.json"]
    assert list(out.iterdir()) == []


# --- traces -----------------------------------------------------------------------------------


def _walk(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node, *(n for child in node.get("children", []) for n in _walk(child))]


def test_trace_as_text() -> None:
    result = runner.invoke(app, ["--lang", "en", "account", str(GOOD), "--trace"])
    assert result.exit_code == 0, result.output
    assert "CC default = 0.03085 tC/GJ" in result.stdout
    assert "环办气候函〔2022〕485号" in result.stdout
    assert "FC × C_ar × OF × 44/12" in result.stdout


def test_trace_as_json_cites_the_default_and_its_reference() -> None:
    result = runner.invoke(app, ["account", str(GOOD), "--json", "--trace"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    nodes = _walk(data["trace"])
    assert data["trace"]["value"] == data["obligation_tco2"]
    month_2 = next(n for n in nodes if n["label"] == "bituminous month 2")  # no lab sample
    defaults = [n for n in _walk(month_2) if n["label"] == "CC default"]
    assert len(defaults) == 1
    for node in defaults:
        assert node["value"] == 0.03085
        assert node["unit"] == "tC/GJ"
        assert "环办气候函〔2022〕485号" in node["reference"]
        assert "in force from 2023-01-01" in node["reference"]
        assert node["note"].startswith("UNCERTAIN")
    oxidation = [n for n in nodes if n["label"] == "OF oxidation rate"]
    assert oxidation and all(n["reference"] for n in oxidation)


def test_json_without_trace_has_no_trace() -> None:
    result = runner.invoke(app, ["account", str(GOOD), "--json"])
    assert result.exit_code == 0
    assert "trace" not in json.loads(result.stdout)


# --- rules show / test ------------------------------------------------------------------------


def test_rules_show_lists_parameters_with_sources() -> None:
    result = runner.invoke(app, ["rules", "show", "power", "--year", "2023"])
    assert result.exit_code == 0, result.output
    for parameter, _ in parameters().in_force(dt.date(2023, 1, 1)):
        assert parameter.name in result.stdout
    assert "环办气候函〔2022〕485号" in result.stdout
    assert "0.03085" in result.stdout


def test_rules_show_json() -> None:
    result = runner.invoke(app, ["rules", "show", "power", "--year", "2023", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    by_name = {row["name"]: row for row in rows}
    in_force = {p.name for p, _ in parameters().in_force(dt.date(2023, 1, 1))}
    assert set(by_name) == in_force
    assert "oxidation_rate_factor_db" not in in_force  # from 2026 data only
    assert all(row["reference"] and row["unit"] for row in rows)
    coal = by_name["coal_carbon_content_default"]
    assert (coal["value"], coal["from"]) == (0.03085, "2023-01-01")


def test_rules_show_refuses_unknown_body_of_rules() -> None:
    result = runner.invoke(app, ["rules", "show", "no_such_sector", "--year", "2023"])
    assert result.exit_code == 2
    assert "unknown body of rules 'no_such_sector'" in result.stderr
    assert "未知规则集" in result.stderr and "allocation" in result.stderr


def test_rules_show_lists_every_body_of_rules() -> None:
    for body in ("allocation", "compliance", "market", "ccer", "targets", "cement"):
        result = runner.invoke(app, ["rules", "show", body, "--year", "2025", "--json"])
        assert result.exit_code == 0, result.output
        rows = json.loads(result.stdout)
        assert rows and all(row["reference"] and row["unit"] for row in rows), body


def test_rules_test_passes() -> None:
    result = runner.invoke(app, ["rules", "test"])
    assert result.exit_code == 0, result.output
    assert " 0 failed" in result.stdout


def test_the_template_shows_an_example_row_that_is_never_read_as_data(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    assert runner.invoke(app, ["template", "power", str(path), "--year", "2024"]).exit_code == 0
    units = load_workbook(path)["units"]
    keys = [c.value for c in units[2]]
    example = dict(zip(keys, [c.value for c in units[3]], strict=False))
    assert example["unit_id"] and example["unit_type"] in ("纯凝 condensing", "热电联产 chp")
    assert units.cell(3, len(TABLES["units"].model_fields) + 1).value.startswith("示例行")
    refused = runner.invoke(app, ["account", str(path)])
    assert refused.exit_code == 2 and "sheet units, row 3" in refused.stderr
    assert "示例行" in refused.stderr and "delete the row" in refused.stderr
    filled = write_filled_template(rich_report(), tmp_path / "filled.xlsx")  # examples deleted
    assert runner.invoke(app, ["account", str(filled)]).exit_code == 0
