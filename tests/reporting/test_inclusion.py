"""The inclusion test for the 2027 list: its worked cases, and decisions on real summaries."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chinaets.laws import law_books
from chinaets.mrv.inclusion.cases import LAW_BOOK
from chinaets.mrv.inclusion.listing import CaptivePlant, decide, parameters
from chinaets.mrv.sectors import Summary, sectors
from chinaets.rules.cases import load_cases, run_case

SUITE = LAW_BOOK
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_suite_is_registered_for_rules_test() -> None:
    assert "inclusion" in law_books()


@pytest.mark.parametrize("case", load_cases(SUITE.cases_dir), ids=lambda c: c.name)
def test_worked_case(case: object) -> None:
    outcome = run_case(case, SUITE.compute)  # type: ignore[arg-type]
    assert outcome.passed, "\n".join(outcome.mismatches)


def test_at_least_four_cases_and_the_threshold_is_a_cited_parameter() -> None:
    assert len(load_cases(SUITE.cases_dir)) >= 4
    threshold = parameters()["inclusion_threshold_tco2e"].values[-1]
    assert threshold.value == 26000 and "2027" in threshold.reference


def test_every_example_enterprise_reports_with_a_bilingual_reason() -> None:
    summaries = []
    for name, spec in sectors().items():
        if spec.status != "reporting" or spec.summary is None:
            continue
        path = EXAMPLES / f"{name.replace('_', '-')}-report-2025.json"
        summaries.append(spec.summary(spec.account(spec.load(path, None))))
    decisions = decide(summaries, 2025)
    assert len(decisions) == 6
    for d in decisions:
        assert d.list == "reporting", d
        assert "not yet trading" in d.en and "尚未纳入交易" in d.zh


def _summary(sector: str, code: str, tco2: float) -> Summary:
    return Summary(sector, 2025, code, code, "", tco2, tco2)


def test_the_host_sectors_come_from_the_parameter_not_the_code() -> None:
    hosts = parameters()["captive_host_sectors"].values[-1].value
    assert set(hosts) == {"steel", "cement", "aluminium"}
    toy = {"toy_host": "trading", "toy_plant": "trading"}
    links = [CaptivePlant("P", "H", True)]
    [_, plant] = decide(
        [_summary("toy_host", "H", 1e6), _summary("toy_plant", "P", 1e5)],
        2025,
        links,
        status_of=toy.__getitem__,
    )
    assert plant.listed_sector == "toy_plant"  # toy_host is not a host sector


def test_cli_decides_over_report_files() -> None:
    import json

    from typer.testing import CliRunner

    from chinaets.cli.main import app

    files = [str(EXAMPLES / f"{s}-report-2025.json") for s in ("paper", "aviation")]
    result = CliRunner().invoke(app, ["inclusion", *files, "--json"])
    assert result.exit_code == 0, result.output
    assert [d["list"] for d in json.loads(result.output)] == ["reporting", "reporting"]
    bad = CliRunner().invoke(app, ["inclusion", files[0], "--captive", "no-colon"])
    assert bad.exit_code == 2 and "PLANT_CODE:HOST_CODE" in bad.output and "冒号" in bad.output


SECTORS = ["steel", "cement", "aluminium", "paper", "aviation", "chemicals"]


@settings(max_examples=60, deadline=None)
@given(
    sector=st.sampled_from(SECTORS),
    tco2=st.floats(0, 1e6),
    extra=st.floats(0, 1e6),
    energy=st.floats(0, 1e5),
)
def test_more_emissions_never_take_an_enterprise_off_its_list(
    sector: str, tco2: float, extra: float, energy: float
) -> None:
    def decision(t: float) -> str:
        s = Summary(sector, 2025, "X", "X", "", t, 0.0, values={"energy_tce": energy})
        return decide([s], 2025)[0].list

    before, after = decision(tco2), decision(tco2 + extra)
    assert before == "none" or after == before
    assert (before != "none") == (
        tco2 >= 26000 or (sectors()[sector].status == "reporting" and energy >= 10000)
    )
