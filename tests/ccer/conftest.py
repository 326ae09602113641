"""CCER tests run on a real registry: a SQLite file in tmp_path, schema from the migrations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chinaets.ccer.service import CcerService
from chinaets.core.ids import credit_code_check_char
from chinaets.registry import records as r
from chinaets.registry.service import Registry
from chinaets.registry.store import make_engine

D = dt.date.fromisoformat
ACTOR = r.SYSTEM


def uscc(n: int, region: str = "441500") -> str:
    body = f"91{region}MA{n:07d}"
    return body + credit_code_check_char(body)


OWNER = uscc(11)
BODIES = [
    {"id": f"VVB{i}", "name": f"Body {i}", "name_zh": f"机构{i}", "approved_on": "2024-01-02", "approval_ref": "test", "full_time_staff": 12, "experienced_staff": 6}
    for i in (1, 2, 3)
]  # fmt: skip


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[Registry]:
    engine = make_engine(f"sqlite:///{tmp_path / 'ccer.db'}")
    reg = Registry(engine)
    reg.init()
    reg.execute(ACTOR, "open-owner", r.OpenAccount(r.AccountKind.HOLDING, OWNER, "Owner", "44"))
    yield reg
    engine.dispose()


@pytest.fixture
def ccer(registry: Registry) -> CcerService:
    service = CcerService(registry)
    for body in BODIES:
        service.register_body(body)
    return service


def wind_application(**changes: Any) -> dict[str, Any]:
    app: dict[str, Any] = {
        "name": "Test offshore wind", "owner": OWNER, "owner_name": "示例公司", "province": "44",
        "methodology": "CCER-01-002-V01", "construction_start": "2021-05-01",
        "crediting_start": "2024-07-01", "expected_annual_t": 600000,
        "latitude": 22.4, "longitude": 116.0, "applied_on": "2024-03-01",
        "site": {"grid": "south", "capacity_mw": 300, "grid_connection_date": "2023-12-28", "distance_to_shore_km": 40, "water_depth_m": 35},
    }  # fmt: skip
    app.update(changes)
    return app


REPORT = {
    "period_start": "2024-07-01",
    "period_end": "2025-06-30",
    "monitoring": {"meters": [{"direction": "export", "mwh": 1000000}]},
}
# EF_CM(south) 0.656525 × 1,000,000 MWh = 656,525 t


def to_monitoring(ccer: CcerService, app: dict[str, Any] | None = None) -> str:
    """A project taken to `monitoring` with valid dates; returns its id."""
    pid = ccer.create_project(ACTOR, app or wind_application())["id"]
    p = ccer.project_step(ACTOR, pid, "publish_design", D("2024-03-04"), validator="VVB1")
    assert p["notice_end"] == "2024-03-29"  # 20 working days from Monday 4 March (no holiday)
    ccer.project_step(ACTOR, pid, "file_validation", D("2024-04-01"), body="VVB1")
    ccer.project_step(ACTOR, pid, "apply_registration", D("2024-04-03"))
    ccer.project_step(ACTOR, pid, "register", D("2024-04-10"))
    ccer.project_step(ACTOR, pid, "start_monitoring", D("2024-04-11"))
    return str(pid)


def to_registered_reduction(ccer: CcerService, pid: str, verifier: str = "VVB2") -> str:
    red = ccer.file_report(ACTOR, pid, REPORT, D("2025-07-07"))
    rid = str(red["id"])
    red = ccer.reduction_step(ACTOR, rid, "publish_reductions", D("2025-07-08"))
    after = D(red["notice_end"]) + dt.timedelta(days=1)
    ccer.reduction_step(ACTOR, rid, "file_verification", after, body=verifier, verified_t=red["claimed_t"])  # fmt: skip
    ccer.reduction_step(ACTOR, rid, "apply_registration", after, quantity=red["claimed_t"])
    ccer.reduction_step(ACTOR, rid, "register", after + dt.timedelta(days=7))
    return rid
