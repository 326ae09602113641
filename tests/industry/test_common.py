"""The shared industrial rules: NCV weighting, coke, the control plan, meters, deposits and the
list of key emitting entities."""

from __future__ import annotations

import datetime as dt

import pytest

from chinaets.mrv.industry import coverage
from chinaets.mrv.industry.checks import ncv_findings
from chinaets.mrv.industry.combustion import account_fuels
from chinaets.mrv.industry.control_plan import (
    Observation,
    add_months,
    check_control_plan,
    lapsed_months,
)
from chinaets.mrv.industry.deposits import check_deposits, deadline
from chinaets.mrv.industry.ncv import annual_ncv, monthly_ncv
from chinaets.mrv.industry.rules import Decimals, parameters
from chinaets.mrv.industry.schema import (
    Calibration,
    ControlPlanEntry,
    Deposit,
    FuelUse,
    Meter,
    NcvSample,
)

P = parameters()
P25 = P.at(dt.date(2025, 1, 1))


def test_monthly_ncv_is_batch_weighted_for_solids_and_a_mean_for_gases() -> None:
    assert monthly_ncv([(6000, 22.0), (4000, 24.0)], solid=True) == pytest.approx(22.8)
    assert monthly_ncv([(6000, 22.0), (4000, 24.0)], solid=False) == pytest.approx(23.0)
    assert annual_ncv([(10000, 22.8), (30000, 24.0)]) == pytest.approx(23.7)


def _fuels(samples: list[NcvSample], months: tuple[int, ...] = (1, 2, 3), fuel: str = "bituminous"):  # type: ignore[no-untyped-def]
    rows = [FuelUse(unit_id="L1", month=m, fuel=fuel, quantity=1000) for m in months]
    return account_fuels(P25, Decimals.at(P25), "L1", rows, samples)


def _sample(month: int, fuel: str = "bituminous", lab: str = "cma") -> NcvSample:
    return NcvSample(unit_id="L1", month=month, fuel=fuel, ncv=22.0, received_t=1000, lab=lab)  # type: ignore[arg-type]


def test_a_measured_series_falling_back_to_the_default_is_an_error() -> None:
    found = list(ncv_findings(_fuels([_sample(1)])))
    assert [(f.code, f.severity, f.month) for f in found] == [("IND-NCV-SWITCH", "error", 2)]


def test_default_then_measured_is_a_warning() -> None:
    found = list(ncv_findings(_fuels([_sample(2), _sample(3)])))
    assert [(f.code, f.month) for f in found] == [("IND-NCV-MIXED", 1)]


def test_coke_always_takes_the_default() -> None:
    (result,) = _fuels([_sample(1, "coke")], months=(1,), fuel="coke")
    assert result.ncv == 28.435 and result.ncv_source == "default"
    assert [f.code for f in ncv_findings([result])] == ["IND-NCV-COKE"]


def test_solid_batches_need_an_accredited_lab() -> None:
    (result,) = _fuels([_sample(1, lab="own")], months=(1,))
    assert result.ncv_source == "default"
    assert [f.code for f in ncv_findings([result])] == ["IND-NCV-LAB"]


PLAN = [
    ControlPlanEntry(parameter="ncv", item="bituminous", method="measured"),
    ControlPlanEntry(parameter="fuel_quantity", method="measured", meter_id="BS-01"),
]
METER = Meter(meter_id="BS-01", model="ICS-17A", meter_type="belt_scale", accuracy_class=0.5)


def _plan_codes(obs: list[Observation], meters: list[Meter] | None = None,
                calibrations: list[Calibration] | None = None) -> list[str]:  # fmt: skip
    cals = calibrations if calibrations is not None else [
        Calibration(meter_id="BS-01", calibrated_on=day)
        for day in (dt.date(2024, 12, 20), dt.date(2025, 12, 10))]  # fmt: skip
    found = check_control_plan(P25, PLAN, meters or [METER], cals, obs)
    return sorted(f.code for f in found)


