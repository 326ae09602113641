"""The CBAM law as data: every parameter loads, the default values equal the shipped data set,
and lookups follow the CN hierarchy."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from chinaets.cbam import law as law_module
from chinaets.cbam.law import CbamLaw, first_import_year, normalise_cn, parameters
from chinaets.core.errors import RulesError
from chinaets.rules.lawbook import LawBook


def test_every_parameter_is_dated_and_cited() -> None:
    params = parameters()
    assert len(params) >= 20
    for name in params:
        for dated in params[name].values:
            assert dated.reference, name


def test_default_values_equal_the_data_set() -> None:
    text = (
        resources.files("chinaets.data.cbam").joinpath("default_values_cn.json").read_text("utf-8")
    )
    rows = json.loads(text)["values"]
    table = parameters()["default_value_cn"].values[0].value
    assert len(table) == len(rows) == 232
    for row in rows:
        cell = table[row["cn_code"]]
        assert cell["route"] == (row["route"] or "-")
        if row["total"] is None:
            assert cell["total"] == "-"
        else:
            assert cell["total"] == row["total"] and cell["direct"] == row["direct"]
            assert cell.get("indirect") == row["indirect"]


def test_categories_and_indirect_scope() -> None:
    law = CbamLaw(2026, 2025)
    assert law.category("72083900") == "iron_steel_products"
    assert law.category("72021100") == "ferro_alloys"
    assert law.category("72023000") is None  # silicomanganese: not a CBAM good
    assert law.category("72044100") is None  # scrap
    assert law.category("2523100090") == "cement_clinker"
    assert law.indirect_counted("cement").value is True
    assert law.indirect_counted("unwrought_aluminium").value is False
    assert law.indirect_counted("sintered_ore").value is True


def test_default_value_lookup_and_fallback() -> None:
    law = CbamLaw(2026, 2025)
    used, route = law.default_value("72083900", "C")
    assert used.value == 3.187 and route == "C"
    clinker, route = law.default_value("25231000", "A")  # 8-digit CN: the TARIC row of the route
    assert clinker.value == 1.39 and route == "A"
    dri, _ = law.default_value("7203", "-")  # China has no value: "Other countries"
    assert dri.value == 1.325 and dri.parameter.name == "default_value_other"
    assert law.markup("iron_steel_products").value == 0.1
    assert CbamLaw(2028, 2027).markup("cement").value == 0.3


def test_benchmarks_cbam_factor_and_price() -> None:
    law = CbamLaw(2026, 2025, quarter=2)
    assert law.benchmark("A", "72081000", "iron_steel_products", "C").value == 0.044
    assert law.benchmark("B", "72083900", "iron_steel_products", "C").value == 1.370
    fallback = law.benchmark("B", "72191100", "iron_steel_products", "C")
    assert fallback.parameter.name == "benchmark_fallback" and fallback.dated.uncertain
    assert law.cbam_factor().value == 0.975 and CbamLaw(2034, 2033).cbam_factor().value == 0
    assert law.certificate_price().value == 75.28


def test_before_the_definitive_period_is_refused() -> None:
    assert first_import_year() == 2026
    with pytest.raises(RulesError, match="2026"):
        CbamLaw(2025, 2025)


def test_the_first_import_year_is_read_from_the_key_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "parameters").mkdir()
    dates = (law_module.PARAMETERS_DIR / "dates.yaml").read_text("utf-8")
    moved = dates.replace(
        'definitive_period_start: "2026-01-01"', 'definitive_period_start: "2027-01-01"'
    )
    assert moved != dates
    (tmp_path / "parameters" / "dates.yaml").write_text(moved, "utf-8")
    monkeypatch.setattr(law_module, "LAW", LawBook("cbam", "CBAM", tmp_path))
    assert first_import_year() == 2027


def test_normalise_cn() -> None:
    assert normalise_cn("7208 39 00") == "72083900"
