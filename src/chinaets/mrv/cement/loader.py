"""The one way a cement report gets in (see `chinaets.inputs.loading`)."""

from __future__ import annotations

from chinaets.inputs.loading import Loader
from chinaets.mrv.cement.consistency import check_report
from chinaets.mrv.cement.schema import TABLES, CementReport

LOADER = Loader(CementReport, TABLES, check_report)
load_report = LOADER.load
parse_report = LOADER.parse
