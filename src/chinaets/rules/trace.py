"""Traces: any result as a tree of inputs, intermediate values and the parameters used.

Sector results build `TraceNode` trees on demand (``result.trace()``), from the values they kept
while computing, so that the fast path pays nothing for explainability.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chinaets.rules.parameters import UsedValue


@dataclass
class TraceNode:
    """One value in an explanation.

    `formula` says how the value follows from its children; `reference` cites the document a
    parameter or method comes from; `note` carries UNCERTAIN or draft markers.
    """

    label: str
    value: Any = None
    unit: str = ""
    formula: str = ""
    reference: str = ""
    note: str = ""
    children: list[TraceNode] = field(default_factory=list)

    def add(self, *nodes: TraceNode) -> TraceNode:
        self.children.extend(nodes)
        return self

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "value": self.value}
        for key in ("unit", "formula", "reference", "note"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.children:
            out["children"] = [c.as_dict() for c in self.children]
        return out

    def lines(self, indent: str = "") -> list[str]:
        """Plain-text rendering (the CLI renders the same tree with Rich)."""
        out = [indent + self.headline()]
        for child in self.children:
            out.extend(child.lines(indent + "  "))
        return out

    def headline(self) -> str:
        # a grouping node (no value of its own) is a heading, never "= None"
        text = self.label if self.value is None else f"{self.label} = {_fmt(self.value)}"
        if self.unit and not isinstance(self.value, bool):  # a yes/no has no unit to show
            text += f" {self.unit}"
        if self.formula:
            text += f"  [{self.formula}]"
        if self.reference:
            text += f"  ({self.reference})"
        if self.note:
            text += f"  !{self.note}"
        return text


def parameter_node(used: UsedValue, label: str | None = None) -> TraceNode:
    """A leaf for a parameter value, with its document and any UNCERTAIN or draft marker."""
    notes = []
    if used.dated.uncertain:
        notes.append(f"UNCERTAIN: {used.dated.uncertain}")
    if used.dated.draft:
        notes.append("DRAFT")
    return TraceNode(
        label=label or used.label,
        value=used.value,
        unit=used.parameter.unit,
        reference=f"{used.dated.reference}; in force from {used.dated.start}",
        note="; ".join(notes),
    )


def product_node(
    label: str, result: float, quantity: tuple[str, float, str], factor: tuple[str, UsedValue]
) -> TraceNode:
    """result = quantity × factor, e.g. a material's CO2 = tonnes used × its emission factor.
    `quantity` is (symbol, value, input table); `factor` is (symbol, the parameter value used)."""
    (q_symbol, q, table), (f_symbol, used) = quantity, factor
    node = TraceNode(
        label, result, "tCO2", formula=f"{q_symbol} × {f_symbol} = {q:g} × {used.value:g}"
    )
    return node.add(input_node(q_symbol, q, "t", table), parameter_node(used, f_symbol))


def input_node(label: str, value: Any, unit: str = "", where: str = "") -> TraceNode:
    return TraceNode(label=label, value=value, unit=unit, reference=where and f"input {where}")


def _fmt(value: Any) -> str:
    if isinstance(value, bool):  # never Python's True/False
        return "yes / 是" if value else "no / 否"
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1000 else f"{value:,.2f}"
    return str(value)
