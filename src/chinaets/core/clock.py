"""Where the time comes from: the server's clock, never the client's.

A `Clock` returns the current local time of the Chinese market (Asia/Shanghai, naive, to the
second), the convention of every exchange and CCER timestamp. Services and shells take one as a
parameter (default `china_now`), so tests inject a fixed or ticking clock instead of a
client-supplied time.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

Clock = Callable[[], dt.datetime]
CHINA = ZoneInfo("Asia/Shanghai")


def china_now() -> dt.datetime:
    """Now in Beijing time, naive, whole seconds."""
    return dt.datetime.now(CHINA).replace(tzinfo=None, microsecond=0)


def ticking(start: dt.datetime) -> Clock:
    """A clock that starts at `start` and advances with real time (for tests and demos)."""
    origin = time.monotonic()

    def now() -> dt.datetime:
        return (start + dt.timedelta(seconds=time.monotonic() - origin)).replace(microsecond=0)

    return now
