"""Issue 16, item 4: a province opens accounts only for credit codes registered in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from chinaets.core.errors import InputError
from chinaets.core.ids import credit_code_check_char
from chinaets.registry import queries
from chinaets.registry import records as r
from chinaets.registry.errors import AccessDenied
from chinaets.registry.parse import check_request_id
from chinaets.registry.serials import UnitClass, UnitKind
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


@pytest.mark.parametrize(
    "rid", ["=cmd|' /C calc'!A0", "+1", "@SUM(A1)", "-x", "a b", "名字", "x" * 101, "a\x1b[2J"]
)
def test_request_ids_are_from_a_safe_alphabet(rid: str) -> None:
    with pytest.raises(InputError):
        check_request_id(rid)


def test_statements_hide_the_senders_request_ids(tmp_path: Path) -> None:
    registry = Registry.open(f"sqlite:///{tmp_path / 'ids.db'}")
    registry.init()
    for n in (1, 2):
        body = f"91420100MA000000{n}"
        code = body + credit_code_check_char(body)
        registry.execute(
            r.SYSTEM, f"open-{n}", r.OpenAccount(r.AccountKind.HOLDING, code, f"E{n}", "42")
        )
    a, b = (
        f"ENT-91420100MA000000{n}" + credit_code_check_char(f"91420100MA000000{n}") for n in (1, 2)
    )
    unit = UnitClass(UnitKind.CEA, "2024")
    registry.execute(r.SYSTEM, "issue-a", r.Issue("MEE", a, unit, 100, r.IssueKind.PRE_ALLOCATION))
    registry.execute(r.SYSTEM, "secret-ref-of-a", r.Transfer(a, b, unit, 10))
    firm_b = r.Actor("b", r.Role.ENTERPRISE, b.removeprefix("ENT-"))
    firm_a = r.Actor("a", r.Role.ENTERPRISE, a.removeprefix("ENT-"))
    with registry.reading() as session:
        seen_by_b = [line.request_id for line in queries.history(session, firm_b, b)]
        seen_by_a = [line.request_id for line in queries.history(session, firm_a, a)]
    assert seen_by_b == [""] and "secret-ref-of-a" in seen_by_a
    registry.engine.dispose()


def test_no_such_account_and_not_yours_answer_alike(tmp_path: Path) -> None:
    """Issue 16, item 15: an enterprise cannot tell a missing account from another's."""
    registry = Registry.open(f"sqlite:///{tmp_path / 'oracle.db'}")
    registry.init()
    codes = [
        f"91420100MA000000{n}" + credit_code_check_char(f"91420100MA000000{n}") for n in (1, 2)
    ]
    for n, code in enumerate(codes):
        registry.execute(
            r.SYSTEM, f"open-{n}", r.OpenAccount(r.AccountKind.HOLDING, code, f"E{n}", "42")
        )
    firm = r.Actor("a", r.Role.ENTERPRISE, codes[0])
    unit = UnitClass(UnitKind.CEA, "2024")
    answers = []
    for source in (f"ENT-{codes[1]}", "ENT-91420100MA0000099X"):
        with pytest.raises(AccessDenied) as caught:
            registry.execute(
                firm, f"probe-{len(answers)}", r.Transfer(source, f"ENT-{codes[0]}", unit, 1)
            )
        answers.append(caught.value.as_dict())
    assert answers[0] == answers[1]
    registry.engine.dispose()
