"""The one way an aluminium report gets in (see `chinaets.inputs.loading`)."""

from __future__ import annotations

from chinaets.inputs.loading import Loader
from chinaets.mrv.aluminium.consistency import check_report
from chinaets.mrv.aluminium.schema import TABLES, AluminiumReport

LOADER = Loader(AluminiumReport, TABLES, check_report)
load_report = LOADER.load
parse_report = LOADER.parse
