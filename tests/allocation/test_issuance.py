"""Table 1-5 and 2-5 arithmetic with the plan's own worked examples (D25 附2 表2-5 注8、注9)."""

from __future__ import annotations

from chinaets.allocation.issuance import (
    Determined,
    determined_issuance,
    pre_issuance,
    redetermination,
    settle_differentiated,
)


def _determined(value: int, obligation: int = 0) -> Determined:
    return Determined(value, 0.0, 0, value, obligation or value)


def test_note_8_returned_deduction() -> None:
    """Pre-allocated 50,000, determined 30,000, deductions 70,000: the pre-allocation stage
    deducts 50,000 and issues 0; at determination 50,000 − 30,000 = 20,000 are returned to the
    deduction still due, and the determined issue is (30,000 − 50,000) + 20,000 = 0."""
    pre = pre_issuance(50_000, 70_000)
    assert (pre.deducted, pre.issued, pre.remaining) == (50_000, 0, 20_000)
    row = determined_issuance(pre, _determined(30_000))
    assert (row.true_up, row.returned, row.deducted) == (-20_000, 20_000, 20_000)
    assert (row.determined_issued, row.total_issued, row.remaining) == (0, 0, 40_000)
    # conserved: what the entity got plus what is still due equals allocation minus deductions
    assert row.total_issued - row.remaining == 30_000 - 70_000


def test_note_6_deduction_larger_than_the_true_up_issues_nothing() -> None:
    pre = pre_issuance(50_000, 60_000)
    row = determined_issuance(pre, _determined(80_000))
    assert (row.true_up, row.deducted, row.determined_issued, row.remaining) == (
        30_000,
        10_000,
        20_000,
        0,
    )
    assert row.total_issued == 80_000 - 60_000


def test_true_up_without_deductions_gives_back_or_adds() -> None:
    assert (
        determined_issuance(pre_issuance(50_000, 0), _determined(40_000)).determined_issued
        == -10_000
    )
    assert (
        determined_issuance(pre_issuance(50_000, 0), _determined(65_000)).determined_issued
        == 15_000
    )


def test_note_9_differentiated_examples() -> None:
    """A: issued 1.2 Mt, obligation 1.0 Mt → 0.2 Mt to the entity; B: issued 0.8 Mt,
    obligation 1.0 Mt → 0.2 Mt still to surrender."""
    a = settle_differentiated(1_200_000, 1_000_000)
    assert (a.surrendered_on_behalf, a.passed_to_entity, a.still_owed) == (1_000_000, 200_000, 0)
    b = settle_differentiated(800_000, 1_000_000)
    assert (b.surrendered_on_behalf, b.passed_to_entity, b.still_owed) == (800_000, 0, 200_000)


def test_redetermination_decrease_returned_increase_issued() -> None:
    down = redetermination(1_000_000, 970_000, 1_000_000, 1_000_000)
    assert (down.to_return, down.to_issue) == (30_000, 0)
    up = redetermination(1_000_000, 1_010_000, 1_000_000, 1_020_000)
    assert (up.to_return, up.to_issue) == (0, 10_000)
