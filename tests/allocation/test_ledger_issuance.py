"""Issuance through the registry service: pre-allocation, true-up (多退少补), re-determination,
differentiated issuance to the provincial account and its settlement, and the certificate."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.allocation.test_determination import code, entity_input
from tests.registry.support import held

from chinaets.allocation.determination import determine
from chinaets.allocation.ledger import Issuer
from chinaets.compliance.certificate import certificate
from chinaets.core.errors import InputError
from chinaets.registry import records as r
from chinaets.registry.serials import unit_class
from chinaets.registry.service import Registry
from chinaets.registry.store import make_engine

CEA26 = unit_class("CEA", "2026")


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    reg = Registry(make_engine(f"sqlite:///{tmp_path / 'ledger.db'}"))
    reg.init()
    return reg


def _inputs(pre: dict[int, int]) -> list:  # type: ignore[type-arg]
    out = []
    for n, i in enumerate((0.8, 0.9, 1.0), 10):
        inp = entity_input(
            n, "cement", [{"line_id": "L1", "verified_tco2": 800_000.0, "output_t": 8e5 / i}]
        )
        out.append(inp.model_copy(update={"pre_allocated_tco2": pre.get(n)}))
    return out


def test_pre_allocation_true_up_and_redetermination(registry: Registry) -> None:
    d = determine(_inputs({10: 400_000, 11: 400_000, 12: 900_000}), 2026)
    issuer = Issuer(registry)
    issuer.pre_allocate(d)
    assert held(registry, f"ENT-{code(12)}") == {"CEA-2026": (900_000, 0)}
    steps = {i.credit_code: i for i in issuer.true_up(d)}
    finals = {e.credit_code: e.final_tco2 for e in d.entities}
    assert steps[code(10)].quantity == finals[code(10)] - 400_000  # 少补
    assert steps[code(12)].quantity == finals[code(12)] - 900_000 < 0  # 多退
    for e in d.entities:
        assert held(registry, f"ENT-{e.credit_code}") == {"CEA-2026": (e.final_tco2, 0)}
    issuer.true_up(d)  # idempotent: same request ids
    assert held(registry, f"ENT-{code(10)}") == {"CEA-2026": (finals[code(10)], 0)}
    # a changed verification of entity 11: re-determined under the same BP
    changed = [inp if inp.entity.credit_code != code(11) else inp.model_copy(update={"lines": [
        inp.lines[0].model_copy(update={"verified_tco2": 780_000.0})]}) for inp in _inputs({})]  # fmt: skip
    after = determine(changed, 2026, balances={"cement": d.balance_value("cement") or 0})
    before_e = next(e for e in d.entities if e.credit_code == code(11))
    after_e = next(e for e in after.entities if e.credit_code == code(11))
    issued = issuer.redetermine(before_e, after_e)
    assert issued[0].quantity == after_e.final_tco2 - before_e.final_tco2 < 0
    assert held(registry, f"ENT-{code(11)}") == {"CEA-2026": (after_e.final_tco2, 0)}


def test_differentiated_issuance_settles_through_the_province(registry: Registry) -> None:
    d = determine(_inputs({10: 400_000}), 2026)
    issuer = Issuer(registry)
    issuer.pre_allocate(d, differentiated={code(10)})
    issuer.true_up(d, differentiated={code(10)})
    e = next(e for e in d.entities if e.credit_code == code(10))
    assert held(registry, "PRV-37") == {"CEA-2026": (e.final_tco2, 0)}
    with pytest.raises(InputError, match="not surrendered in full"):
        certificate(registry, e.credit_code, e.name, 2026, e.obligation_tco2)
    settled = {i.step: i.quantity for i in issuer.settle(e, e.final_tco2)}
    assert settled == {"settle": e.obligation_tco2, "passed_on": e.final_tco2 - e.obligation_tco2}
    cert = certificate(registry, e.credit_code, e.name, 2026, e.obligation_tco2)
    assert cert.allowances_tco2 == e.obligation_tco2 and "已足额完成清缴" in cert.lines()[-1]


def test_certificate_after_own_surrender(registry: Registry) -> None:
    d = determine(_inputs({}), 2026)
    Issuer(registry).true_up(d)
    e = d.entities[0]
    registry.execute(r.SYSTEM, "s1", r.Surrender(f"ENT-{e.credit_code}", CEA26, e.obligation_tco2,
                                                 r.Obligation(e.credit_code, 2026)))  # fmt: skip
    assert certificate(registry, e.credit_code, e.name, 2026, e.obligation_tco2).number.startswith(
        "2026-"
    )
