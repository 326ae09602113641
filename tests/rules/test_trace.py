"""Traces: a result as a tree of inputs, intermediate values and cited parameters."""

from __future__ import annotations

import datetime as dt

from chinaets.rules import DatedValue, Parameter
from chinaets.rules.parameters import UsedValue
from chinaets.rules.trace import TraceNode, input_node, parameter_node

COAL_DEFAULT = Parameter(
    "coal_carbon_content_default",
    "Default carbon content of coal",
    "tC/GJ",
    (
        DatedValue(
            dt.date(2023, 1, 1),
            0.03085,
            "环办气候函〔2022〕485号",
            uncertain="text not read",
            draft=True,
        ),
    ),
)


def used_default() -> UsedValue:
    return UsedValue(COAL_DEFAULT, COAL_DEFAULT.values[0], (), 0.03085)


def tree() -> TraceNode:
    root = TraceNode("unit U1", 2239710.0, "tCO2", formula="Σ months")
    month = TraceNode("bituminous month 1", 2239710.0, "tCO2", formula="FC × C_ar × OF × 44/12")
    month.add(
        input_node("FC consumption", 1000000, "t", "fuel_use"),
        parameter_node(used_default(), "CC default"),
    )
    return root.add(month)


def test_parameter_node_cites_reference_date_and_markers() -> None:
    node = parameter_node(used_default())
    assert node.label == "coal_carbon_content_default"
    assert (node.value, node.unit) == (0.03085, "tC/GJ")
    assert (node.reference, node.since) == ("环办气候函〔2022〕485号", "2023-01-01")
    assert node.note == "UNCERTAIN: text not read; DRAFT"


def test_as_dict_keeps_only_what_is_set() -> None:
    data = tree().as_dict()
    assert data == {
        "label": "unit U1",
        "value": 2239710.0,
        "unit": "tCO2",
        "formula": "Σ months",
        "children": [
            {
                "label": "bituminous month 1",
                "value": 2239710.0,
                "unit": "tCO2",
                "formula": "FC × C_ar × OF × 44/12",
                "children": [
                    {
                        "label": "FC consumption",
                        "value": 1000000,
                        "unit": "t",
                        "reference": "input fuel_use",
                    },
                    {
                        "label": "CC default",
                        "value": 0.03085,
                        "unit": "tC/GJ",
                        "reference": "环办气候函〔2022〕485号; in force from 2023-01-01",
                        "note": "UNCERTAIN: text not read; DRAFT",
                    },
                ],
            }
        ],
    }


def test_lines_indent_children_under_parents() -> None:
    assert tree().lines() == [
        "unit U1 = 2,239,710.00 tCO2  [Σ months]",
        "  bituminous month 1 = 2,239,710.00 tCO2  [FC × C_ar × OF × 44/12]",
        "    FC consumption = 1000000 t  (input fuel_use)",
        "    CC default = 0.03085 tC/GJ  (环办气候函〔2022〕485号; in force from 2023-01-01)"
        "  !UNCERTAIN: text not read; DRAFT",
    ]


def test_headline_of_a_bare_node() -> None:
    assert TraceNode("formula versions in force").headline() == "formula versions in force"
    assert TraceNode("ratio", 0.123456789).headline() == "ratio = 0.123457"
