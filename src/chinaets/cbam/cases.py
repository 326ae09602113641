"""The CBAM worked cases as a suite of ``chinaets rules test`` (suite ``cbam``).

A case's input holds the goods file as rows (``goods``), the options (``options``) and either a
Chinese report (``sector`` and ``report``, accounted by that sector) or an installation given in
CBAM terms (``installation``, see `chinaets.cbam.sources.direct`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chinaets.cbam.law import LAW
from chinaets.core.errors import InputError, Location

if TYPE_CHECKING:
    from chinaets.cbam.bridge import CbamResult


def compute_case(data: dict[str, Any]) -> dict[str, Any]:
    return case_result(data).as_dict()


def case_result(data: dict[str, Any]) -> CbamResult:
    """A case's result (its trace too, for the Chinese-trace tests)."""
    from chinaets.cbam.bridge import CbamOptions, compute
    from chinaets.cbam.goods import parse_goods_rows
    from chinaets.cbam.sources.direct import DirectInstallation

    goods = parse_goods_rows(list(enumerate(data.get("goods") or [], start=2)), "<case>")
    options = CbamOptions(**(data.get("options") or {}))
    if "report" in data:
        from chinaets.mrv.sectors import get_sector

        sector = get_sector(str(data.get("sector", "")))
        result = sector.account(sector.parse(data["report"], "<case>"))
        return compute(sector.name, result, goods, options)
    if "installation" not in data:
        raise InputError.one(Location(field="installation"), "a case needs 'installation' or "
                             "'report'", "案例须含 installation 或 report")  # fmt: skip
    installation = DirectInstallation.model_validate({"year": data["year"], **data["installation"]})
    return compute("direct", installation, goods, options)


LAW_BOOK = LAW.computing(compute_case)
