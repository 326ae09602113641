"""A law book loads its folder's parameters once, extends a base book (its own files winning),
lists its worked cases, and every package's book is in the catalogue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chinaets import laws
from chinaets.core.errors import InputError, RulesError
from chinaets.laws import get_law_book, law_books, register
from chinaets.rules.lawbook import LawBook


def _parameter(folder: Path, name: str, value: float, start: str = "2024-01-01") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yaml").write_text(
        f"description: {name}\nunit: '1'\nvalues:\n  {start}:\n    value: {value}\n"
        "    reference: test\n",
        encoding="utf-8",
    )


def test_a_book_extends_its_base_and_wins_on_a_name(tmp_path: Path) -> None:
    _parameter(tmp_path / "shared" / "parameters", "oxidation", 0.98)
    _parameter(tmp_path / "shared" / "parameters", "decimals", 2)
    _parameter(tmp_path / "toy" / "parameters", "decimals", 4)
    shared = LawBook("shared", "共用", tmp_path / "shared")
    toy = LawBook("toy", "玩具", tmp_path / "toy", base=shared)
    at = toy.at(dt.date(2025, 1, 1))
    assert at("oxidation") == 0.98 and at("decimals") == 4
    assert shared.at(dt.date(2025, 1, 1))("decimals") == 2
    assert toy.parameters() is toy.parameters()  # loaded once


def test_a_book_without_cases_has_none_and_cannot_compute(tmp_path: Path) -> None:
    _parameter(tmp_path / "parameters", "x", 1)
    book = LawBook("bare", "无算例", tmp_path)
    assert book.cases() == [] and book.has_parameters()
    with pytest.raises(RulesError):
        book.compute({})


def test_the_catalogue_has_every_package_and_sector() -> None:
    books = law_books()
    assert {"power", "steel", "cement", "aluminium"} <= set(books)
    assert {"allocation", "compliance", "ccer", "targets", "market"} <= set(books)
    assert all(b.has_parameters() for b in books.values())
    shared = books["cement"].parameters()
    assert set(books["steel"].parameters()) & set(shared)  # both extend the industrial book


def test_registered_books_join_and_unknown_names_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(laws, "_registered", {})
    _parameter(tmp_path / "parameters", "x", 1)
    register(LawBook("plugin", "插件", tmp_path))
    assert get_law_book("plugin").parameters()["x"].name == "x"
    with pytest.raises(InputError) as caught:
        get_law_book("nonexistent")
    assert "未知规则集" in caught.value.problems[0].zh
