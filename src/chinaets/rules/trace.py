"""Traces: any result as a tree of inputs, intermediate values and the parameters used.

Sector results build `TraceNode` trees on demand (``result.trace()``), from the values they kept
while computing, so that the fast path pays nothing for explainability.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from chinaets.core.labels import Lang, bilingual, chinese, translated
from chinaets.core.terms import zh_term
from chinaets.rules.formulas import DatedFormula
from chinaets.rules.parameters import UsedValue


@dataclass
class TraceNode:
    """One value in an explanation.

    `formula` says how the value follows from its children; `reference` cites the document a
    parameter or method comes from; `note` carries UNCERTAIN or draft markers. The `*_zh`
    fields are what a Chinese reader sees (`headline("zh")`); a cited source and a law book's
    note stay as written, printed after "来源:" at the end of the line.
    """

    label: str
    value: Any = None
    unit: str = ""
    formula: str = ""
    reference: str = ""
    note: str = ""
    children: list[TraceNode] = field(default_factory=list)
    label_zh: str = ""
    unit_zh: str = ""  # when the unit has words (" ": none, where the parameter's unit is not)
    formula_zh: str = ""  # when the formula has words, not only symbols
    value_zh: str = ""  # when the value is text (a formula version), as a Chinese reader reads it
    note_zh: str = ""
    since: str = ""  # the day a parameter value is in force from
    reference_zh: str = ""  # the reference in Chinese, when it is ours (not a cited title)

    def add(self, *nodes: TraceNode) -> TraceNode:
        self.children.extend(nodes)
        return self

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "value": self.value}
        for key in ("unit", "formula", "reference", "note"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.since:  # one source line, as printed in English
            out["reference"] = f"{self.reference}; in force from {self.since}"
        if self.children:
            out["children"] = [c.as_dict() for c in self.children]
        return out

    def lines(self, indent: str = "", lang: Lang = "en") -> list[str]:
        """Plain-text rendering (the CLI renders the same tree with Rich)."""
        out = [indent + self.headline(lang)]
        for child in self.children:
            out.extend(child.lines(indent + "  ", lang))
        return out

    def headline(self, lang: Lang = "en") -> str:
        """One line: label = value unit [formula] (source) !note, as `lang` reads it."""
        name = translated(self.label, self.label_zh, lang)
        value = self.value_zh if lang == "zh" and self.value_zh else _fmt(self.value, lang)
        # a grouping node (no value of its own) is a heading, never "= None"; a value not known
        # says so in words where the node gives them (`value_zh`)
        shown = self.value is not None or (lang == "zh" and self.value_zh)
        text = f"{name} = {value}" if shown else name
        unit = (
            (self.unit_zh or _UNITS_ZH.get(self.unit, self.unit)).strip()
            if lang == "zh"
            else self.unit
        )
        if self.value is None or isinstance(self.value, bool):
            unit = ""  # a heading or a yes/no has no unit to show
        if unit:
            text += f" {unit}"
        formula = self.formula_zh if lang == "zh" and self.formula_zh else self.formula
        if formula:
            text += f"  [{formula}]"
        if lang == "zh":
            return text + self._zh_tail()
        reference = self.reference
        if self.since:
            reference += f"; in force from {self.since}" + (
                "" if lang == "en" else f" / 自 {self.since} 起施行"
            )
        if reference:
            text += f"  ({reference})"
        if self.note:
            note = (
                self.note if lang == "en" or not self.note_zh else f"{self.note} / {self.note_zh}"
            )
            text += f"  !{note}"
        return text

    def _zh_tail(self) -> str:
        """The note and source in Chinese; the law book's own words (a cited title, why a value
        is uncertain) follow "来源:" as written, last on the line."""
        tail = f"  ！{self.note_zh}" if self.note_zh else ""
        cited = [self.reference_zh or self.reference] if self.reference else []
        if self.since:
            cited.append(f"自 {self.since} 起施行")
        if self.note and not self.note_zh:
            cited.append(self.note)
        return tail + ("  来源: " + "；".join(cited) if cited else "")


def parameter_node(used: UsedValue, label: str | None = None) -> TraceNode:
    """A leaf for a parameter value, with its document and any UNCERTAIN or draft marker.

    In Chinese the label is the symbol (the first word of `label`) and the parameter's
    `description_zh`, with its table cell in Chinese terms."""
    notes, notes_zh = [], []
    if used.dated.uncertain:
        notes.append(f"UNCERTAIN: {used.dated.uncertain}")
        notes_zh.append("存疑")
    if used.dated.draft:
        notes.append("DRAFT")
        notes_zh.append("征求意见稿")
    cell = "[" + ", ".join(zh_term(k) for k in used.key) + "]" if used.key else ""
    described = used.parameter.description_zh or used.parameter.name
    symbol = _symbol(label) if label else ""
    if described.startswith(symbol):  # "CBAM 系数…" names its symbol already
        symbol = ""
    return TraceNode(
        label=label or used.label,
        label_zh=f"{symbol} {described}{cell}".strip(),
        value=used.value,
        # a code (a method, a scope) as its Chinese term
        value_zh=zh_term(used.value) if isinstance(used.value, str) else "",
        unit=used.parameter.unit,
        unit_zh=used.parameter.unit_zh,
        reference=used.dated.reference,
        reference_zh=used.dated.reference + _why_uncertain_zh(used),
        since=str(used.dated.start),
        note="; ".join(notes),
        note_zh="；".join(notes_zh),
    )


def _why_uncertain_zh(used: UsedValue) -> str:
    """Why a value is uncertain, in the law book's Chinese (its English note, marked as the
    original, only where a book has not yet translated it)."""
    dated = used.dated
    if not dated.uncertain:
        return ""
    if dated.uncertain_zh:
        return f"；存疑说明: {dated.uncertain_zh}"
    return f"；存疑说明（原文）: {dated.uncertain}"


def versions_node(formula_versions: Mapping[str, str]) -> TraceNode:
    """The formula versions a result was computed with: in Chinese, each quantity's Chinese
    description and the day its version is in force from (never the Python function)."""
    node = TraceNode("formula versions in force", label_zh="适用的公式版本")
    for name, version in formula_versions.items():
        formula = DatedFormula.registry.get(name)
        found = [v for v in formula.versions if v.label == version] if formula else []
        zh = ""
        if formula is not None and formula.description_zh and found:
            zh = f"自 {found[0].start} 起施行的版本"
        label_zh = formula.description_zh if formula is not None else ""
        node.add(TraceNode(name, version, label_zh=label_zh, value_zh=zh))
    return node


def version_zh(version: str) -> str:
    """A formula version's label ("clinker_factor_method (from 2024-01-01)") as a Chinese reader
    reads it: the day it is in force from, never the Python function's name."""
    found = re.search(r"\(from (\d{4}-\d{2}-\d{2})\)", version)
    return f"自 {found.group(1)} 起施行的公式版本" if found else "公式版本"


