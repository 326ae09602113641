"""Properties of the bridge over generated installations: embedded emissions add up over the
processes of a precursor chain, no figure goes below zero, and default values are used only where
the supplier's data are missing."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from chinaets.cbam.bridge import CbamOptions, CbamResult, compute
from chinaets.cbam.goods import parse_goods_rows
from chinaets.cbam.model import CbamProcess, term
from chinaets.cbam.sources.direct import DirectInstallation

YEAR = 2026
CHAIN = (("26011200", "sintered_ore"), ("7201", "pig_iron"), ("72071111", "crude_steel"),
         ("72081000", "iron_steel_products"))  # fmt: skip
emissions = st.floats(min_value=0, max_value=5e6, allow_nan=False)
tonnes = st.floats(min_value=1, max_value=5e6, allow_nan=False)


def run(
    processes: dict[str, dict[str, Any]], rows: list[dict[str, Any]], **options: Any
) -> CbamResult:
    inst = DirectInstallation.model_validate({"name": "p", "year": YEAR, "processes": processes,
                                              "china_obligation_tco2": options.pop("obligation", 0.0)})  # fmt: skip
    goods = parse_goods_rows(list(enumerate(rows, start=2)), "<generated>")
    return compute("direct", inst, goods, CbamOptions(**options))


@settings(max_examples=40, deadline=None)
@given(st.lists(emissions, min_size=4, max_size=4), st.lists(tonnes, min_size=4, max_size=4))
def test_embedded_emissions_add_up_over_the_chain(
    direct: list[float], produced: list[float]
) -> None:
    processes = {
        cat: {"route": "C", "direct_tco2": d} for (_, cat), d in zip(CHAIN, direct, strict=True)
    }
    rows: list[dict[str, Any]] = []
    for i, ((cn, _), q) in enumerate(zip(CHAIN, produced, strict=True)):
        rows.append({"kind": "good", "cn_code": cn, "route": "C", "produced_t": q, "exported_t": 0})
        if i:  # the whole output of the precursor goes into this process
            rows.append({"kind": "precursor", "cn_code": CHAIN[i - 1][0], "origin": "own",
                         "consumed_by": cn, "mass_t": produced[i - 1]})  # fmt: skip
    result = run(processes, rows)
    last = result.processes["iron_steel_products"]
    assert abs(last.embedded_direct_tco2 - sum(direct)) <= 1e-6 * max(1.0, sum(direct))
    assert last.default_see == 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=6))
def test_attributed_emissions_are_additive_and_never_negative(parts: list[float]) -> None:
    process = CbamProcess(
        "crude_steel", "C", ["x"], [term(f"t{i}", v) for i, v in enumerate(parts)]
    )
    assert process.raw_direct_tco2 == sum(parts)
    assert process.direct_tco2 == max(0.0, sum(parts)) >= 0


@settings(max_examples=40, deadline=None)
@given(
    emissions, tonnes, st.floats(min_value=0, max_value=1.5), st.floats(min_value=0, max_value=10),
    st.integers(min_value=2026, max_value=2035), st.floats(min_value=0, max_value=2e6),
    st.floats(min_value=0, max_value=500),
)  # fmt: skip
def test_no_figure_goes_below_zero(
    direct: float,
    produced: float,
    share: float,
    see: float,
    import_year: int,
    allocation: float,
    price: float,
) -> None:
    rows = [
        {"kind": "good", "cn_code": "72071111", "route": "C", "produced_t": produced, "exported_t": produced * share},
        {"kind": "precursor", "cn_code": "7201", "origin": "IN", "consumed_by": "72071111",
         "mass_t": produced * 0.9, "see_direct": see, "basis": "actual"},
    ]  # fmt: skip
    result = run({"crude_steel": {"route": "C", "direct_tco2": direct, "china_covered_tco2": direct}}, rows,
                 obligation=1e6, allocation_tco2=allocation, cea_price_cny=price, import_year=import_year)  # fmt: skip
    (good,) = result.goods
    figures = (good.process.see_total, good.net_actual, good.net_default, good.certificates_actual,
               good.certificates_default, float(good.cost_actual_eur), float(good.cost_default_eur),
               result.price.eur_per_tco2, good.sefa_actual)  # fmt: skip
    assert all(f >= 0 for f in figures), figures


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["7201", "72026000"]), st.booleans(), st.booleans()),
        min_size=1,
        max_size=5,
    )
)
def test_defaults_only_where_data_are_missing(precursors: list[tuple[str, bool, bool]]) -> None:
    rows: list[dict[str, Any]] = [
        {"kind": "good", "cn_code": "72071111", "route": "E", "produced_t": 1000}
    ]
    for cn, has_data, says_default in precursors:
        row = {
            "kind": "precursor",
            "cn_code": cn,
            "origin": "CN",
            "consumed_by": "72071111",
            "mass_t": 10.0,
        }
        if has_data:
            row["see_direct"] = 1.5
        if says_default:
            row["basis"] = "default"
        rows.append(row)
    result = run({"crude_steel": {"route": "E", "direct_tco2": 100.0}}, rows)
    uses = result.processes["crude_steel"].precursors
    for use, (_, has_data, says_default) in zip(uses, precursors, strict=True):
        assert (use.basis == "default") == (says_default or not has_data)
        assert (use.default is not None) == (use.basis == "default")
    defaults_used = any(u.basis == "default" for u in uses)
    assert (result.processes["crude_steel"].default_see > 0) == defaults_used
