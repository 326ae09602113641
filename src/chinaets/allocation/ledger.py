"""Issuance through the registry's service, as D25 §四 has it: the registry issues the year's
allowances into the provincial account and, with the province, passes them on to each entity;
differentiated entities' allowances stay in the provincial account (§四(三)).

Every operation goes through `Registry.execute` (the only committer of the ledger) under a request
id made from the step, the year and the entity, so running a step again changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from chinaets.allocation.determination import Determination
from chinaets.allocation.issuance import entity_issuance, redetermination, settle_differentiated
from chinaets.allocation.results import EntityAllocation
from chinaets.core.china import PROVINCES
from chinaets.registry import ids
from chinaets.registry import records as r
from chinaets.registry.models import AccountRow
from chinaets.registry.serials import UnitClass, unit_class
from chinaets.registry.service import Registry
from chinaets.registry.vintages import vintage_label


@dataclass(frozen=True)
class Issued:
    """One ledger step for one entity (what the province's records show)."""

    credit_code: str
    step: str  # pre_allocation | true_up | return | settle | passed_on | redetermination
    quantity: int
    account: str

    def as_dict(self) -> dict[str, Any]:
        return {"credit_code": self.credit_code, "step": self.step, "quantity": self.quantity,
                "account": self.account}  # fmt: skip


class Issuer:
    """Issues a determination's allowances into one registry."""

    def __init__(self, registry: Registry, actor: r.Actor = r.SYSTEM) -> None:
        self.registry, self.actor = registry, actor

    def pre_allocate(self, d: Determination, differentiated: Collection[str] = ()) -> list[Issued]:
        """Table 1-5 ③ to each entity (or kept by the province for differentiated entities)."""
        out = []
        for e in d.entities:
            pre, _ = entity_issuance(e, e.credit_code in differentiated)
            out += self._give(
                e, pre.issued, "pre_allocation", r.IssueKind.PRE_ALLOCATION, pre.differentiated
            )
        return out

    def true_up(self, d: Determination, differentiated: Collection[str] = ()) -> list[Issued]:
        """Table 2-5 ⑤: issue what is owed (少补), take back what was over-issued (多退)."""
        out = []
        for e in d.entities:
            _, det = entity_issuance(e, e.credit_code in differentiated)
            if det.determined_issued > 0:
                out += self._give(
                    e, det.determined_issued, "true_up", r.IssueKind.TRUE_UP, det.differentiated
                )
            elif det.determined_issued < 0:
                out.append(self._take_back(e, -det.determined_issued, "return", det.differentiated))
        return out

    def redetermine(
        self, before: EntityAllocation, after: EntityAllocation, differentiated: bool = False
    ) -> list[Issued]:
        """After a changed verification (D25 §四(二)3): a decrease is returned, an increase issued."""
        change = redetermination(
            before.final_tco2, after.final_tco2, before.obligation_tco2, after.obligation_tco2
        )
        step = f"redetermination-{change.previous}-{change.determined}"
        if change.to_issue:
            return self._give(after, change.to_issue, step, r.IssueKind.TOP_UP, differentiated)
        if change.to_return:
            return [self._take_back(after, change.to_return, step, differentiated)]
        return []

    def settle(self, e: EntityAllocation, total_issued: int) -> list[Issued]:
        """Differentiated issuance settled (Table 2-5 note 9): the province surrenders the
        obligation from its account and passes the rest on to the entity."""
        s = settle_differentiated(total_issued, e.obligation_tco2)
        prv, ent = self._accounts(e)
        out = []
        if s.surrendered_on_behalf:
            self._run(f"settle-{e.year}-{e.credit_code}", r.ForcedSurrender(
                prv, self._unit(e), s.surrendered_on_behalf, r.Obligation(e.credit_code, e.year),
                f"差异化配额分配代为清缴 {e.year}"))  # fmt: skip
            out.append(Issued(e.credit_code, "settle", s.surrendered_on_behalf, prv))
        if s.passed_to_entity:
            self._run(f"passed-{e.year}-{e.credit_code}",
                      r.Transfer(prv, ent, self._unit(e), s.passed_to_entity))  # fmt: skip
            out.append(Issued(e.credit_code, "passed_on", s.passed_to_entity, ent))
        return out

    def _give(
        self, e: EntityAllocation, quantity: int, step: str, kind: r.IssueKind, differentiated: bool
    ) -> list[Issued]:
        if quantity <= 0:
            return []
        prv, ent = self._accounts(e)
        unit = self._unit(e)
        self._run(
            f"{step}-issue-{e.year}-{e.credit_code}",
            r.Issue(ids.MEE_ACCOUNT, prv, unit, quantity, kind),
        )
        if differentiated:
            return [Issued(e.credit_code, step, quantity, prv)]
        self._run(f"{step}-pass-{e.year}-{e.credit_code}", r.Transfer(prv, ent, unit, quantity))
        return [Issued(e.credit_code, step, quantity, ent)]

    def _take_back(
        self, e: EntityAllocation, quantity: int, step: str, differentiated: bool
    ) -> Issued:
        prv, ent = self._accounts(e)
        rid = f"{step}-back-{e.year}-{e.credit_code}"
        if differentiated:  # the allowances never left the provincial account
            self._run(rid, r.Transfer(prv, ids.MEE_ACCOUNT, self._unit(e), quantity))
            return Issued(e.credit_code, step, -quantity, prv)
        self._run(rid, r.Deduct(ent, prv, self._unit(e), quantity, f"配额调减缴回 {e.year}"))
        return Issued(e.credit_code, step, -quantity, ent)

    def _unit(self, e: EntityAllocation) -> UnitClass:
        return unit_class("CEA", vintage_label(e.year))

    def _accounts(self, e: EntityAllocation) -> tuple[str, str]:
        code = PROVINCES[e.province][1]
        prv, ent = ids.provincial_account(code), ids.enterprise_account(e.credit_code)
        with self.registry.reading() as session:
            missing = [a for a in (prv, ent) if session.get(AccountRow, a) is None]
        if prv in missing:
            self._run(f"open-{prv}", r.OpenAccount(r.AccountKind.PROVINCIAL_ISSUING, code,
                                                   f"{PROVINCES[e.province][0]}省级生态环境主管部门"))  # fmt: skip
        if ent in missing:
            self._run(
                f"open-{ent}", r.OpenAccount(r.AccountKind.HOLDING, e.credit_code, e.name, code)
            )
        return prv, ent

    def _run(self, request_id: str, request: r.Request) -> r.TxResult:
        return self.registry.execute(self.actor, request_id, request)
