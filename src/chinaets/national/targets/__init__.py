"""National targets: published indicators, the dated targets they are measured against, and
progress computed by chaining annual rates (never adding them).

- `indicators`: the published yearly figures with their source and basis
  (``data/national/china_target_indicators.csv``).
- `parameters/`: every target as a dated, cited parameter (one YAML file each).
- `progress`: cumulative change by chaining, status, the annual rate still needed, one result
  per basis where the bases differ.
- `plans`: the S&T Support Plan (2022–2030) and the Adaptation Strategy 2035 progress tables.
- `coverage`: the national ETS's coverage by sector against national CO2.
- `charts`: dependency-free SVG charts for the CLI.
"""

from chinaets.national.targets.indicators import Observation, load_observations
from chinaets.national.targets.progress import Progress, chain, progress_report
from chinaets.national.targets.rules import Target, load_targets

__all__ = [
    "Observation",
    "Progress",
    "Target",
    "chain",
    "load_observations",
    "load_targets",
    "progress_report",
]
