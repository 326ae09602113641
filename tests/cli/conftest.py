"""The small ledger every CLI test here reads (built once per run)."""

from __future__ import annotations

import pytest
from tests.cli.ledger_fixture import build_ledger


@pytest.fixture(scope="session")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_ledger(tmp_path_factory.mktemp("ledger"))
