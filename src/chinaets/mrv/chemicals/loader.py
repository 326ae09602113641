"""The one way a chemical report gets in (see `chinaets.inputs.loading`)."""

from __future__ import annotations

from chinaets.inputs.loading import Loader
from chinaets.mrv.chemicals.consistency import check_report
from chinaets.mrv.chemicals.schema import TABLES, ChemicalReport

LOADER = Loader(ChemicalReport, TABLES, check_report)
load_report = LOADER.load
parse_report = LOADER.parse
