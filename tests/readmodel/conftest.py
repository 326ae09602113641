"""Summaries of the four example reports, and a read model built from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from chinaets.allocation.categories import categorised
from chinaets.mrv.sectors import Intensity, PerimeterUnit, Summary, get_sector
from chinaets.national.readmodel import ReadModel, build_read_model

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILES = {
    "power": "power-report-2023.json",
    "cement": "cement-report-2025.json",
    "aluminium": "aluminium-report-2025.json",
    "steel": "steel-report-2024.json",
}


def toy_summary(code: str = "91110000TOYSECTOR1", year: int = 2025) -> Summary:
    """A sector no folder of chinaets defines (as one found through CHINAETS_SECTOR_PATH)."""
    return Summary(
        sector="toy", year=year, credit_code=code, name="玩具示例", province="北京",
        total_emissions_t=1000.0, obligation_t=0.0,
        perimeter=(PerimeterUnit("K1", "installation", 1000.0, 50.0, "t"),),
        intensity=Intensity(1000.0, 50.0, "t", "吨"), values={"output_t": 50.0},
    )  # fmt: skip


@pytest.fixture(scope="session")
def example_summaries() -> list[Summary]:
    out = []
    for sector, file in FILES.items():
        s = get_sector(sector)
        assert s.summary is not None
        report = s.load(EXAMPLES / file, None)
        result = s.account(report)
        out.append(categorised(s.summary(result), report, result))
    return [*out, toy_summary()]


@pytest.fixture(scope="session")
def model_dir(example_summaries: list[Summary], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readmodel")
    build_read_model(example_summaries, folder)
    return folder


@pytest.fixture
def model(model_dir: Path) -> ReadModel:
    return ReadModel.open(model_dir)
