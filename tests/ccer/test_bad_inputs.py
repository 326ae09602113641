"""Bad inputs get a clear bilingual error that names the field and the fix, and change nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from tests.ccer.conftest import (
    ACTOR,
    REPORT,
    D,
    to_monitoring,
    to_registered_reduction,
    wind_application,
)

from chinaets.ccer import legacy
from chinaets.ccer.service import CcerService
from chinaets.ccer.store import EventRow, ProjectRow
from chinaets.core.errors import InputError


def _rows(ccer: CcerService) -> tuple[int, int]:
    with ccer.session() as session:
        projects = session.scalar(select(func.count()).select_from(ProjectRow)) or 0
        events = session.scalar(select(func.count()).select_from(EventRow)) or 0
        return projects, events


def refused(ccer: CcerService, call: Any, *needles: str) -> str:
    before = _rows(ccer)
    with pytest.raises(InputError) as err:
        call()
    text = err.value.render()
    for needle in needles:
        assert needle in text, text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), "no Chinese text"
    assert "Fix:" in text and "修改方法" in text
    assert _rows(ccer) == before, "a refused request wrote something"
    return text


@pytest.mark.parametrize(
    ("changes", "needles"),
    [
        ({"methodology": "CCER-01-003-V01"}, ("not a published CCER methodology", "方法学")),
        ({"construction_start": "2012-11-08"}, ("after 2012-11-08", "开工")),
        ({"under_ets_allowance_management": True}, ("allowance management", "配额管理")),
        ({"other_mechanisms": ["VCS"]}, ("double registration", "重复登记")),
        ({"owner": "91441500MA00000110"}, ("unified social credit code",)),
        ({"province": "99"}, ("province code",)),
        (
            {
                "site": {
                    "grid": "south",
                    "capacity_mw": 300,
                    "grid_connection_date": "2023-12-28",
                    "distance_to_shore_km": 12,
                    "water_depth_m": 18,
                }
            },
            ("30 km", "离岸"),
        ),
        (
            {
                "site": {
                    "grid": "mars",
                    "capacity_mw": 300,
                    "grid_connection_date": "2023-12-28",
                    "distance_to_shore_km": 40,
                    "water_depth_m": 35,
                }
            },
            ("project.site.grid",),
        ),
        ({"crediting_start": "2023-06-01"}, ("before grid connection",)),
        ({"applied_on": "2023-09-01"}, ("was published on 2023-10-24",)),
        ({"colour": "blue"}, ("project.colour", "未知字段")),
    ],
)
def test_ineligible_project(ccer: CcerService, changes: dict[str, Any], needles: tuple[str, ...]) -> None:  # fmt: skip
    refused(ccer, lambda: ccer.create_project(ACTOR, wind_application(**changes)), *needles)


def test_several_problems_reported_at_once(ccer: CcerService) -> None:
    bad = wind_application(construction_start="2010-01-01", under_ets_allowance_management=True)
    text = refused(ccer, lambda: ccer.create_project(ACTOR, bad), "2 problem(s)")
    assert "construction_start" in text and "under_ets_allowance_management" in text


def test_same_site_as_a_cdm_project(ccer: CcerService) -> None:
    with ccer.session(write=True) as session:
        legacy.import_cdm(session)
    # CDMDB0007922: 49.8 MW Longxin wind farm phase II, Qingdao, 36.8599 N 119.9333 E
    bad = wind_application(latitude=36.862, longitude=119.935)
    refused(ccer, lambda: ccer.create_project(ACTOR, bad), "CDMDB0007922", "清洁发展机制")


def test_same_site_twice_and_after_deregistration(ccer: CcerService) -> None:
    pid = ccer.create_project(ACTOR, wind_application())["id"]
    refused(
        ccer, lambda: ccer.create_project(ACTOR, wind_application(name="again")), f"project {pid}"
    )
    pid = to_monitoring(ccer, wind_application(latitude=25.0))
    ccer.project_step(ACTOR, pid, "deregister", D("2024-05-06"), reason="stopped")
    refused(ccer, lambda: ccer.create_project(ACTOR, wind_application(latitude=25.001)), "cannot register again", "不得再次")  # fmt: skip


def test_notice_must_run_its_course(ccer: CcerService) -> None:
    pid = ccer.create_project(ACTOR, wind_application())["id"]
    ccer.project_step(ACTOR, pid, "publish_design", D("2024-03-04"), validator="VVB1")
    refused(ccer, lambda: ccer.project_step(ACTOR, pid, "file_validation", D("2024-03-29"), body="VVB1"), "runs until 2024-03-29", "公示期")  # fmt: skip
    refused(ccer, lambda: ccer.project_step(ACTOR, pid, "comment", D("2024-04-01"), text="late"), "during the notice only")  # fmt: skip
    refused(ccer, lambda: ccer.project_step(ACTOR, pid, "file_validation", D("2024-04-01"), body="VVB2"), "must come from VVB1")  # fmt: skip


def test_unapproved_body_and_understaffed_body(ccer: CcerService) -> None:
    pid = ccer.create_project(ACTOR, wind_application())["id"]
    refused(ccer, lambda: ccer.project_step(ACTOR, pid, "publish_design", D("2024-03-04"), validator="NOPE"), "not an approved", "审定与核查机构")  # fmt: skip
    small = {"id": "TINY", "name": "Tiny", "name_zh": "小机构", "approved_on": "2024-01-02", "approval_ref": "x", "full_time_staff": 8, "experienced_staff": 3}  # fmt: skip
    with pytest.raises(InputError) as err:
        ccer.register_body(small)
    assert "at least 10" in err.value.render() and "at least 5" in err.value.render()
    assert all(b["id"] != "TINY" for b in ccer.bodies())


def test_same_body_may_not_validate_and_verify(ccer: CcerService) -> None:
    pid = to_monitoring(ccer)  # validated by VVB1
    rid = ccer.file_report(ACTOR, pid, REPORT, D("2025-07-07"))["id"]
    red = ccer.reduction_step(ACTOR, rid, "publish_reductions", D("2025-07-08"))
    after = D(red["notice_end"]) + dt.timedelta(days=1)
    refused(ccer, lambda: ccer.reduction_step(ACTOR, rid, "file_verification", after, body="VVB1", verified_t=100), "same body may not verify", "同一机构不得核查")  # fmt: skip
    refused(ccer, lambda: ccer.reduction_step(ACTOR, rid, "file_verification", after, body="VVB2", verified_t=red["claimed_t"] + 1), "at most")  # fmt: skip


@pytest.mark.parametrize(
    ("report", "needles"),
    [
        (
            {"period_start": "2020-09-01", "period_end": "2020-12-31"},
            ("after 2020-09-22", "第十七条"),
        ),
        (
            {"period_start": "2024-06-01", "period_end": "2024-12-31"},
            ("before the crediting period",),
        ),
        (
            {"period_start": "2024-07-01", "period_end": "2034-07-01"},
            ("after the crediting period ends (2034-06-30",),
        ),
        ({"period_start": "2025-01-01", "period_end": "2024-12-31"}, ("before it starts",)),
    ],
)
def test_ineligible_reduction_periods(ccer: CcerService, report: dict[str, Any], needles: tuple[str, ...]) -> None:  # fmt: skip
    pid = to_monitoring(ccer)
    filed = {**REPORT, **report}
    on = D("2035-01-01") if report["period_end"] > "2030" else D("2025-07-07")
    refused(ccer, lambda: ccer.file_report(ACTOR, pid, filed, on), *needles)


def test_overlapping_period_and_report_before_monitoring(ccer: CcerService) -> None:
    pid = ccer.create_project(ACTOR, wind_application())["id"]
    refused(ccer, lambda: ccer.file_report(ACTOR, pid, REPORT, D("2025-07-07")), "only while it is monitored")  # fmt: skip
    pid = to_monitoring(ccer, wind_application(latitude=25.0))
    ccer.file_report(ACTOR, pid, REPORT, D("2025-07-07"))
    refused(ccer, lambda: ccer.file_report(ACTOR, pid, REPORT, D("2025-07-08")), "overlaps")


def test_application_must_equal_verified_and_be_within_five_years(ccer: CcerService) -> None:
    pid = to_monitoring(ccer)
    rid = ccer.file_report(ACTOR, pid, REPORT, D("2025-07-07"))["id"]
    red = ccer.reduction_step(ACTOR, rid, "publish_reductions", D("2025-07-08"))
    after = D(red["notice_end"]) + dt.timedelta(days=1)
    ccer.reduction_step(ACTOR, rid, "file_verification", after, body="VVB2", verified_t=500000)
    refused(ccer, lambda: ccer.reduction_step(ACTOR, rid, "apply_registration", after, quantity=500001), "exceeds the verified quantity of 500000", "超过")  # fmt: skip
    refused(ccer, lambda: ccer.reduction_step(ACTOR, rid, "apply_registration", after, quantity=499999), "differs from")  # fmt: skip
    # reductions from 2024-07-01 may be applied for until 2029-07-01; the calendar ends in 2026,
    # so check the rule itself
    from chinaets.ccer.eligibility import claim_window_problems

    assert not claim_window_problems(D("2024-07-01"), D("2029-07-01"))
    (problem,) = claim_window_problems(D("2024-07-01"), D("2029-07-02"))
    assert "more than 5 years" in problem.en and "前 5 年" in problem.zh


def test_over_issuance_is_refused(ccer: CcerService) -> None:
    pid = to_monitoring(ccer)
    rid = to_registered_reduction(ccer, pid)
    registered = ccer.reduction(rid)["registered_t"]
    refused(ccer, lambda: ccer.issue(ACTOR, rid, D("2025-09-01"), registered + 1), "exceeds the registered (verified) quantity", "超过")  # fmt: skip
    ccer.issue(ACTOR, rid, D("2025-09-01"))
    refused(ccer, lambda: ccer.issue(ACTOR, rid, D("2025-09-02")), "'issue' is not allowed now")


def test_step_dated_in_an_uncovered_year(ccer: CcerService) -> None:
    pid = ccer.create_project(ACTOR, wind_application())["id"]
    refused(ccer, lambda: ccer.project_step(ACTOR, pid, "publish_design", D("2027-01-04"), validator="VVB1"), "does not cover", "法定节假日")  # fmt: skip


def test_step_missing_a_parameter(ccer: CcerService) -> None:
    pid = ccer.create_project(ACTOR, wind_application())["id"]
    refused(ccer, lambda: ccer.project_step(ACTOR, pid, "publish_design", D("2024-03-04")), "needs validator")  # fmt: skip
