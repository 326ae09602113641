"""Who is looking: the registry's users and roles (`chinaets.registry.access`), reused.

Log-in takes the user's registry API token and opens a server-side session
(`chinaets.web.sessions`: the browser holds only a random session id); the registry is asked
for the actor on every request, so a revoked token stops working at once. Without a connected registry there are no users: the viewer is the
public and the demo's pages are open (`Viewer.open_demo`).

Entity pages follow the registry's read rule for holding accounts: the ministry and operator
see every entity, a provincial authority those in its province, a verifier its assigned
entities, an enterprise itself only; the public sees aggregates only.
"""

from __future__ import annotations

from dataclasses import dataclass

from chinaets.core.china import PROVINCES
from chinaets.registry.records import Actor, Role


@dataclass(frozen=True)
class Viewer:
    actor: Actor
    open_demo: bool = False
    csrf: str = ""  # the session's anti-forgery token (the log-out form sends it back)

    @property
    def logged_in(self) -> bool:
        return self.actor.role is not Role.PUBLIC

    def may_see_entity(self, credit_code: str, province: str) -> bool:
        role, org = self.actor.role, self.actor.org
        if role in {Role.MINISTRY, Role.OPERATOR}:
            return True
        if role is Role.PROVINCIAL:
            return PROVINCES.get(province, ("", ""))[1] == org
        if role is Role.VERIFIER:
            return credit_code in self.actor.scope
        if role is Role.ENTERPRISE:
            return credit_code == org
        return self.open_demo and role is Role.PUBLIC

    @property
    def sees_all_entities(self) -> bool:
        return self.actor.role in {Role.MINISTRY, Role.OPERATOR} or (
            self.open_demo and not self.logged_in
        )


ENTITY_TABLES = frozenset(
    {"entities", "entity_values", "units", "unit_values", "monthly_values", "allocation"}
)
REGISTRY_TABLES = frozenset({"accounts", "holdings", "surrenders"})


def scope(viewer: Viewer, table: str) -> tuple[list[str] | None, list[str] | None] | None:
    """(provinces, credit codes or holders) a viewer's listing of `table` is restricted to
    (None: no restriction), or None when the viewer may not list the table at all."""
    role, org = viewer.actor.role, viewer.actor.org
    if role in {Role.MINISTRY, Role.OPERATOR}:
        return None, None
    if role is Role.PROVINCIAL:
        return [en for en, (_, code) in PROVINCES.items() if code == org], None
    if role is Role.VERIFIER:
        return None, sorted(viewer.actor.scope)
    if role in {Role.ENTERPRISE, Role.EXCHANGE}:
        return None, [org]
    if table in ENTITY_TABLES and viewer.open_demo:
        return None, None
    return None
