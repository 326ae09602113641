"""A small demo output folder (the real `chinaets demo` steps on 30 plants), with and without a
registry database beside it, and the users the access tests log in as."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from rich.console import Console
from sqlalchemy import delete

from chinaets.core.china import PROVINCES
from chinaets.demo.platform_steps import platform_step
from chinaets.demo.power_steps import account_step, build_step, example_step
from chinaets.demo.readmodel_steps import store_step
from chinaets.demo.run import DemoRun
from chinaets.demo.steps import run_demo
from chinaets.national.readmodel import Listing, ReadModel
from chinaets.registry import records as r
from chinaets.registry.ids import enterprise_account
from chinaets.registry.models import LoginFailureRow
from chinaets.registry.serials import unit_class
from chinaets.registry.service import Registry
from chinaets.web.app import create_app

with warnings.catch_warnings():
    # Starlette wants the `httpx2` package for its test client; the locked `httpx` still works.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PEPPER = "web-test-pepper-" + "Qm3Zr8Lk2Xw9Vb4Nc7Jd"
__all__ = ["TestClient"]


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    quiet = Console(quiet=True)
    run = DemoRun(2023, 20240701, out, 30, True, quiet, quiet)
    # Only the steps the dashboard reads: the demo gains steps (registry, trading …) over time.
    run_demo(
        run,
        [
            ("build", build_step),
            ("account", account_step),
            ("example", example_step),
            ("platform", platform_step),
            ("store", store_step),
        ],
    )
    # The read model is built from the store; without its database the folder is the open
    # dashboard's (the `ledger` fixture adds a registry database to a copy).
    run.database.unlink()
    shutil.rmtree(out / "registry.db.files")
    return out


@dataclass
class Ledger:
    folder: Path
    tokens: dict[str, str]  # user → API token
    own: str  # the enterprise user's credit code
    other: str  # another entity's credit code


@pytest.fixture(scope="session")
def ledger(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    """The demo folder with a registry.db: two enterprises with accounts, CEA issued to one,
    and users: ministry, enterprise A, enterprise B."""
    folder = tmp_path_factory.mktemp("with-registry")
    for path in demo_dir.iterdir():
        if path.is_file():
            shutil.copy(path, folder / path.name)
        else:
            shutil.copytree(path, folder / path.name)
    biggest = ReadModel.open(demo_dir / "readmodel").page(
        "entities", Listing(sort="total_emissions_t", descending=True, per_page=2)
    )
    a, b = (SimpleNamespace(**row) for row in biggest.rows)
    registry = Registry.open(f"sqlite:///{folder / 'registry.db'}", token_pepper=PEPPER)
    registry.init()
    for e in (a, b):
        province = PROVINCES[e.province][1]
        request = r.OpenAccount(r.AccountKind.HOLDING, e.credit_code, e.name, province)
        registry.execute(r.SYSTEM, f"open-{e.credit_code}", request)
    issue = r.Issue("MEE", enterprise_account(a.credit_code), unit_class("CEA", "2023"), 123_456, r.IssueKind.PRE_ALLOCATION)  # fmt: skip
    registry.execute(r.SYSTEM, "issue-a", issue)
    tokens = {}
    for user, role, org in (
        ("mee", r.Role.MINISTRY, "MEE"),
        ("ent-a", r.Role.ENTERPRISE, a.credit_code),
        ("ent-b", r.Role.ENTERPRISE, b.credit_code),
    ):
        result = registry.execute(r.SYSTEM, f"user-{user}", r.AddUser(user, role, org))
        tokens[user] = str(result.detail["token"])
    registry.engine.dispose()
    return Ledger(folder, tokens, a.credit_code, b.credit_code)


@pytest.fixture
def client(demo_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(demo_dir)) as test_client:
        yield test_client


@pytest.fixture
def secured(ledger: Ledger) -> Iterator[TestClient]:
    """The dashboard over the ledger, with no failed log-ins on record (they live in the shared
    registry database, and every test logs in from the same address)."""
    app = create_app(ledger.folder, token_pepper=PEPPER)
    with app.state.registry.engine.begin() as conn:
        conn.execute(delete(LoginFailureRow))
    with TestClient(app) as test_client:
        yield test_client
