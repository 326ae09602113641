"""The trading rules as a law book for ``chinaets rules show market``. There are no worked
cases here: the exchange's behaviour is tested by its doctests and tests."""

from __future__ import annotations

from chinaets.market.rules import LAW

LAW_BOOK = LAW
