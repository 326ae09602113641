"""The one way a petrochemical report gets in (see `chinaets.inputs.loading`)."""

from __future__ import annotations

from chinaets.inputs.loading import Loader
from chinaets.mrv.petrochemicals.consistency import check_report
from chinaets.mrv.petrochemicals.schema import TABLES, PetroReport

LOADER = Loader(PetroReport, TABLES, check_report)
load_report = LOADER.load
parse_report = LOADER.parse
