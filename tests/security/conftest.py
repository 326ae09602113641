"""Fixtures of the security suite: an API app over a fleet of users, on both databases."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.postgres import pg_schema
from tests.security import stress

from chinaets.api.app import create_app
from chinaets.registry.settings import RegistrySettings

with warnings.catch_warnings():
    from starlette.exceptions import StarletteDeprecationWarning

    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

NOW = dt.datetime(2025, 7, 1, 10, 0)


class Api:
    def __init__(self, client: TestClient, fleet: stress.Fleet) -> None:
        self.client, self.fleet = client, fleet
        self.seller, self.buyer = fleet.sellers[0], fleet.buyers[0]

    def post(self, who: str, path: str, body: Any, **kw: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.fleet.tokens[who]}"} if who else {}
        return self.client.post(path, json=body, headers=headers, **kw)

    def get(self, who: str, path: str) -> Any:
        headers = {"Authorization": f"Bearer {self.fleet.tokens[who]}"} if who else {}
        return self.client.get(path, headers=headers)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def api(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Api]:
    def run(url: str) -> Iterator[Api]:
        fleet = stress.prepare(url, 4)
        app = create_app(url, RegistrySettings(url, stress.PEPPER), clock=lambda: NOW)
        with TestClient(app) as client:
            a = Api(client, fleet)
            for body in (
                {"kind": "list_vintage", "vintage": "2024", "reference_close": "70.00"},
                {"kind": "open_day"},
            ):
                assert a.post("exchange", "/market/commands", body).status_code == 200
            yield a
        app.state.registry.engine.dispose()

    if request.param == "sqlite":
        yield from run(f"sqlite:///{tmp_path / 'api.db'}")
        return
    with pg_schema("chinaets_sec") as url:
        yield from run(url)
