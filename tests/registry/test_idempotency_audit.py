"""Client request ids make writes retry-safe; the audit log detects any tampering."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select, text
from tests.registry.conftest import Backend
from tests.registry.support import findings, held, open_enterprise, run

from chinaets.core.errors import InputError
from chinaets.registry import audit, queries
from chinaets.registry import records as r
from chinaets.registry.models import AuditRow, TransactionRow
from chinaets.registry.serials import unit_class
from chinaets.registry.service import Registry

CEA21 = unit_class("CEA", "2021")


@pytest.fixture
def funded(registry: Registry) -> tuple[str, str]:
    a, b = open_enterprise(registry, 1), open_enterprise(registry, 2)
    run(registry, r.Issue("MEE", a, CEA21, 100, r.IssueKind.PRE_ALLOCATION))
    return a, b


def tx_count(registry: Registry) -> int:
    with registry.reading() as session:
        return int(session.scalar(select(func.count()).select_from(TransactionRow)) or 0)


def test_retry_returns_the_first_result_and_applies_once(
    registry: Registry, funded: tuple[str, str]
) -> None:
    a, b = funded
    first = registry.execute(r.SYSTEM, "pay-1", r.Transfer(a, b, CEA21, 30))
    again = registry.execute(r.SYSTEM, "pay-1", r.Transfer(a, b, CEA21, 30))
    assert again == first
    assert held(registry, b) == {"CEA-2021": (30, 0)}


def test_same_id_with_a_different_body_is_refused_and_changes_nothing(
    registry: Registry, funded: tuple[str, str]
) -> None:
    a, b = funded
    registry.execute(r.SYSTEM, "pay-2", r.Transfer(a, b, CEA21, 30))
    before = tx_count(registry)
    with pytest.raises(InputError) as caught:
        registry.execute(r.SYSTEM, "pay-2", r.Transfer(a, b, CEA21, 31))
    problem = caught.value.problems[0]
    assert problem.where.field == "request_id" and "different request" in problem.en
    assert "不同的请求" in problem.zh
    assert tx_count(registry) == before
    assert held(registry, b) == {"CEA-2021": (30, 0)}


def test_same_id_from_another_user_is_a_different_request(
    registry: Registry, funded: tuple[str, str]
) -> None:
    a, b = funded
    registry.execute(r.SYSTEM, "pay-3", r.Transfer(a, b, CEA21, 1))
    other = r.Actor("someone", r.Role.OPERATOR, "registry")
    with pytest.raises(InputError, match="different request"):
        registry.execute(other, "pay-3", r.Transfer(a, b, CEA21, 1))


def test_request_ids_are_in_the_namespace_of_the_organisation(
    registry: Registry, funded: tuple[str, str]
) -> None:
    """Another organisation's use of an id neither blocks nor reveals it: the same id from two
    firms is two requests, each idempotent in its own namespace."""
    a, b = funded
    run(registry, r.Issue("MEE", b, CEA21, 100, r.IssueKind.PRE_ALLOCATION))
    firm_a = r.Actor("alice", r.Role.ENTERPRISE, a.removeprefix("ENT-"))
    firm_b = r.Actor("bob", r.Role.ENTERPRISE, b.removeprefix("ENT-"))
    first = registry.execute(firm_a, "order-1", r.Transfer(a, b, CEA21, 10))
    other = registry.execute(firm_b, "order-1", r.Transfer(b, a, CEA21, 4))
    assert first.tx_id != other.tx_id and other.request_id == "order-1"
    assert registry.execute(firm_b, "order-1", r.Transfer(b, a, CEA21, 4)) == other
    assert held(registry, a) == {"CEA-2021": (94, 0)}
    with registry.reading() as session:
        history = queries.history(session, firm_b, b)
    assert {line.request_id for line in history} <= {"order-1", ""}  # never the namespace


def test_a_rejected_request_records_nothing_so_it_can_be_retried(
    registry: Registry, funded: tuple[str, str]
) -> None:
    a, b = funded
    with pytest.raises(InputError):
        registry.execute(r.SYSTEM, "pay-4", r.Transfer(a, b, CEA21, 1000))
    run(registry, r.Issue("MEE", a, CEA21, 900, r.IssueKind.TOP_UP))
    assert registry.execute(r.SYSTEM, "pay-4", r.Transfer(a, b, CEA21, 1000)).status == "done"


def test_concurrent_retries_of_one_request_apply_it_once(
    registry: Registry, funded: tuple[str, str]
) -> None:
    a, b = funded
    request = r.Transfer(a, b, CEA21, 7)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: registry.execute(r.SYSTEM, "pay-5", request), range(8)))
    assert len({res.tx_id for res in results}) == 1
    assert held(registry, b) == {"CEA-2021": (7, 0)}
    assert findings(registry) == []


def test_every_write_is_in_the_audit_chain(registry: Registry, funded: tuple[str, str]) -> None:
    a, b = funded
    run(registry, r.Transfer(a, b, CEA21, 5))
    with registry.reading() as session:
        assert audit.verify(session) == []
        entries = session.scalar(select(func.count()).select_from(AuditRow))
        seq, head = audit.head(session)
    assert entries == seq == tx_count(registry) + 1  # + the init entry
    assert len(head) == 64


def test_the_database_refuses_to_edit_the_log(registry: Registry, funded: tuple[str, str]) -> None:
    with pytest.raises(Exception, match="append-only"), registry.engine.begin() as connection:
        connection.execute(text("UPDATE registry_audit_log SET actor = 'x' WHERE seq = 2"))
    with pytest.raises(Exception, match="append-only"), registry.engine.begin() as connection:
        connection.execute(text("DELETE FROM registry_audit_log WHERE seq = 2"))


def _tamper(registry: Registry, backend: Backend, *statements: str) -> list[str]:
    """Get round the append-only triggers, as an attacker with database access would."""
    with registry.engine.begin() as connection:
        if backend.name == "sqlite":
            connection.execute(text("DROP TRIGGER registry_audit_no_update"))
            connection.execute(text("DROP TRIGGER registry_audit_no_delete"))
        else:
            connection.execute(text("ALTER TABLE registry_audit_log DISABLE TRIGGER USER"))
        for statement in statements:
            connection.exec_driver_sql(statement)
    with registry.reading() as session:
        return [f.en for f in audit.verify(session)]


@pytest.fixture
def logged(registry: Registry, funded: tuple[str, str]) -> Registry:
    a, b = funded
    for n in range(4):
        run(registry, r.Transfer(a, b, CEA21, n + 1))
    return registry


def test_an_edited_entry_is_detected(logged: Registry, backend: Backend) -> None:
    found = _tamper(
        logged, backend, "UPDATE registry_audit_log SET actor = 'mallory' WHERE seq = 6"
    )
    assert any("changed" in f for f in found)
    found = _tamper_more(
        logged, "UPDATE registry_audit_log SET payload = payload || ' ' WHERE seq = 7"
    )
    assert any("changed" in f for f in found)


def _tamper_more(registry: Registry, statement: str) -> list[str]:
    with registry.engine.begin() as connection:
        connection.exec_driver_sql(statement)
    with registry.reading() as session:
        return [f.en for f in audit.verify(session) if "7" in f.where]


def test_a_removed_entry_is_detected(logged: Registry, backend: Backend) -> None:
    found = _tamper(logged, backend, "DELETE FROM registry_audit_log WHERE seq = 4")
    assert any("removed or reordered" in f for f in found)


def test_a_removed_last_entry_is_detected(logged: Registry, backend: Backend) -> None:
    found = _tamper(
        logged,
        backend,
        "DELETE FROM registry_audit_log WHERE seq = (SELECT max(seq) FROM registry_audit_log)",
    )
    assert any("end were removed" in f for f in found)


def test_reordered_entries_are_detected(logged: Registry, backend: Backend) -> None:
    found = _tamper(
        logged,
        backend,
        "UPDATE registry_audit_log SET seq = -1 WHERE seq = 4",
        "UPDATE registry_audit_log SET seq = 4 WHERE seq = 5",
        "UPDATE registry_audit_log SET seq = 5 WHERE seq = -1",
    )
    assert any("does not link" in f for f in found)


def test_an_anchored_head_detects_a_rewritten_tail(logged: Registry) -> None:
    with logged.reading() as session:
        _, anchored = audit.head(session)
        assert audit.verify(session, expect_head=anchored) == []
        assert audit.verify(session, expect_head="f" * 64) != []
