"""`chinaets check FILE`: the verification checks of a report, as a verifier would list them."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from chinaets.cli import render
from chinaets.cli.common import console, print_json, user_errors
from chinaets.cli.mrv_cmds import cover, write_report
from chinaets.cli.sector_choice import sector_option
from chinaets.core.labels import label, term
from chinaets.mrv.findings import Finding, has_errors
from chinaets.mrv.sectors import detect_sector, get_sector

EXIT_FINDINGS = 1
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


class Lang(StrEnum):
    zh = "zh"
    en = "en"
    both = "both"


def register(app: typer.Typer) -> None:
    app.command("check")(check)


def check(
    file: Path = typer.Argument(..., help="report input: .json, .xlsx or a folder of .csv files"),
    year: int = typer.Option(None, "--year", "-y", help="data year (if the file does not say)"),
    exit_zero: bool = typer.Option(
        False, "--exit-zero", help="exit 0 even when a finding is an error (list only)"
    ),
    strict: bool = typer.Option(
        False, "--strict", hidden=True, help="the default; kept for scripts"
    ),
    as_json: bool = typer.Option(
        False, "--json", help="print the findings as a JSON list (both languages)"
    ),
    lang: Lang | None = typer.Option(
        None, "--lang", help="language of the messages: zh, en or both (default: chinaets --lang)"
    ),
    sector: str = sector_option(),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="write the findings too: .xlsx (or .json, or a CSV folder)"
    ),
) -> None:
    """Verification checks of a data year's report (CETS-VG-01.01-V02-2026) / 核查检查.

    Exits 1 when a finding is an error (warnings and info exit 0), 2 when the input is invalid;
    --exit-zero lists the findings and exits 0. 发现错误时退出码为 1，输入无效时为 2。"""
    with user_errors(as_json):
        spec = get_sector(sector or detect_sector(file))
        report = spec.load(file, year)
        result = spec.account(report)
        findings = spec.check(report, result)
        if out is not None:
            entity = spec.report_tables(result)["entity"][0]
            write_report(
                {"findings": _rows(findings)},
                out,
                {},
                cover("核查发现 verification findings", spec, entity, file),
            )
    if as_json:
        print_json([f.as_dict() for f in findings])
    else:
        with render.language(lang.value if lang else None):
            _print_findings(findings, Lang(render.lang()))
    if has_errors(findings) and not exit_zero:
        raise typer.Exit(EXIT_FINDINGS)


def _print_findings(findings: list[Finding], lang: Lang) -> None:
    if not findings:
        console.print(render.heading("no findings", "未发现问题"))
        return
    table = Table(title=render.heading("verification findings", "核查发现"))
    for key, how in (
        ("severity", {"no_wrap": True}),
        ("code", {"no_wrap": True}),
        ("unit_id", {}),
        ("month", {"justify": "right"}),
        ("field", {"overflow": "fold"}),
        ("message", {"overflow": "fold", "ratio": 1}),
    ):
        table.add_column(label(key, render.lang()), **how)
    for f in findings:
        table.add_row(
            Text(_severity(f, lang), style=_STYLE[f.severity]),
            Text(f.code),
            Text(f.unit_id or "—"),
            Text("—" if f.month is None else str(f.month)),
            Text(f.field or "—"),
            Text(_message(f, lang)),  # Text: sample ids and unit ids are the user's, not markup
        )
    console.print(table)
    counts = {s: sum(f.severity == s for f in findings) for s in _STYLE}
    console.print(
        render.heading(
            f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info",
            f"错误 {counts['error']} 项，警告 {counts['warning']} 项，提示 {counts['info']} 项",
        )
    )


def _rows(findings: list[Finding]) -> list[dict[str, object]]:
    """The findings as a table of the workbook: both languages, Chinese first."""
    return [
        {"severity": term(f.severity, "both"), "code": f.code, "unit_id": f.unit_id, "month": f.month,
         "field": f.field, "message_zh": f.zh, "message_en": f.en, "reference": f.reference}
        for f in findings
    ]  # fmt: skip


def _severity(f: Finding, lang: Lang) -> str:
    if lang is Lang.en:
        return f.severity
    if lang is Lang.zh:
        return _SEVERITY_ZH[f.severity]
    return f"{f.severity} {_SEVERITY_ZH[f.severity]}"


def _message(f: Finding, lang: Lang) -> str:
    if lang is Lang.en:
        return f.en
    if lang is Lang.zh:
        return f.zh
    return f"{f.en}\n{f.zh}"
