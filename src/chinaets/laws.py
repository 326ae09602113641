"""Every law book of the packages: one per sector (found as folders, see `chinaets.mrv.sectors`),
then allocation, compliance, the registry's allowance vintages, CCER, the national targets, the
exchange, CBAM, CEMS and the platform, then any registered at run time. ``chinaets rules
show|test`` and the worked-case tests read the books here.

This catalogue sits above the domain packages (it imports them) and below the shells; the rules
engine (`chinaets.rules.lawbook.LawBook`) imports none of them. A new package with law of its own
adds its book to `_package_books`.
"""

from __future__ import annotations

from chinaets.core.errors import InputError, Location
from chinaets.rules.lawbook import LawBook

_registered: dict[str, LawBook] = {}


def register(book: LawBook) -> None:
    """Add a book at run time (a plugin's, a test's)."""
    _registered[book.name] = book


def _package_books() -> list[LawBook]:
    from chinaets.allocation import cases as allocation
    from chinaets.cbam import cases as cbam
    from chinaets.ccer import cases as ccer
    from chinaets.cems import cases as cems
    from chinaets.compliance import cases as compliance
    from chinaets.market import cases as market
    from chinaets.mrv.inclusion import cases as inclusion
    from chinaets.national.targets import cases as targets
    from chinaets.platform import rules as platform
    from chinaets.registry import vintages as registry

    books = (
        allocation,
        compliance,
        registry,
        ccer,
        targets,
        market,
        inclusion,
        cbam,
        cems,
        platform,
    )
    return [m.LAW_BOOK for m in books]


def law_books() -> dict[str, LawBook]:
    """Every book by name: the sectors' first (in listing order), then the packages'."""
    from chinaets.mrv.sectors import sectors

    books = [s.law_book for s in sectors().values()] + _package_books()
    out = {book.name: book for book in books}
    out.update(_registered)
    return out


def get_law_book(name: str) -> LawBook:
    known = law_books()
    if name not in known:
        raise InputError.one(
            Location(field="suite"),
            f"unknown body of rules '{name}'",
            f"未知规则集 '{name}'",
            f"use one of: {', '.join(known)}",
            f"请使用：{'、'.join(f'{b.zh}（{n}）' for n, b in known.items())}",
        )
    return known[name]
