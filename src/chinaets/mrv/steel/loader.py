"""The one way a steel report gets in (see `chinaets.inputs.loading`)."""

from __future__ import annotations

from chinaets.inputs.loading import Loader
from chinaets.mrv.steel.consistency import check_report
from chinaets.mrv.steel.schema import TABLES, SteelReport

LOADER = Loader(SteelReport, TABLES, check_report)
load_report = LOADER.load
parse_report = LOADER.parse
