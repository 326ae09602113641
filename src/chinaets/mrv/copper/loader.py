"""The one way a copper smelting report gets in (see `chinaets.inputs.loading`)."""

from __future__ import annotations

from chinaets.inputs.loading import Loader
from chinaets.mrv.copper.consistency import check_report
from chinaets.mrv.copper.schema import TABLES, CopperReport

LOADER = Loader(CopperReport, TABLES, check_report)
load_report = LOADER.load
parse_report = LOADER.parse
