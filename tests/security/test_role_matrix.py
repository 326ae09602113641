"""Issue 16, evidence: every exchange command kind sent by every role through
POST /market/commands, on SQLite and PostgreSQL. Only the allowed role gets past the
authorisation (200, or 422 when the exchange's own rules refuse); every other answers 403 and
leaves the event log unchanged. (The registry's own matrix is tests/registry/test_access.py.)"""

from __future__ import annotations

from typing import Any

from tests.security import stress
from tests.security.conftest import Api

ROLES = ["public", "own", "other", "exchange", "bank", "ministry"]


def _bodies(own: str) -> dict[str, dict[str, Any]]:
    return {
        "list_vintage": {"vintage": "2025", "reference_close": "70.00"},
        "open_day": {},
        "close_day": {},
        "deposit": {"trader": own, "amount": "10.00", "bank_ref": "m1"},
        "withdraw": {"trader": own, "amount": "10.00", "bank_ref": "m2"},
        "place": {"trader": own, "vintage": "2024", "side": "buy", "price": "70.00", "quantity": 1},
        "click": {"trader": own, "quote_id": "O00000099", "quantity": 1},
        "cancel": {"trader": own, "order_id": "O00000099"},
        "post_block": {
            "trader": own,
            "vintage": "2024",
            "side": "buy",
            "price": "70.00",
            "quantity": 100000,
        },
        "accept_block": {"trader": own, "quote_id": "B00000099"},
        "auction_apply": {
            "seller": own,
            "vintage": "2024",
            "quantity": 100000,
            "auction_day": "2025-07-21",
            "window": "10:00-11:00",
            "floor": "previous_close",
            "allocation": "uniform_price",
        },
        "auction_decide": {"auction_id": "A00000099", "approve": True},
        "auction_lodge": {"auction_id": "A00000099"},
        "auction_bid": {"trader": own, "auction_id": "A00000099", "price": "70.00", "quantity": 1},
        "auction_clear": {"auction_id": "A00000099"},
    }


ALLOWED = {
    "list_vintage": "exchange",
    "open_day": "exchange",
    "close_day": "exchange",
    "auction_decide": "exchange",
    "auction_clear": "exchange",
    "deposit": "bank",
    "withdraw": "bank",
    "auction_lodge": "nobody",  # the seller of the auction, and this one does not exist
}


def _events(api: Api) -> int:
    market = api.client.app.state.market  # type: ignore[attr-defined]
    with market.view() as exchange:
        return int(exchange.seq)


def test_every_role_on_every_command(api: Api) -> None:
    own = api.buyer
    tokens = {
        "public": "",
        "own": own,
        "other": api.fleet.buyers[1],
        "exchange": "exchange",
        "bank": "bank",
    }
    registry = api.client.app.state.registry  # type: ignore[attr-defined]
    from chinaets.registry import records as r

    result = registry.execute(r.SYSTEM, "user-mee", r.AddUser("mee-1", r.Role.MINISTRY, "MEE"))
    api.fleet.tokens["ministry"] = str(result.detail["token"])
    tokens["ministry"] = "ministry"
    failures = []
    for kind, fields in _bodies(own).items():
        allowed = ALLOWED.get(kind, "own")
        for role in ROLES:
            before = _events(api)
            status = api.post(
                tokens[role], "/market/commands", {"kind": kind, **fields}
            ).status_code
            if role == allowed and status == 403:
                failures.append(f"{role} refused {kind}")
            if role != allowed and (status != 403 or _events(api) != before):
                failures.append(f"{role} got {status} for {kind}")
    assert failures == [], failures
    assert stress.PEPPER  # the fleet's users come from the stress set-up
