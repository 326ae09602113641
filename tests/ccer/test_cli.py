"""`chinaets ccer …` through Typer: the demo, listings, and a refused step with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from chinaets.cli import ccer_cmds

app = typer.Typer()
ccer_cmds.register(app)


@app.callback()
def _root() -> None:
    """chinaets (test shell)"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["ccer", *args])
    return result.exit_code, result.output


def test_demo_then_listings_and_refusal(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    code, out = run("demo", "--seed", "3", "--db", db, "--json")
    assert code == 0, out
    summary = json.loads(out)
    assert summary["legacy_import"]["added"] == 3305
    assert [p["project"] for p in summary["projects"]] == ["PRJ2024001", "PRJ2024002", "PRJ2024003"]
    code, out = run("public", "issued_reductions", "--db", db, "--json")
    assert code == 0 and len(json.loads(out)) == 3
    code, out = run("stats", "--db", db, "--json")
    stats = json.loads(out)
    assert stats["projects_registered"] == 3 and stats["ccer_issued_t"] == sum(p["issued_t"] for p in summary["projects"])  # fmt: skip
    code, out = run(
        "reduction", "step", "PRJ2024001-M01", "issue", "--on", "2025-12-01", "--db", db
    )
    assert code == 2 and "not allowed now" in out and "不能执行" in out


def test_calc_with_trace(tmp_path: Path) -> None:
    data = {
        "methodology": "CCER-01-001-V01", "period_start": "2025-01-01",
        "project": {"grid": "northwest", "capacity_mw": 100, "grid_connection_date": "2024-09-30"},
        "monitoring": {"meters": [{"direction": "export", "mwh": 300000}, {"direction": "import", "mwh": 3000}],
                       "fuels": [{"fuel": "natural_gas", "quantity": 120, "ncv": 389.31, "carbon_content": 0.01532, "oxidation": 0.99}]},
    }  # fmt: skip
    path = tmp_path / "csp.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out = run("calc", str(path), "--json")
    assert code == 0 and json.loads(out)["creditable_t"] == 228861
    code, out = run("calc", str(path), "--trace")
    assert code == 0 and "EF_CM,y" in out and "UNCERTAIN" in out
