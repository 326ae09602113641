"""Issue 16, evidence: a brief hypothesis run of each file reader's fuzz target (the longer
run is `benchmarks/fuzz.py`). Every input is read or refused with a located `InputError`."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.security import fuzz_targets as targets

BRIEF = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
TEXTS = st.one_of(
    st.binary(max_size=400),
    JSONISH.map(lambda v: json.dumps(v).encode()),
    st.text(max_size=200).map(lambda t: t.encode("utf-16")),
    st.text(max_size=200).map(lambda t: t.encode("gbk", errors="ignore")),
    st.integers(1, 6000).map(lambda n: ("[" * n + "]" * n).encode()),
    st.integers(1, 6000).map(lambda n: b'{"capacity_mw": 1' + b"0" * n + b"}"),
)


@BRIEF
@given(TEXTS)
def test_report_json(data: bytes) -> None:
    targets.report_json(data)


@BRIEF
@given(TEXTS)
def test_report_csv_folder(data: bytes) -> None:
    targets.report_csv(data)


@BRIEF
@given(
    st.integers(1, len(targets.TEMPLATE)),
    st.lists(st.tuples(st.integers(0), st.integers(0, 255)), max_size=4),
)
def test_report_xlsx(cut: int, flips: list[tuple[int, int]]) -> None:
    targets.report_xlsx(cut, flips)


@BRIEF
@given(TEXTS)
def test_compliance_input(data: bytes) -> None:
    targets.compliance_json(data)


@BRIEF
@given(TEXTS)
def test_allocation_inputs(data: bytes) -> None:
    targets.allocation_json(data)


@BRIEF
@given(TEXTS)
def test_ccer_documents(data: bytes) -> None:
    targets.ccer_document(data)


@BRIEF
@given(st.text(max_size=300))
def test_json_text(text: str) -> None:
    targets.json_text(text)


@BRIEF
@given(
    st.dictionaries(
        st.sampled_from(["kind", "ts", "trader", "amount", "price", "quantity", "vintage", "side"]),
        JSONISH,
    )
)
def test_exchange_commands(data: dict) -> None:  # type: ignore[type-arg]
    targets.exchange_command(data)
