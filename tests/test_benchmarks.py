"""The benchmark scripts stay runnable: each imports, and the cheap parts run on tiny inputs.

Timings are never asserted here (they belong in benchmarks/RESULTS.md); this only keeps the
scripts from rotting between benchmark runs.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str) -> ModuleType:
    if str(BENCHMARKS) not in sys.path:  # the scripts import their sibling results_file
        sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it runs
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "name", sorted(p.stem for p in BENCHMARKS.glob("*.py") if p.stem != "results_file")
)
def test_benchmark_script_imports_and_has_a_main(name: str) -> None:
    assert callable(getattr(_load(name), "main", None))


def test_settled_trades_run_on_sqlite(tmp_path: Path) -> None:
    rate = _load("matching").settlement(f"sqlite:///{tmp_path / 'bench.db'}", 3)
    assert rate > 0
