"""The DuckDB engine: Parquet and Arrow registration (replacing each other), and queries from
several threads at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from chinaets.analytics.engine import open_engine


def test_parquet_under_a_quoted_path_and_arrow_replace_each_other(tmp_path: Path) -> None:
    folder = tmp_path / "it's here" / "t" / "year=2025"
    folder.mkdir(parents=True)
    pq.write_table(pa.table({"v": [1.0, 2.0]}), folder / "part-0.parquet")
    engine = open_engine()
    engine.register_parquet("t", tmp_path / "it's here" / "t")
    rows = engine.query("SELECT year, sum(v) AS v FROM t GROUP BY year").to_pylist()
    assert rows == [{"year": 2025, "v": 3.0}]
    engine.register_arrow("t", pa.table({"v": [5.0]}))
    assert engine.query("SELECT sum(v) AS v FROM t").to_pylist() == [{"v": 5.0}]
    engine.register_parquet("t", tmp_path / "it's here" / "t")
    assert engine.query("SELECT count(*) AS n FROM t").to_pylist() == [{"n": 2}]
    engine.close()


def test_queries_from_several_threads_see_the_registered_tables() -> None:
    engine = open_engine()
    engine.register_arrow("numbers", pa.table({"n": list(range(1000))}))

    def total(_: int) -> int:
        return int(
            engine.query("SELECT sum(n) AS s FROM numbers WHERE n >= $low", {"low": 0}).to_pylist()[
                0
            ]["s"]
        )

    with ThreadPoolExecutor(4) as pool:
        assert set(pool.map(total, range(40))) == {499500}
    engine.close()
