"""Dependencies shared by the API's routers (so routers added later use the same ones)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from chinaets.core.clock import Clock, china_now


def get_clock(request: Request) -> Clock:
    """The server's clock (`create_app(clock=…)`): every time the API stamps comes from it."""
    clock: Clock = getattr(request.app.state, "clock", china_now)
    return clock


ClockDep = Annotated[Clock, Depends(get_clock)]
