"""`chinaets account | schema | template`: emissions accounting of any MRV sector."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import typer
from pydantic import BaseModel

from chinaets.cli import render
from chinaets.cli.common import console, print_json, print_trace, user_errors
from chinaets.cli.sector_choice import sector_argument, sector_option
from chinaets.core.clock import china_now
from chinaets.core.errors import InputError, Location
from chinaets.core.labels import label
from chinaets.inputs.docs import format_markdown, format_model_markdown
from chinaets.inputs.examples import example_rows
from chinaets.inputs.excel import write_template
from chinaets.inputs.output import write_output
from chinaets.mrv.sectors import Sector, default_sector, detect_sector, get_sector
from chinaets.platform.prepare import Diagnosis, diagnose

SECTOR_OPTION = sector_option()
DOCUMENTS = ("allocation", "compliance")
"""Inputs `chinaets schema` also documents, besides the sectors' (see `documents`)."""


def register(app: typer.Typer) -> None:
    app.command("account")(account)
    app.command("schema")(schema)
    app.command("template")(template)


def account(
    file: Path = typer.Argument(..., help="report input: .json, .xlsx or a folder of .csv files"),
    year: int = typer.Option(None, "--year", "-y", help="data year (if the file does not say)"),
    sector: str = SECTOR_OPTION,
    as_json: bool = typer.Option(False, "--json", help="print the result as JSON"),
    trace: bool = typer.Option(False, "--trace", help="explain every figure / 显示计算过程"),
    out: Path = typer.Option(
        None, "--out", "-o", help="write report tables: .json, .xlsx or a folder for CSV"
    ),
) -> None:
    """Account a data year's emissions as the MEE guideline of that year says / 排放核算."""
    with user_errors(as_json):
        spec = get_sector(sector or detect_sector(file))
        report = spec.load(file, year)
        result = spec.account(report)
        diagnosis = diagnose(spec, report, result)
        tables = spec.report_tables(result)
        if out is not None:
            write_report(
                tables,
                out,
                spec.column_labels,
                cover("报告表 report tables", spec, tables["entity"][0], file),
            )
    if as_json:
        data = result.as_dict()
        if trace:
            data["trace"] = result.trace().as_dict()
        data["diagnosis"] = diagnosis.as_dict()
        print_json(data)
    else:
        _print_tables(tables, spec.column_labels)
        if trace:
            print_trace(result.trace(), render.lang())
        _print_diagnosis(diagnosis, file)
    if out is not None and not as_json:
        console.print(render.heading(f"report tables written to {out}", f"报告表已写入 {out}"))


def _print_diagnosis(d: Diagnosis, file: Path) -> None:
    """The account's verdict line: findings to look at, tonnes resting on default values."""
    share = f" ({d.tco2_from_defaults / d.total_t:.0%})" if d.total_t else ""
    defaults = f"{round(d.tco2_from_defaults):,} tCO2{share}"
    if d.errors + d.warnings + d.infos == 0:
        found_en, found_zh = "no findings in the data", "数据未发现问题"
    else:
        found_en = (f"{d.errors} error(s), {d.warnings} warning(s), {d.infos} info in the data: "
                    f"see `chinaets check {file}`")  # fmt: skip
        found_zh = f"数据有错误 {d.errors} 项、警告 {d.warnings} 项、提示 {d.infos} 项（详见 chinaets check）"
    lines = {"en": f"{found_en}; {defaults} computed with default values",
             "zh": f"{found_zh}；其中 {defaults} 采用缺省值计算"}  # fmt: skip
    shown = [lines[lang] for lang in ("zh", "en") if render.lang() in (lang, "both")]
    console.print("\n".join(shown), markup=False, highlight=False, soft_wrap=True)


def cover(document: str, spec: Sector, entity: Mapping[str, Any], file: Path) -> dict[str, Any]:
    """The cover of a workbook of results: what it is, whose report, which year and sector,
    from which file, made when."""
    return {
        "document": document, "name": entity.get("name"), "credit_code": entity.get("credit_code"),
        "year": entity.get("year"), "sector": f"{spec.zh} {spec.name}",
        "source_file": file.name, "generated_at": china_now().strftime("%Y-%m-%d %H:%M"),
    }  # fmt: skip


