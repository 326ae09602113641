"""The one way a civil aviation report gets in (see `chinaets.mrv.loading`)."""

from __future__ import annotations

from chinaets.mrv.aviation.consistency import check_report
from chinaets.mrv.aviation.schema import TABLES, AviationReport
from chinaets.mrv.loading import Loader

LOADER = Loader(AviationReport, TABLES, check_report)
load_report = LOADER.load
parse_report = LOADER.parse
