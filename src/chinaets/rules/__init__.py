"""The sector-agnostic rules engine: dated parameters, dated formula versions, traces, worked cases.

Each body of law is a `LawBook` (a sector, allocation, compliance, …) whose folder holds the law as data: parameter YAML files with an
effective date and a cited reference for every value, formula versions named by the date they
take effect, and worked cases. Adding a compliance year touches those folders, not this engine.
"""

from chinaets.rules.formulas import DatedFormula
from chinaets.rules.lawbook import LawBook
from chinaets.rules.parameters import (
    DatedValue,
    Parameter,
    ParametersAt,
    ParameterSet,
    load_parameter_dir,
)
from chinaets.rules.trace import TraceNode

__all__ = [
    "DatedFormula",
    "DatedValue",
    "LawBook",
    "Parameter",
    "ParameterSet",
    "ParametersAt",
    "TraceNode",
    "load_parameter_dir",
]
