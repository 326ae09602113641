"""The one way a civil aviation report gets in (see `chinaets.inputs.loading`)."""

from __future__ import annotations

from chinaets.inputs.loading import Loader
from chinaets.mrv.aviation.consistency import check_report
from chinaets.mrv.aviation.schema import TABLES, AviationReport

LOADER = Loader(AviationReport, TABLES, check_report)
load_report = LOADER.load
parse_report = LOADER.parse
