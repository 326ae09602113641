"""The one way a chemical report gets in (see `chinaets.mrv.loading`)."""

from __future__ import annotations

from chinaets.mrv.chemicals.consistency import check_report
from chinaets.mrv.chemicals.schema import TABLES, ChemicalReport
from chinaets.mrv.loading import Loader

LOADER = Loader(ChemicalReport, TABLES, check_report)
load_report = LOADER.load
parse_report = LOADER.parse
