"""The README's tour runs exactly as written, line by line, on a fresh demo.

The tour block is given to ``bash -e`` verbatim, as one script (so an ``export`` carries on, as
in the user's shell), in a scratch folder that holds a copy of ``examples/`` (the tour's relative
paths), with the project's ``chinaets`` first on the PATH — as a new user who ran ``make demo``
and ``. .venv/bin/activate`` would. The first line that fails stops the script; its trace shows
which.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def tour_lines() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```sh", readme.index("## A short tour")) + len("```sh")
    block = readme[start : readme.index("```", start)]
    lines = [line.strip() for line in block.splitlines()]
    return [line for line in lines if line and not line.startswith(("#", ". "))]


def test_the_tour_has_no_placeholders() -> None:
    for line in tour_lines():
        command = line.split("  #")[0]
        assert "…" not in command and "<" not in command, f"not runnable as written: {line}"


def test_the_tour_runs_verbatim(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
           "COLUMNS": "120", "CHINAETS_LANG": "both"}  # fmt: skip
    env.pop("CHINAETS_DB_URL", None)
    script = "set -euo pipefail\n" + "\n".join(tour_lines()) + "\n"
    done = subprocess.run(
        ["bash", "-x", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=1800,
    )  # fmt: skip
    assert done.returncode == 0, f"{done.stdout[-3000:]}\n{done.stderr[-4000:]}"
