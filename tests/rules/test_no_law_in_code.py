"""No law in code: rule-bearing modules hold no regulatory number or date; those live in the
dated parameter files.

The detector walks each module's syntax tree (docstrings and comments are not code) and flags
- a date-like text (``2024-01-22``) anywhere but a formula version's ``since(...)`` date;
- a year-like integer (1990–2100) outside input-validation bounds (``ge=`` / ``le=`` keywords);
- in the modules that compute allocation and compliance, any other number than 0, 1, 2, −1, 100.
What is left is allow-listed below, each with the reason it is not law.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "src" / "chinaets"
STRICT = [
    "allocation/balance.py", "allocation/determination.py", "allocation/industry.py",
    "allocation/special_cases.py", "allocation/power.py", "allocation/issuance.py",
    "allocation/rules.py", "allocation/methods.py", "compliance/rules.py", "compliance/status.py",
    "registry/vintages.py", "compliance/certificate.py",
]  # fmt: skip
SCANNED = [
    *STRICT, "allocation/power_formulas.py", "allocation/inputs.py", "national/balance.py",
    "mrv/power/allocation_input.py", "mrv/cement/allocation_input.py",
    "mrv/aluminium/allocation_input.py", "mrv/steel/allocation_input.py",
    "allocation/tables.py", "allocation/ledger.py", "compliance/penalties.py",
    "compliance/planner.py", "registry/checks.py", "registry/retirements.py", "registry/serials.py",
    "web/sections.py", "demo/gem_units.py", "cbam/law.py", "cbam/bridge.py", "market/rules.py",
    "mrv/industry/consistency.py", "mrv/steel/schema.py", "mrv/steel/consistency.py",
]  # fmt: skip
WHOLE_PACKAGES = ("ccer", "cems")
"""Every module of these is scanned, a new one included (CCER methodologies, CEMS rules)."""
NOT_LAW = {
    "ccer/demo.py": "the demo's synthetic projects and the dates of their story, not law",
}
PLAIN_NUMBERS = {0, 1, 2, -1, 100}
ALLOWED = {
    ("allocation/balance.py", 200): "bisection halvings: numerical setting, not law",
    ("allocation/power_formulas.py", 1.2): "largest plausible load factor (input sanity)",
    ("mrv/power/allocation_input.py", 1.2): "largest plausible load factor (input sanity)",
    ("registry/vintages.py", 4): "a vintage label's first four characters are its year",
    ("compliance/certificate.py", 6): "certificate number: last six characters of the credit code",
    ("compliance/certificate.py", 8): "certificate number: eight hex digits of the digest",
    ("registry/serials.py", 2005): "CCER vintages accepted from (input sanity, not a rule)",
    ("registry/serials.py", 2100): "CCER vintages accepted until (input sanity)",
    ("registry/checks.py", 2019): "compliance years accepted from (input sanity; rules decide)",
    ("registry/checks.py", 2100): "compliance years accepted until (input sanity)",
    (
        "ccer/rules.py",
        "温室气体自愿减排交易管理办法（试行）（生态环境部、市场监管总局，2023-10-19）",
    ): "the Measures' citation (the document's title and date), not a value of the law",
    ("ccer/steps.py", 2000): "a public comment's length in characters (a system limit)",
}
DATE = re.compile(r"\b(19|20)\d\d-[01]\d-[0-3]\d\b")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            found.add(id(first.value))
    return found


def _exempt(tree: ast.AST) -> set[int]:
    """Constants that are formula version dates or validation bounds."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "since":
                found |= {id(a) for a in node.args}
            found |= {id(k.value) for k in node.keywords if k.arg in ("ge", "le", "gt", "lt")}
    return found


def literals(relative: str, root: Path = ROOT) -> list[tuple[int, object]]:
    """(line, literal) of every regulatory-looking literal of a module."""
    tree = ast.parse((root / relative).read_text(encoding="utf-8"))
    skip = _docstrings(tree) | _exempt(tree)
    strict = relative in STRICT
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or id(node) in skip or isinstance(node.value, bool):
            continue
        value = node.value
        if isinstance(value, str) and DATE.search(value) and (relative, value) not in ALLOWED:
            out.append((node.lineno, value))
        elif isinstance(value, int | float) and (relative, value) not in ALLOWED:
            year_like = 1990 <= value <= 2100 and float(value).is_integer()
            if year_like or (strict and value not in PLAIN_NUMBERS):
                out.append((node.lineno, value))
    return out


def scanned() -> list[str]:
    """The listed modules and every module of the whole packages but those that are not law."""
    whole = [str(p.relative_to(ROOT)) for pkg in WHOLE_PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    return [*SCANNED, *sorted(m for m in whole if m not in NOT_LAW)]


def test_rule_modules_hold_no_regulatory_literal() -> None:
    missing = [m for m in [*SCANNED, *NOT_LAW] if not (ROOT / m).exists()]
    assert not missing, f"scanned modules moved or gone: update the list {missing}"
    found = {m: literals(m) for m in scanned()}
    offenders = {m: hits for m, hits in found.items() if hits}
    assert not offenders, (
        f"move these to a dated parameter file (or allow-list with a reason): {offenders}"
    )


def test_the_detector_finds_what_it_should(tmp_path: Path) -> None:
    (tmp_path / "allocation").mkdir()
    (tmp_path / "allocation" / "industry.py").write_text(
        '"""2024-01-22 in a docstring is fine."""\n'
        "SHARE = 0.7\nSTART = '2024-01-22'\nLAST = 2026\nOK = 100\n"
        "@f.since('2025-01-01', 'a formula version date is fine')\n"
        "def g(x: int = col(ge=2000, le=2100)) -> None: ...\n",
        encoding="utf-8",
    )
    found = {str(v) for _, v in literals("allocation/industry.py", tmp_path)}
    assert found == {"0.7", "2024-01-22", "2026"}
