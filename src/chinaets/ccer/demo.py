"""Demo: three projects through the whole lifecycle, issued as CCER into the registry.

`run_demo_projects(registry, seed)` imports the legacy CDM list, records three validation and
verification bodies, opens the owners' holding accounts, and takes an offshore wind farm
(CCER-01-002-V01), a solar-thermal plant (CCER-01-001-V01) and an afforestation project
(CCER-14-001-V01) from design notice to issuance, every date a real Chinese working day.
Owners, sites, meter readings and stand volumes are synthetic (scaled by `seed`); the bodies'
names are real approved bodies but their staff counts and approval dates are illustrative.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from chinaets.ccer import legacy
from chinaets.ccer.service import CcerService
from chinaets.ccer.store import BodyRow, ProjectRow
from chinaets.ccer.workdays import is_working_day
from chinaets.core.ids import credit_code_check_char
from chinaets.registry import records as r
from chinaets.registry.ids import enterprise_account
from chinaets.registry.service import Registry

BODIES = (
    {
        "id": "CQC",
        "name": "China Quality Certification Centre",
        "name_zh": "中国质量认证中心",
        "approved_on": "2024-01-15",
        "approval_ref": "演示：示例批准文件（非真实文号）",
        "full_time_staff": 60,
        "experienced_staff": 25,
    },
    {
        "id": "CCSC",
        "name": "China Classification Society Certification",
        "name_zh": "中国船级社质量认证有限公司",
        "approved_on": "2024-01-15",
        "approval_ref": "演示：示例批准文件（非真实文号）",
        "full_time_staff": 30,
        "experienced_staff": 12,
    },
    {
        "id": "CEC",
        "name": "China Environmental United Certification Center",
        "name_zh": "中环联合（北京）认证中心有限公司",
        "approved_on": "2024-01-15",
        "approval_ref": "演示：示例批准文件（非真实文号）",
        "full_time_staff": 40,
        "experienced_staff": 15,
    },
)


def uscc(region: str, n: int) -> str:
    body = f"91{region}MA{n:07d}"
    return body + credit_code_check_char(body)


@dataclass(frozen=True)
class DemoProject:
    application: dict[str, Any]
    validator: str
    verifier: str
    period: tuple[str, str]
    monitoring: dict[str, Any]


def _projects(rng: random.Random) -> list[DemoProject]:
    k = 1 + rng.uniform(-0.05, 0.05)  # the seed scales output and growth by up to ±5 %
    wind = {
        "name": "粤东海上风电场示范项目 (demo)",
        "owner": uscc("441500", 1),
        "owner_name": "示例海上风电有限公司",
        "province": "44",
        "methodology": "CCER-01-002-V01",
        "construction_start": "2021-05-10",
        "crediting_start": "2024-07-01",
        "expected_annual_t": 690000,
        "latitude": 22.45,
        "longitude": 116.05,
        "capacity_mw": 500,
        "applied_on": "2024-03-01",
        "site": {
            "grid": "south",
            "capacity_mw": 500,
            "grid_connection_date": "2023-12-28",
            "distance_to_shore_km": 42,
            "water_depth_m": 36,
        },
    }
    csp = {
        "name": "甘肃光热电站示范项目 (demo)",
        "owner": uscc("620900", 2),
        "owner_name": "示例光热发电有限公司",
        "province": "62",
        "methodology": "CCER-01-001-V01",
        "construction_start": "2022-03-01",
        "crediting_start": "2024-10-01",
        "expected_annual_t": 210000,
        "latitude": 40.2,
        "longitude": 94.6,
        "capacity_mw": 100,
        "applied_on": "2024-05-06",
        "site": {"grid": "northwest", "capacity_mw": 100, "grid_connection_date": "2024-09-26"},
    }
    forest = {
        "name": "广西石漠化地区造林碳汇项目 (demo)",
        "owner": uscc("450000", 3),
        "owner_name": "示例林业发展有限公司",
        "province": "45",
        "methodology": "CCER-14-001-V01",
        "construction_start": "2021-03-01",
        "crediting_start": "2021-03-01",
        "expected_annual_t": 12000,
        "latitude": 23.9,
        "longitude": 106.6,
        "applied_on": "2024-06-03",
        "site": {
            "area_ha": 1000,
            "project_start": "2021-03-01",
            "forest_use": "protection",
            "non_forest_years": 6,
            "smallest_parcel_m2": 900,
        },
    }
    return [
        DemoProject(
            wind,
            "CCSC",
            "CQC",
            ("2024-07-01", "2025-06-30"),
            {
                "meters": [
                    {"direction": "export", "mwh": round(1_450_000 * k)},
                    {
                        "direction": "export",
                        "mwh": round(120_000 * k),
                        "calibration": "late",
                        "accuracy_class": "0.2S",
                    },
                    {"direction": "import", "mwh": 2_600},
                ]
            },
        ),
        DemoProject(
            csp,
            "CQC",
            "CEC",
            ("2024-10-01", "2025-09-30"),
            {
                "meters": [
                    {"direction": "export", "mwh": round(310_000 * k)},
                    {"direction": "import", "mwh": 3_100},
                ],
                "fuels": [
                    {
                        "fuel": "natural_gas",
                        "quantity": 110,
                        "ncv": 389.31,
                        "carbon_content": 0.01532,
                        "oxidation": 0.99,
                    }
                ],
            },
        ),
        DemoProject(
            forest,
            "CEC",
            "CCSC",
            ("2021-03-01", "2025-02-28"),
            {
                "strata": [
                    {
                        "species": "masson_pine",
                        "area_ha": 600,
                        "volume_start_m3_ha": 0,
                        "volume_end_m3_ha": round(24 * k, 1),
                    },
                    {
                        "species": "chinese_fir",
                        "area_ha": 400,
                        "volume_start_m3_ha": 0,
                        "volume_end_m3_ha": round(30 * k, 1),
                    },
                ],
                "baseline_removals_tco2": 800,
                "leakage_tco2": 150,
            },
        ),
    ]


def next_working_day(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _prepare(
    ccer: CcerService, registry: Registry, actor: r.Actor, demos: list[DemoProject]
) -> dict[str, Any]:
    with ccer.session(write=True) as session:
        imported = legacy.import_cdm(session)
        known = set(session.scalars(select(BodyRow.id)))
    for body in BODIES:
        if body["id"] not in known:
            ccer.register_body(body)
    for demo in demos:
        app = demo.application
        with registry.reading() as session:
            from chinaets.registry.models import AccountRow

            exists = session.get(AccountRow, enterprise_account(app["owner"])) is not None
        if not exists:
            request = r.OpenAccount(
                r.AccountKind.HOLDING, app["owner"], app["owner_name"], app["province"]
            )
            registry.execute(actor, f"ccer-demo-open-{app['owner']}", request)
    return imported


def _register_project(ccer: CcerService, actor: r.Actor, demo: DemoProject) -> str:
    project = ccer.create_project(actor, demo.application)
    pid = project["id"]
    day = next_working_day(dt.date.fromisoformat(demo.application["applied_on"]))
    project = ccer.project_step(actor, pid, "publish_design", day, validator=demo.validator)
    ccer.project_step(
        actor,
        pid,
        "comment",
        day + dt.timedelta(days=3),
        text="请说明海洋生态保护措施 / ecological safeguards?",
    )
    day = next_working_day(dt.date.fromisoformat(project["notice_end"]))
    ccer.project_step(actor, pid, "file_validation", day, body=demo.validator)
    day = next_working_day(day)
    ccer.project_step(actor, pid, "apply_registration", day)
    day = next_working_day(next_working_day(day))
    ccer.project_step(actor, pid, "register", day)
    ccer.project_step(actor, pid, "start_monitoring", next_working_day(day))
    return str(pid)


def _issue_reductions(
    ccer: CcerService, actor: r.Actor, pid: str, demo: DemoProject
) -> dict[str, Any]:
    start, end = demo.period
    day = next_working_day(dt.date.fromisoformat(end) + dt.timedelta(days=7))
    red = ccer.file_report(
        actor, pid, {"period_start": start, "period_end": end, "monitoring": demo.monitoring}, day
    )
    rid = red["id"]
    red = ccer.reduction_step(actor, rid, "publish_reductions", day)
    day = next_working_day(dt.date.fromisoformat(red["notice_end"]))
    ccer.reduction_step(
        actor, rid, "file_verification", day, body=demo.verifier, verified_t=red["claimed_t"]
    )
    day = next_working_day(day)
    ccer.reduction_step(actor, rid, "apply_registration", day, quantity=red["claimed_t"])
    day = next_working_day(next_working_day(next_working_day(day)))
    ccer.reduction_step(actor, rid, "register", day)
    blocks = ccer.issue(actor, rid, day)
    return {"reduction": rid, "issued_t": sum(b["quantity"] for b in blocks), "blocks": blocks}


def run_demo_projects(
    registry: Registry, seed: int = 0, actor: r.Actor = r.SYSTEM
) -> dict[str, Any]:
    """Take the three demo projects through the lifecycle and issue their CCER.
    The registry must be initialised; running it again on the same database does nothing new."""
    ccer = CcerService(registry)
    demos = _projects(random.Random(seed))
    imported = _prepare(ccer, registry, actor, demos)
    out: dict[str, Any] = {"legacy_import": imported, "projects": []}
    for demo in demos:
        with ccer.session() as session:
            existing = session.scalars(
                select(ProjectRow.id).where(ProjectRow.name == demo.application["name"])
            ).first()
        if existing is not None:
            out["projects"].append({"project": existing, "skipped": "already in this database"})
            continue
        pid = _register_project(ccer, actor, demo)
        out["projects"].append(
            {
                "project": pid,
                "owner_account": enterprise_account(demo.application["owner"]),
                **_issue_reductions(ccer, actor, pid, demo),
            }
        )
    return out
