"""The one way a pulp and paper report gets in (see `chinaets.inputs.loading`)."""

from __future__ import annotations

from chinaets.inputs.loading import Loader
from chinaets.mrv.paper.consistency import check_report
from chinaets.mrv.paper.schema import TABLES, PaperReport

LOADER = Loader(PaperReport, TABLES, check_report)
load_report = LOADER.load
parse_report = LOADER.parse
