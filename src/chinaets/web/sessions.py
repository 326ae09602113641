"""Dashboard sessions, kept on the server, in the registry's database, apart from API tokens.

Log-in checks the user's registry API token once and opens a session: the browser gets only a
random session id (256 bits) in a cookie that is HttpOnly, SameSite=Strict and Secure (except
on a loopback address, where browsers refuse Secure cookies over plain http). The database
keeps the session under the SHA-256 of its id and the token only as the registry keeps it
(HMAC under the server secret), so a copy of the table opens no session and reveals no token;
the registry is still asked on every request, so a revoked token stops the session at once. A
session ends after `IDLE` seconds without a request, `LIFETIME` seconds after log-in, or at
log-out (deleted on the server, not only in the browser).

Because sessions and failed log-ins live in the database, every worker process of the dashboard
(and every restart) sees the same ones.

Log-in and log-out are protected against cross-site requests: the log-in form carries a token
that must equal the one in a SameSite=Strict cookie set with the form (double submit); the
log-out form carries the session's own token. Failed log-ins are limited per client address
(`MAX_FAILURES` in `WINDOW` seconds, then 429 until the window has passed).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, delete, func, insert, select, update

from chinaets.registry.models import LoginFailureRow, WebSessionRow

SESSION_COOKIE = "chinaets_session"
CSRF_COOKIE = "chinaets_csrf"
IDLE = 30 * 60
LIFETIME = 8 * 3600
MAX_FAILURES = 10
WINDOW = 15 * 60
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "testserver"})


@dataclass(frozen=True)
class Session:
    id: str  # only ever in the browser's cookie; the database has its hash
    token_hash: str
    csrf: str


def _key(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


@dataclass
class Sessions:
    """The open sessions and recent failed log-ins, in `engine`'s database."""

    engine: Engine
    clock: Callable[[], float] = time.time  # wall time: shared by processes and restarts

    def open(self, token_hash: str) -> Session:
        now = self.clock()
        session = Session(secrets.token_urlsafe(32), token_hash, secrets.token_urlsafe(32))
        row = {"id_hash": _key(session.id), "token_hash": token_hash, "csrf": session.csrf}
        with self.engine.begin() as conn:
            conn.execute(insert(WebSessionRow).values(**row, opened=now, seen=now))
        return session

    def get(self, session_id: str | None) -> Session | None:
        """The live session with this id (its idle clock restarted), else None."""
        if not session_id:
            return None
        now, key = self.clock(), _key(session_id)
        with self.engine.begin() as conn:
            row = conn.execute(select(WebSessionRow).where(WebSessionRow.id_hash == key)).first()
            if row is None:
                return None
            if now - row.seen > IDLE or now - row.opened > LIFETIME:
                conn.execute(delete(WebSessionRow).where(WebSessionRow.id_hash == key))
                return None
            conn.execute(update(WebSessionRow).where(WebSessionRow.id_hash == key).values(seen=now))
            return Session(session_id, row.token_hash, row.csrf)

    def close(self, session_id: str | None) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(WebSessionRow).where(WebSessionRow.id_hash == _key(session_id or ""))
            )

    def may_try(self, client: str) -> bool:
        """False while `client` has `MAX_FAILURES` failed log-ins within the last `WINDOW`."""
        since = self.clock() - WINDOW
        with self.engine.begin() as conn:
            conn.execute(delete(LoginFailureRow).where(LoginFailureRow.at < since))
            count = conn.execute(
                select(func.count()).where(LoginFailureRow.client == client[:64])
            ).scalar_one()
        return int(count) < MAX_FAILURES

    def failed(self, client: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(LoginFailureRow).values(client=client[:64], at=self.clock()))


def new_csrf() -> str:
    return secrets.token_urlsafe(32)


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and secrets.compare_digest(str(a), str(b))


def secure_cookie(host: str | None) -> bool:
    return (host or "").split(":")[0] not in LOOPBACK