def _symbol(label: str) -> str:
    """The symbol a label starts with ("OF oxidation rate" -> "OF"; "EF_grid" -> "EF_grid"),
    '' when it starts with a word (a symbol has a capital or a digit)."""
    first = label.split()[0]
    return first if first != first.lower() or any(c.isdigit() for c in first) else ""


def product_node(
    label: str,
    result: float,
    quantity: tuple[str, float, str],
    factor: tuple[str, UsedValue],
    label_zh: str = "",
) -> TraceNode:
    """result = quantity × factor, e.g. a material's CO2 = tonnes used × its emission factor.
    `quantity` is (symbol, value, input table); `factor` is (symbol, the parameter value used)."""
    (q_symbol, q, table), (f_symbol, used) = quantity, factor
    node = TraceNode(
        label,
        result,
        "tCO2",
        formula=f"{q_symbol} × {f_symbol} = {q:g} × {used.value:g}",
        label_zh=label_zh,
    )
    return node.add(input_node(q_symbol, q, "t", table), parameter_node(used, f_symbol))


def input_node(
    label: str, value: Any, unit: str = "", where: str = "", label_zh: str = ""
) -> TraceNode:
    """A leaf for a figure read from the report; `where` names its table (and row)."""
    return TraceNode(
        label=label,
        value=value,
        unit=unit,
        reference=where and f"input {where}",
        reference_zh=where and f"报告输入 {where}",
        label_zh=label_zh,
    )


