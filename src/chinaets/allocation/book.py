"""The allocation law book: the plans' dated, cited parameters and worked cases. Its own module
so that the methods (`methods`, which say which years a plan covers) and the rules (`rules`,
which look values up for a data year) read the one book without importing each other."""

from __future__ import annotations

from pathlib import Path

from chinaets.rules.lawbook import LawBook

LAW = LawBook("allocation", "配额分配", Path(__file__).resolve().parent)
parameters = LAW.parameters
