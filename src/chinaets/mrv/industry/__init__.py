"""What the industrial sectors (cement, aluminium smelting, iron & steel) share.

A sector package composes these pieces; the API is small on purpose:

* ``schema`` — input rows: `IndustryEntity`, `FuelUse`, `NcvSample`, `ControlPlanEntry`,
  `Meter`, `Calibration`, `Deposit`; `fuels()` (Table A.1 names and units); `col`,
  `bilingual_error`, `Row` (the power schema's helpers, reused).
* ``rules`` — `parameters()` (shared, in ``parameters/``), `LAW` (the shared law book a
  sector's book extends), `Decimals` (report-table rounding), `fuel_defaults`, `CO2_PER_C`.
* ``combustion`` — `account_fuels(p, decimals, unit_id, fuel_rows, ncv_samples,
  with_oxidation=True) -> list[FuelResult]` (E = FC × NCV × CC [× OF] × 44/12; NCV batch- and
  month-weighted; coke at the default; `FuelResult.trace()` / `as_dict()`).
* ``ncv`` — `monthly_ncv`, `annual_ncv`, `weighted_mean`.
* ``units`` — calorific-value and mass conversions (kcal/kg, MJ/Nm3, tce …).
* ``consistency`` — `shared_issues(report, unit_ids, plan_parameters, unit_word)`: rejections
  of the shared tables (`Issue`, as in power).
* ``control_plan`` — `Observation` (how a parameter was obtained in a month) and
  `check_control_plan`; ``deposits`` — `check_deposits`, `deadline`.
* ``checks`` — `shared_findings(params, year, report, fuel_results, observations)` and
  `sort_findings`.
* ``coverage`` — `coverage_decision(params, history, year)` / `coverage_history`: the 26,000
  tCO2e inclusion threshold and the two-years-below removal rule.
"""
