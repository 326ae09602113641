"""Source adapters: a Chinese accounting result in, the installation's CBAM processes out.

Each adapter module handles the results of one MRV sector and says which (``SECTOR_NAME``); the
bridge finds the adapter by the `Sector`'s name, so no CBAM code branches on a sector. An adapter
gets the categories the goods file declares (and the file), so that it can host the downstream processes
(cement grinding, rolling, casting) the Chinese perimeter does not separate.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from chinaets.cbam.goods import GoodsInput
from chinaets.cbam.law import CbamLaw
from chinaets.cbam.model import Installation
from chinaets.core.errors import InputError, Location

Adapter = Callable[[Any, set[str], GoodsInput, CbamLaw], Installation]
ADAPTERS = {
    "steel": "chinaets.cbam.sources.steel",
    "aluminium": "chinaets.cbam.sources.aluminium",
    "cement": "chinaets.cbam.sources.cement",
    "direct": "chinaets.cbam.sources.direct",
}
"""MRV sector name -> adapter module (with ``to_installation``); a plug-in adds its own."""


def adapter_for(sector: str) -> Adapter:
    module = ADAPTERS.get(sector)
    if module is None:
        raise InputError.one(
            Location(field="sector"),
            f"the CBAM bridge has no mapping for sector '{sector}' (CBAM covers cement, iron and "
            "steel, aluminium, fertilisers, hydrogen, electricity)",
            f"CBAM 衔接模块不支持行业 '{sector}'",
            f"use a report of one of: {', '.join(ADAPTERS)}",
            f"请使用以下行业的报告：{'、'.join(ADAPTERS)}",
        )
    adapter: Adapter = importlib.import_module(module).to_installation
    return adapter