def test_declared_measured_but_default_is_an_error() -> None:
    obs = [Observation("ncv", "L1", "bituminous", 1, "default")]
    assert _plan_codes(obs) == ["IND-DQCP-METHOD"]


def test_undeclared_parameter_is_a_warning() -> None:
    assert _plan_codes([Observation("clinker_output", "L1", "", 1, "measured")]) == [
        "IND-DQCP-UNDECLARED"
    ]


def test_meter_calibration_lapsing_in_a_month_is_an_error() -> None:
    obs = [Observation("fuel_quantity", "L1", "bituminous", m, "measured") for m in (11, 12)]
    assert _plan_codes(obs) == []
    # one calibration on 2024-12-20 is valid to 2025-12-20: December 2025 is not wholly covered
    late = [Calibration(meter_id="BS-01", calibrated_on=dt.date(2024, 12, 20))]
    assert _plan_codes(obs, calibrations=late) == ["IND-METER-LAPSED"]
    assert lapsed_months(2025, [11, 12], [dt.date(2024, 12, 1)], 12) == [12]
    assert lapsed_months(2025, [11], [dt.date(2024, 12, 1)], 12) == []


def test_meter_interval_and_accuracy() -> None:
    bad = Meter(meter_id="BS-01", model="x", meter_type="belt_scale", accuracy_class=1.0,
                calibration_interval_months=24)  # fmt: skip
    assert _plan_codes([], meters=[bad]) == ["IND-METER-ACCURACY", "IND-METER-INTERVAL"]


def test_no_plan_is_an_error_from_2025_only() -> None:
    assert [f.code for f in check_control_plan(P25, [], [], [], [])] == ["IND-DQCP-MISSING"]
    assert check_control_plan(P.at(dt.date(2024, 1, 1)), [], [], [], []) == []


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 12, 15), 12) == dt.date(2025, 12, 15)


def test_deposit_deadlines_by_period() -> None:
    assert deadline(P, 2024, 7) is None
    assert deadline(P, 2025, 3) == dt.date(2025, 10, 31)
    assert deadline(P, 2025, 7) == dt.date(2025, 9, 9)  # 31 July + 40 days


def test_late_early_and_missing_deposits() -> None:
    deposits = [
        Deposit(month=m, deposited_on=deadline(P, 2025, m) or dt.date(2025, 1, 1))
        for m in range(1, 11)
    ]
    deposits.append(Deposit(month=11, deposited_on=dt.date(2026, 1, 15)))  # due 2026-01-10
    deposits[0] = Deposit(month=1, deposited_on=dt.date(2025, 1, 20))  # before January ends
    found = {(f.code, f.month) for f in check_deposits(P, 2025, deposits)}
    assert found == {
        ("IND-DEPOSIT-EARLY", 1),
        ("IND-DEPOSIT-LATE", 11),
        ("IND-DEPOSIT-MISSING", 12),
    }
    assert check_deposits(P, 2024, []) == []


@pytest.mark.parametrize(
    ("history", "year", "status"),
    [
        ({2023: 30000}, 2023, "listed"),
        ({2023: 20000}, 2023, "not_listed"),
        ({2023: 30000, 2024: 20000}, 2024, "listed"),
        ({2023: 30000, 2024: 20000, 2025: 25999}, 2025, "to_be_removed"),
        ({2023: 30000, 2024: 20000, 2025: 26000}, 2025, "listed"),
        ({2022: 30000, 2023: 20000, 2025: 20000}, 2025, "listed"),  # gap: 2024 unknown
        ({2022: 30000, 2023: 20000, 2024: 20000, 2025: 20000}, 2025, "not_listed"),
    ],
)
def test_inclusion_and_removal(history: dict[int, float], year: int, status: str) -> None:
    decision = coverage.coverage_decision(P, history, year)
    assert decision.status == status, decision.en
    assert decision.en and decision.zh and "第十一条" in decision.reference


def test_ceasing_production_removes() -> None:
    timeline = coverage.coverage_history(P, {2023: 50000, 2024: 50000}, ceased_in=2025)
    assert [d.status for d in timeline.values()] == ["listed", "listed", "to_be_removed"]
