"""Fixtures of the exchange tests (helpers in market_support.py)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from market_support import CLOSE, DAY, PaperExchange, open_entity
from tests.postgres import pg_schema

from chinaets.market.commands import Deposit, ListVintage, OpenDay
from chinaets.market.service import Market


@pytest.fixture
def paper() -> PaperExchange:
    """Vintage 2024 listed at 70.00; S1, S2 hold 500,000 t; B1, B2 have CNY 50 million each."""
    p = PaperExchange({("S1", "2024"): 500_000, ("S2", "2024"): 500_000})
    for c in (
        ListVintage(DAY, "2024", CLOSE),
        OpenDay(DAY),
        Deposit(DAY, "B1", Decimal("50000000")),
        Deposit(DAY, "B2", Decimal("50000000")),
    ):
        p.submit(c)
    return p


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'market.db'}"
        return
    with pg_schema("chinaets_mkt") as url:
        yield url


@pytest.fixture
def market(db_url: str) -> Iterator[tuple[Market, str, str]]:
    """A market with seller S (300,000 t of 2024) and buyer B (CNY 30 million), day open."""
    m = Market.open(db_url)
    seller = open_entity(m.registry, 1, 300_000)
    buyer = open_entity(m.registry, 2)
    for c in (
        ListVintage(DAY, "2024", CLOSE),
        OpenDay(DAY),
        Deposit(DAY, buyer, Decimal("30000000")),
    ):
        m.submit(c)
    yield m, seller, buyer
    m.engine.dispose()
