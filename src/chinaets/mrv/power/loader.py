"""The one way a power report gets in (see `chinaets.inputs.loading`)."""

from __future__ import annotations

from chinaets.inputs.loading import Loader
from chinaets.mrv.power.consistency import check_report
from chinaets.mrv.power.schema import TABLES, PowerReport

LOADER = Loader(PowerReport, TABLES, check_report)
load_report = LOADER.load
parse_report = LOADER.parse
