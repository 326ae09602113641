"""The CEMS queries: DuckDB-dialect SQL files in ``sql/``, written once for every engine.

A clause the same for several columns is written once, between ``-- each NAME in A B C:`` and
``-- end each`` (each on a line of its own): the lines between are repeated for A, B and C with
``{NAME}`` replaced, the copies separated by commas (a list of select expressions). Comment
lines of the block are kept once, above the copies. The engines see the expanded text.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).parent / "sql"


@cache
def query(name: str) -> str:
    return expand((SQL_DIR / f"{name}.sql").read_text(encoding="utf-8"))


_EACH = re.compile(r"^[ \t]*-- each (\w+) in ([\w ]+):\n(.*?)^[ \t]*-- end each\n", re.M | re.S)


def expand(text: str) -> str:
    """`text` with every ``-- each … -- end each`` block repeated for its values."""

    def repeat(block: re.Match[str]) -> str:
        name, values, body = block.groups()
        lines = body.splitlines()
        notes = [line for line in lines if line.lstrip().startswith("--")]
        clause = "\n".join(line for line in lines if not line.lstrip().startswith("--"))
        copies = ",\n".join(clause.replace("{" + name + "}", v) for v in values.split())
        return "".join(f"{line}\n" for line in notes) + copies + "\n"

    return _EACH.sub(repeat, text)
