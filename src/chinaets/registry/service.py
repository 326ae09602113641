"""The registry service: the only code that commits ledger changes.

`Registry.execute(actor, request_id, request)` runs one operation as one database transaction:

1. the accounts the request names are locked in id order; 2. the request id is claimed (a
request id seen before returns the first result; a different body under the same id is
refused); 3. the actor's role is checked; 4. the operation checks the request and moves blocks,
writing balanced postings; 5. the result and an audit entry are written; 6. commit. Any error
rolls everything back. Lost races (deadlock, serialisation failure, SQLite busy) are retried.

`Registry.bound(connection)` runs the same steps inside a caller's transaction, without
committing (see docs/registry.md, "Running inside a caller's transaction").
"""

from __future__ import annotations

import copy
import hashlib
import random
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from chinaets.core.errors import InputError, Location
from chinaets.registry import (
    access,
    admin,
    audit,
    checks,
    ids,
    journal,
    ledger,
    operations,
    retirements,
    store,
    transfer_path,
)
from chinaets.registry import records as r
from chinaets.registry.errors import LedgerError, NotAuthenticated
from chinaets.registry.models import AccountRow
from chinaets.registry.operations import Context, Outcome
from chinaets.registry.parse import check_request_id, parse_request
from chinaets.registry.records import Call

SYSTEM_ACCOUNTS = (
    (
        ids.MEE_ACCOUNT,
        r.AccountKind.MEE_ISSUING,
        "MEE",
        "生态环境部配额签发账户 MEE issuing account",
    ),
    (ids.CANCELLATION_ACCOUNT, r.AccountKind.CANCELLATION, "MEE", "注销账户 Cancellation account"),
    (
        ids.SUPPLY_ACCOUNT,
        r.AccountKind.SUPPLY,
        "MEE",
        "签发总量（对冲账户）Issuance contra account",
    ),
)
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _named_accounts(request: r.Request) -> dict[str, str]:
    """field name → account id, for every existing account the request names."""
    names = ("issuer", "account", "source", "destination")
    if isinstance(request, r.OpenAccount):
        return {}
    return {n: getattr(request, n) for n in names if isinstance(getattr(request, n, None), str)}


def _retryable(exc: DBAPIError) -> bool:
    state = getattr(exc.orig, "sqlstate", None)
    return state in RETRYABLE_SQLSTATES or "database is locked" in str(exc.orig)


