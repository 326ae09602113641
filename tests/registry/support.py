"""Helpers shared by the registry tests."""

from __future__ import annotations

import uuid
import warnings

from chinaets.core.ids import credit_code_check_char
from chinaets.registry import invariants, queries
from chinaets.registry import records as r
from chinaets.registry.service import Registry

with warnings.catch_warnings():
    # Starlette 1.x wants the `httpx2` package for its test client; the lock has `httpx`, which
    # still works. Only this import-time deprecation notice is silenced.
    from starlette.exceptions import StarletteDeprecationWarning

    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

__all__ = ["TestClient"]


def uscc(n: int, region: str = "420100") -> str:
    """A valid unified social credit code, numbered n."""
    body = f"91{region}MA{n:07d}"
    return body + credit_code_check_char(body)


def open_enterprise(registry: Registry, n: int, province: str = "42") -> str:
    code = uscc(n, "110000" if province == "11" else "420100")
    request = r.OpenAccount(r.AccountKind.HOLDING, code, f"Enterprise {n}", province)
    registry.execute(r.SYSTEM, f"open-ent-{code}", request)
    return f"ENT-{code}"


def run(registry: Registry, request: r.Request, rid: str | None = None) -> r.TxResult:
    return registry.execute(r.SYSTEM, rid or f"t-{uuid.uuid4()}", request)


def held(registry: Registry, account: str) -> dict[str, tuple[int, int]]:
    with registry.reading() as session:
        return {h.unit: (h.free, h.frozen) for h in queries.holdings(session, r.SYSTEM, account)}


def findings(registry: Registry) -> list[str]:
    with registry.reading() as session:
        return [f.render() for f in invariants.run_all(session)]
