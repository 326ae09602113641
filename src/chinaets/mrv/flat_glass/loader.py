"""The one way a flat glass report gets in (see `chinaets.inputs.loading`)."""

from __future__ import annotations

from chinaets.inputs.loading import Loader
from chinaets.mrv.flat_glass.consistency import check_report
from chinaets.mrv.flat_glass.schema import TABLES, GlassReport

LOADER = Loader(GlassReport, TABLES, check_report)
load_report = LOADER.load
parse_report = LOADER.parse