class Registry:
    def __init__(
        self,
        engine: Engine,
        *,
        four_eyes_threshold: int | None = None,
        token_pepper: str | None = None,
        max_attempts: int = 30,
    ) -> None:
        self.engine = engine
        self.four_eyes_threshold = four_eyes_threshold
        self.token_pepper = token_pepper
        self.max_attempts = max_attempts
        self.connection: Connection | None = None

    def bound(self, connection: Connection) -> Registry:
        """This registry, running its operations inside the caller's open transaction.

        Every `execute` on the result writes through `connection` (one the caller has begun a
        transaction on) and never commits: the caller's commit makes the registry steps
        durable together with the caller's own writes, and the caller's rollback undoes them.
        The registry's checks, locks, postings and audit entry run as usual, and the same
        settings (four-eyes threshold, token secret) apply. Nothing is retried: a lost race
        or refusal leaves the caller's transaction to be rolled back (a refused step inside
        `connection.begin_nested()` rolls back only to that savepoint), and the caller retries
        the whole unit of work with the same request ids.
        """
        joined = copy.copy(self)
        joined.connection = connection
        joined.max_attempts = 1
        return joined

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """The one transaction of an operation: our own, or the caller's when bound."""
        bind = self.connection if self.connection is not None else self.engine
        with Session(bind, expire_on_commit=False) as session, session.begin():
            yield session

    @classmethod
    def open(cls, url: str | None = None, **options: Any) -> Registry:
        return cls(store.make_engine(url or store.default_db_url()), **options)

    def init(self) -> bool:
        """Create or upgrade the schema and the system accounts; True if anything was created."""
        store.upgrade(self.engine)
        with Session(self.engine) as session, session.begin():
            created = [a for a in SYSTEM_ACCOUNTS if session.get(AccountRow, a[0]) is None]
            stamp = now()
            for account_id, kind, holder, name in created:
                session.add(
                    AccountRow(
                        id=account_id,
                        kind=kind.value,
                        holder=holder,
                        name=name,
                        province=None,
                        state=r.AccountState.OPEN.value,
                        opened_at=stamp,
                    )
                )
            if created:
                audit.append(
                    session,
                    ts=stamp,
                    actor="system",
                    action="init",
                    request_id="init",
                    payload={"accounts": [a[0] for a in created]},
                )
        return bool(created)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads, in one transaction (a consistent snapshot on both databases);
        when bound, the caller's transaction (so it sees the caller's own writes)."""
        with self._transaction() as session:
            yield session

    def authenticate(self, token: str | None) -> r.Actor:
        """The actor behind a bearer token; no token means the public."""
        if not token:
            return r.PUBLIC
        return self.authenticate_hash(self.token_hash(token))

    def token_hash(self, token: str) -> str:
        """The token as the registry stores it (HMAC under the server secret)."""
        if self.token_pepper is None:
            raise NotAuthenticated(
                "this registry has no token secret configured",
                "本登记系统未配置令牌密钥",
                "set CHINAETS_TOKEN_PEPPER",
                "请设置 CHINAETS_TOKEN_PEPPER",
            )
        return access.hash_token(self.token_pepper, token)

    def authenticate_hash(self, token_hash: str) -> r.Actor:
        """The actor behind a stored token hash (a dashboard session keeps only that)."""
        with self.reading() as session:
            actor = access.actor_for_token(session, token_hash)
        if actor is None:
            raise NotAuthenticated(
                "the API token is unknown or revoked",
                "API 令牌无效或已吊销",
                "use the token given when your user was created",
                "请使用创建用户时发放的令牌",
            )
        return actor

    def submit(self, actor: r.Actor, op: str, body: Mapping[str, Any]) -> r.TxResult:
        """Parse a JSON body (with its `request_id`) and execute it: the shells' entry point."""
        request_id = check_request_id(body.get("request_id") if isinstance(body, Mapping) else None)
        return self.execute(actor, request_id, parse_request(op, body))

    def execute(
        self,
        actor: r.Actor,
        request_id: str,
        request: r.Request,
        *,
        exchange_settlement: bool = False,
        hold: bool = False,
    ) -> r.TxResult:
        """Run one write request as one transaction; idempotent under `request_id`.

        `exchange_settlement=True` marks a transfer into or out of an exchange clearing account
        that the exchange records as settlement of its own market (escrow, release, delivery):
        it is exempt from four-eyes (see `operations.transfer`). `hold=True` on such a delivery
        keeps the units in the buyer's account until the exchange closes the day (T+1, see
        `holds`). Only library callers can set them; the REST API and the CLI pass False.
        """
        check_request_id(request_id)
        body = request.as_json()
        body_text = r.canonical(body)
        # canonical({"actor": …, "body": …[, "exchange_settlement": true][, "hold": true]})
        signed = f'{{"actor":{r.canonical(actor.user_id)},"body":{body_text}'
        signed += ',"exchange_settlement":true' if exchange_settlement else ""
        signed += ',"hold":true}' if hold else "}"
        digest = hashlib.sha256(signed.encode()).hexdigest()
        call = Call(actor, request_id, request, body, body_text, digest, exchange_settlement, hold)
        if self.connection is not None:
            return self._once(call)  # the caller's transaction: its errors are the caller's
        failure: Exception | None = None
        for attempt in range(self.max_attempts):
            try:
                return self._once(call)
            except IntegrityError as exc:
                prior = self._replay(call)
                if prior is not None:
                    return prior
                failure = exc
            except OperationalError as exc:
                if not _retryable(exc):
                    raise
                failure = exc
            time.sleep(random.uniform(0, min(0.25, 0.002 * 2**attempt)))
        raise _busy() from failure

    def _replay(self, call: Call) -> r.TxResult | None:
        with self.reading() as session:
            return journal.prior(session.connection(), call)

    def _once(self, call: Call) -> r.TxResult:
        needs_approval = operations.needs_approval(
            call.actor, call.request, self.four_eyes_threshold, call.exchange_settlement
        )
        if transfer_path.eligible(call.request, needs_approval or call.hold):
            return self._transfer(call)
        with self._transaction() as session:
            # accounts first: transaction ids then follow the order in which writes to an
            # account commit, which the no_negative invariant replays
            accounts = _locked_accounts(session, call.request, call.actor)
            stamp = now()
            tx_id = _claim(session, call, stamp)
            if tx_id is None:  # the request id is taken: the first result, or a refusal
                prior = journal.prior(session.connection(), call)
                if prior is None:
                    raise _busy()
                return prior
            access.authorize(
                call.actor, call.request, {k: ledger.to_account(v) for k, v in accounts.items()}
            )
            ctx = Context(
                session,
                call.actor,
                tx_id,
                stamp,
                accounts,
                self.four_eyes_threshold,
                self._hasher(),
                call.exchange_settlement,
                call.hold,
            )
            outcome = _apply(ctx, call.request)
            result = _record(session, call, tx_id, stamp, outcome)
        if outcome.secret is not None:
            return replace(result, detail={**result.detail, "token": outcome.secret})
        return result

    def _transfer(self, call: Call) -> r.TxResult:
        """A plain transfer on the hot path (`transfer_path`): one connection, no ORM."""
        with self._connection() as conn:
            own = self.connection is None
            result = transfer_path.run(conn, call, now(), self.four_eyes_threshold, commit=own)
            if result is None:  # the request id is taken: the first result, or a refusal
                result = journal.prior(conn, call)
                if result is None:
                    raise _busy()
            return result

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        """`_transaction` as a bare connection: our own transaction, or the caller's."""
        if self.connection is not None:
            yield self.connection
            return
        with self.engine.begin() as conn:
            yield conn

    def _hasher(self) -> Any:
        pepper = self.token_pepper
        if pepper is None:
            return None
        return lambda token: access.hash_token(pepper, token)


