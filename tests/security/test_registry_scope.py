"""Issue 16, item 4: a province opens accounts only for credit codes registered in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from chinaets.core.ids import credit_code_check_char
from chinaets.registry import records as r
from chinaets.registry.errors import AccessDenied
from chinaets.registry.service import Registry


def _code(province: str) -> str:
    body = f"91{province}0100MA0000001"
    return body + credit_code_check_char(body)


def test_a_province_opens_accounts_only_for_its_own_credit_codes(tmp_path: Path) -> None:
    registry = Registry.open(f"sqlite:///{tmp_path / 'scope.db'}")
    registry.init()
    hubei = r.Actor("hubei-1", r.Role.PROVINCIAL, "42")
    beijing_firm = r.OpenAccount(r.AccountKind.HOLDING, _code("11"), "BJ firm", "42")
    with pytest.raises(AccessDenied):
        registry.execute(hubei, "open-bj", beijing_firm)
    hubei_firm = r.OpenAccount(r.AccountKind.HOLDING, _code("42"), "HB firm", "42")
    assert registry.execute(hubei, "open-hb", hubei_firm).status == "done"
    registry.engine.dispose()
