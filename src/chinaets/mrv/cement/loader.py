"""The one way a cement report gets in (see `chinaets.mrv.loading`)."""

from __future__ import annotations

from chinaets.mrv.cement.consistency import check_report
from chinaets.mrv.cement.schema import TABLES, CementReport
from chinaets.mrv.loading import Loader

LOADER = Loader(CementReport, TABLES, check_report)
load_report = LOADER.load
parse_report = LOADER.parse