def write_report(
    tables: Mapping[str, list[dict[str, Any]]],
    out: Path,
    labels: Mapping[str, str],
    cover: Mapping[str, Any],
) -> None:
    """Result tables to `out` (.xlsx, .json or a folder of CSV), a located error if it cannot
    be written."""
    try:
        write_output(tables, out, labels, cover)
    except OSError as exc:
        raise InputError.one(
            Location(str(out)), f"cannot write the output: {exc.strerror or exc}", "无法写入输出文件",
            "choose a writable path ending .json or .xlsx, or a folder", "请选择可写入的路径",
        ) from None  # fmt: skip


def _print_tables(tables: dict[str, list[dict[str, object]]], labels: Mapping[str, str]) -> None:
    """The entity row as a summary, then each small table; long monthly tables go to --out."""
    render.record(console, label("entity", render.lang()), tables["entity"][0], labels)
    for name, rows in tables.items():
        if name == "entity" or not rows:
            continue
        if len(rows) > MAX_PRINTED_ROWS:
            console.print(
                render.heading(
                    f"{name}: {len(rows)} rows, see --out",
                    f"{label(name, 'zh')}：共 {len(rows)} 行，请用 --out 输出",
                )
            )
            continue
        render.rows(console, label(name, render.lang()), rows, labels)


MAX_PRINTED_ROWS = 40


def schema(
    sector: str = sector_argument(extra=DOCUMENTS),
    markdown: bool = typer.Option(False, "--markdown", help="the format as Markdown docs"),
) -> None:
    """Print the JSON Schema of a sector's input / 输出输入数据的 JSON Schema."""
    sector = sector or default_sector()
    known = documents()
    if sector in known:
        zh, model = known[sector]
        text = format_model_markdown(sector, zh, model) if markdown else None
    else:
        with user_errors():
            spec = get_sector(sector)
        zh, model = spec.zh, spec.report_model
        text = format_markdown(spec) if markdown else None
    print(
        text
        if text is not None
        else json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2)
    )


def documents() -> dict[str, tuple[str, type[BaseModel]]]:
    """Inputs that are one JSON document rather than a sector's tables."""
    from chinaets.allocation.schema import AllocationInput
    from chinaets.compliance.schema import ComplianceInput

    return {
        "allocation": ("配额分配", AllocationInput),
        "compliance": ("履约清缴", ComplianceInput),
    }


def template(
    sector: str = sector_argument(),
    out: Path = typer.Argument(..., help="where to write the .xlsx template"),
    year: int = typer.Option(None, "--year", "-y", help="pre-fill the data year, e.g. 2025"),
    force: bool = typer.Option(False, "--force", help="overwrite an existing file / 覆盖已有文件"),
) -> None:
    """Write a blank bilingual Excel template / 生成空白的中英文 Excel 模板."""
    with user_errors():
        spec = get_sector(sector or default_sector())
        if out.suffix.lower() != ".xlsx":
            raise InputError.one(
                Location(str(out)), "the template is an Excel workbook", "模板为 Excel 工作簿",
                "give a file name ending .xlsx", "请使用 .xlsx 文件名",
            )  # fmt: skip
        if out.exists() and not force:
            raise InputError.one(
                Location(str(out)), "the file exists: a template would overwrite your data",
                "文件已存在：生成模板会覆盖已填写的数据",
                "choose another name, or add --force to overwrite it",
                "请换一个文件名，或加 --force 覆盖",
            )  # fmt: skip
        examples = example_rows(spec.cases_dir, spec.tables)
        write_template(out, spec.tables, spec.table_labels, year=year, examples=examples)
    console.print(
        render.heading(
            f"template written to {out} (row 3 of each table: an example, delete it)",
            f"模板已写入 {out}（各表第3行为示例，填写前请删除）",
        )
    )