# units named in words, as a Chinese reader reads them (symbols such as tCO2 stay as they are)
_UNITS_ZH = {
    "fraction": "（比例）",
    "1": "",  # a pure number
    "boolean": "",
    "GJ/t (solid, liquid); GJ/10^4 Nm3 (gas)": "GJ/t（固体、液体）；GJ/10^4 Nm3（气体）",
    "GJ/t (solid, liquid, refinery dry gas); GJ/10^4 Nm3 (gas)":
        "GJ/t（固体、液体、炼厂干气）；GJ/10^4 Nm3（气体）",
    "tCO2/t (dry basis)": "tCO2/t（干基）",
    "tCO2/t (natural gas tCO2/10^4 Nm3)": "tCO2/t（天然气为 tCO2/10^4 Nm3）",
    "tCO2/t carbonate": "tCO2/t 碳酸盐",
    "tCO2/t clinker": "tCO2/t 熟料",
    "tCO2e/t gas": "tCO2e/t 气体",
    "(kg CF4/t Al)/(AE-min/cell-day)": "(kg CF4/t Al)/(阳极效应分钟/槽·日)",
    # a parameter's kind of value: the value itself says it (a date, a year, a code)
    "code": "", "date": "", "year": "", "category": "", "sector": "", "route letter": "",
    "terms": "", "terms of the curve": "", "terms of the function": "", "see each term": "",
    "terms of the piecewise function (F as a fraction)": "（F 以小数计）",
    "terms (CNY, multiples)": "（元；倍数）", "terms (CNY, multiples, shares)": "（元；倍数；比例）",
    "yes/no": "", "true = allocated": "", "decimals": "位小数", "factor": "",
    "fraction of verified emissions": "（占核查排放量的比例）",
    "fraction of the obligation": "（占应清缴量的比例）",
    "fraction of the default value": "（占默认值的比例）", "fraction of heat input": "（占热量输入的比例）",
    "factor per unit of heat-supply ratio": "（每单位供热比）",
    "vintage year": "", "working day": "个工作日", "person": "人", "t per year": "t/年",
    "tCO2e/t good": "tCO2e/t 商品", "tCO2/t pig iron": "tCO2/t 生铁", "certificates": "张证书", "EUR/t good": "EUR/t 商品",
    "code (verified = allocation equals verified emissions)": "",
    "code (key_processes = (ironmaking + sintering emissions) / ironmaking-process output; "
    "perimeter_per_output = allocated emissions / product output)": "",
    "t d.m./m3 ; 1 ; 1 ; tC/t d.m.": "t 干物质/m3；1；1；tC/t 干物质",
}  # fmt: skip


def _fmt(value: Any, lang: Lang = "both") -> str:
    if isinstance(value, bool):  # never Python's True/False
        return bilingual("yes", "是", lang) if value else bilingual("no", "否", lang)
    if isinstance(value, Mapping) and lang == "zh":  # a parameter's terms, each by its name
        return "；".join(
            f"{chinese(str(k)) or k} {zh_term(v) if isinstance(v, str) else _fmt(v, lang)}"
            for k, v in value.items()
        )
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1000 else f"{value:,.2f}"
    return str(value)
