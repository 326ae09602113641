"""The one way an aluminium report gets in (see `chinaets.mrv.loading`)."""

from __future__ import annotations

from chinaets.mrv.aluminium.consistency import check_report
from chinaets.mrv.aluminium.schema import TABLES, AluminiumReport
from chinaets.mrv.loading import Loader

LOADER = Loader(AluminiumReport, TABLES, check_report)
load_report = LOADER.load
parse_report = LOADER.parse
