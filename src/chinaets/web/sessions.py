"""Dashboard sessions, kept on the server and apart from API tokens.

Log-in checks the user's registry API token once and opens a session: the browser gets only a
random session id (256 bits) in a cookie that is HttpOnly, SameSite=Strict and Secure (except
on a loopback address, where browsers refuse Secure cookies over plain http). The token stays
in server memory, so the registry is still asked on every request and a revoked token stops the
session at once. A session ends after `IDLE` seconds without a request, `LIFETIME` seconds
after log-in, or at log-out (removed on the server, not only in the browser).

Log-in and log-out are protected against cross-site requests: the log-in form carries a token
that must equal the one in a SameSite=Strict cookie set with the form (double submit); the
log-out form carries the session's own token. Failed log-ins are limited per client address
(`MAX_FAILURES` in `WINDOW` seconds, then 429 until the window has passed).

Sessions live in the dashboard process (`chinaets serve` runs one); behind several worker
processes, a log-in would be known to the worker that made it only.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

SESSION_COOKIE = "chinaets_session"
CSRF_COOKIE = "chinaets_csrf"
IDLE = 30 * 60
LIFETIME = 8 * 3600
MAX_FAILURES = 10
WINDOW = 15 * 60
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "testserver"})


@dataclass
class Session:
    id: str
    token: str
    csrf: str
    opened: float
    seen: float


@dataclass
class Sessions:
    clock: Callable[[], float] = time.monotonic
    _open: dict[str, Session] = field(default_factory=dict)
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def open(self, token: str) -> Session:
        now = self.clock()
        session = Session(secrets.token_urlsafe(32), token, secrets.token_urlsafe(32), now, now)
        with self._lock:
            self._open[session.id] = session
        return session

    def get(self, session_id: str | None) -> Session | None:
        """The live session with this id (its idle clock restarted), else None."""
        if not session_id:
            return None
        now = self.clock()
        with self._lock:
            session = self._open.get(session_id)
            if session is None:
                return None
            if now - session.seen > IDLE or now - session.opened > LIFETIME:
                del self._open[session_id]
                return None
            session.seen = now
            return session

    def close(self, session_id: str | None) -> None:
        with self._lock:
            self._open.pop(session_id or "", None)

    def may_try(self, client: str) -> bool:
        """False while `client` has `MAX_FAILURES` failed log-ins within the last `WINDOW`."""
        now = self.clock()
        with self._lock:
            recent = self._failures.setdefault(client, deque())
            while recent and now - recent[0] > WINDOW:
                recent.popleft()
            return len(recent) < MAX_FAILURES

    def failed(self, client: str) -> None:
        with self._lock:
            self._failures.setdefault(client, deque()).append(self.clock())


def new_csrf() -> str:
    return secrets.token_urlsafe(32)


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and secrets.compare_digest(str(a), str(b))


def secure_cookie(host: str | None) -> bool:
    return (host or "").split(":")[0] not in LOOPBACK
