"""A corpus of broken goods files: each is refused with a bilingual message that names the file,
the row and the column, and says how to fix it."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from chinaets.cbam.bridge import compute
from chinaets.cbam.goods import load_goods
from chinaets.core.errors import InputError
from chinaets.mrv.sectors import get_sector
from chinaets.mrv.steel.results import EntityResult

HERE = Path(__file__).parent / "bad_inputs"
EXAMPLES = Path(__file__).parents[2] / "examples"
EXPECTED: dict[str, dict[str, object]] = yaml.safe_load((HERE / "expected.yaml").read_text("utf-8"))
CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def steel_2024() -> EntityResult:
    sector = get_sector("steel")
    result: EntityResult = sector.account(sector.load(EXAMPLES / "steel-report-2024.json", None))
    return result


def test_corpus_is_complete() -> None:
    files = {p.name for p in HERE.glob("*.csv")}
    assert files == set(EXPECTED), files ^ set(EXPECTED)
    assert len(files) >= 10


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_goods_file_is_refused_clearly(name: str) -> None:
    expected = EXPECTED[name]
    with pytest.raises(InputError) as caught:
        compute("steel", steel_2024(), load_goods(HERE / name))
    message = caught.value.render()
    assert str(expected["says"]) in message
    assert name in message
    assert CJK.search(message), "the message must also be in Chinese"
    problem = next(p for p in caught.value.problems if str(expected["says"]) in p.en)
    if "row" in expected:
        assert problem.where.row == expected["row"], message
        assert problem.where.field == expected["field"], message
    assert problem.fix_en and problem.fix_zh, "every problem says how to fix it"
