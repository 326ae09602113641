"""The `engine` fixture: every analytics test runs on DuckDB and on Spark (``local[2]``).

One Spark session serves the whole run. Without Java the Spark cases are skipped with the reason
in the summary, except under CI (``CI=true``), where a missing Java fails the run instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from chinaets.analytics.engine import DuckDBEngine, Engine

SPARK_MASTER = os.environ.get("CHINAETS_TEST_SPARK_MASTER", "local[2]")


def java_problem() -> str | None:
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime (install openjdk-17-jre-headless) — Spark engine tests SKIPPED"
    return None


@pytest.fixture(scope="session")
def spark_engine() -> Iterator[Engine]:
    problem = java_problem()
    if problem is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI: {problem}")
        pytest.skip(problem)
    from chinaets.analytics.spark import SparkEngine

    engine = SparkEngine(SPARK_MASTER)
    yield engine
    engine.close()


@pytest.fixture(params=["duckdb", "spark"])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A fresh DuckDB engine, or the run's Spark engine (tables registered per test)."""
    if request.param == "spark":
        yield request.getfixturevalue("spark_engine")
        return
    duck = DuckDBEngine()
    yield duck
    duck.close()


def rows(table: Any) -> list[dict[str, Any]]:
    """Rows of an Arrow result, for comparing the engines."""
    return list(table.to_pylist())