def _busy() -> LedgerError:
    return LedgerError(
        "the ledger stayed too busy to record the request; nothing was written",
        "登记系统持续繁忙，请求未被记录",
        "retry with the same request id",
        "请使用同一请求编号重试",
    )


def _claim(session: Session, call: Call, stamp: str) -> int | None:
    """Claim the request id on the session's connection (`journal.claim`)."""
    return journal.claim(session.connection(), call, stamp)


def _record(session: Session, call: Call, tx_id: int, stamp: str, outcome: Outcome) -> r.TxResult:
    """Store the result on the transaction row and append the audit entry."""
    result, result_text, payload = journal.recorded(
        call, tx_id, stamp, outcome.postings, outcome.status, outcome.detail
    )
    audit.append_text(
        session,
        ts=stamp,
        actor=call.actor.user_id,
        action=call.request.op.value,
        request_id=call.request_id,
        text=payload,
        rider=(journal.STORE_RESULT, {"tx_id": tx_id, "tx_result": result_text}),
    )
    return result  # exactly what a retry will return


def _locked_accounts(session: Session, request: r.Request, actor: r.Actor) -> dict[str, AccountRow]:
    named = _named_accounts(request)
    rows = ledger.lock_accounts(session, named.values())
    for field, account_id in sorted(named.items()):
        checks.known_account(rows, account_id, field, actor, request.op.value)
    return rows


HANDLERS: dict[type[r.Request], Callable[[Context, Any], Outcome]] = {
    r.Issue: operations.issue,
    r.Transfer: operations.transfer,
    r.Freeze: operations.freeze,
    r.Unfreeze: operations.unfreeze,
    r.OpenAccount: admin.open_account,
    r.CloseAccount: admin.close_account,
    r.Surrender: retirements.surrender,
    r.ForcedSurrender: retirements.forced_surrender,
    r.Cancel: retirements.cancel,
    r.CarryOver: retirements.carry_over,
    r.Deduct: retirements.deduct,
    r.Reject: lambda ctx, request: operations.reject(ctx, request.approval_id),
    r.ReleaseHolds: operations.release_holds,
}


def _apply(ctx: Context, request: r.Request) -> Outcome:
    if isinstance(request, r.Approve):
        return _approve(ctx, request.approval_id)
    if isinstance(request, r.AddUser):
        if ctx.hash_token is None:
            raise InputError.one(
                Location(field="CHINAETS_TOKEN_PEPPER"),
                "users cannot be added without a token secret",
                "未配置令牌密钥，无法添加用户",
                "set CHINAETS_TOKEN_PEPPER to a random secret of 32+ characters",
                "请将 CHINAETS_TOKEN_PEPPER 设置为 32 位以上的随机密钥",
            )
        return admin.add_user(ctx, request)
    handler = HANDLERS[type(request)]
    threshold = ctx.four_eyes_threshold
    if operations.needs_approval(ctx.actor, request, threshold, ctx.exchange_settlement):
        assert threshold is not None
        with ctx.session.begin_nested() as dry_run:  # every check now; nothing written
            handler(ctx, request)
            dry_run.rollback()
        return operations.propose(ctx, request, threshold)
    return handler(ctx, request)


def _approve(ctx: Context, approval_id: int) -> Outcome:
    """A second user of the organisation approves a pending movement: it runs now, checked
    again against the ledger as it is, and only if the approver may do it too."""
    row, stored = operations.approved_request(ctx, approval_id)
    ctx.accounts.update(_locked_accounts(ctx.session, stored, ctx.actor))
    accounts = {k: ledger.to_account(v) for k, v in ctx.accounts.items()}
    access.authorize(ctx.actor, stored, accounts)
    outcome = HANDLERS[type(stored)](ctx, stored)
    operations.decide(ctx, row, "approved")
    return replace(outcome, detail={"approval_id": row.id, **outcome.detail})
