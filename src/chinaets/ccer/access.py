"""Who may take which CCER step (the REST API's rule; the operator console may do all).

| step                                                    | who                                     |
|---------------------------------------------------------|-----------------------------------------|
| create, publish, apply, report, revise, monitor, deregister | the project owner (enterprise whose org is the owner's credit code), the ministry |
| file_validation / file_verification                     | the body itself (verifier whose org is the body id), the ministry |
| register, reject, issue, record a body                  | the ministry (registry institution)     |
| comment                                                 | anyone, the public included (public notice) |
"""

from __future__ import annotations

from chinaets.registry.errors import denied
from chinaets.registry.records import Actor, Role

OWNER_STEPS = frozenset(
    {
        "create",
        "publish_design",
        "apply_registration",
        "revise",
        "start_monitoring",
        "deregister",
        "file_report",
        "publish_reductions",
    }
)
BODY_STEPS = frozenset({"file_validation", "file_negative_validation", "file_verification"})
AUTHORITY = frozenset({Role.MINISTRY, Role.OPERATOR})


def may_take(actor: Actor, action: str, owner: str, body: str | None = None) -> bool:
    if actor.role in AUTHORITY or action == "comment":
        return True
    if action in OWNER_STEPS:
        return actor.role is Role.ENTERPRISE and actor.org == owner
    if action in BODY_STEPS:
        return actor.role is Role.VERIFIER and body is not None and actor.org == body
    return False


def authorize(actor: Actor, action: str, owner: str, body: str | None = None) -> None:
    if not may_take(actor, action, owner, body):
        raise denied(f"take the CCER step '{action}'", f"办理 CCER 步骤“{action}”")
