"""What the Chinese walk looks for: English words, internal names and Python reprs in output
that should read in Chinese (an allow-list keeps codes, units and proper names)."""

from __future__ import annotations

import re

WORD = re.compile(r"(?<![\w./-])[A-Za-z][a-z]{2,}(?![\w/-])")
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
REPRS = re.compile(r"\bNone\b|\{'|\['|\bTrue\b|\bFalse\b|Decimal\(|datetime\.|<[a-z.]+ object")
ALLOWED = frozenset(
    # units and unit-like abbreviations as printed beside Chinese labels
    "tCO MWh GJ Nm kWh km Mt".split()
    # codes and names that are the same in Chinese text: standards, bodies, schemes, products
    + "HJ IPCC CEMS CCER CEA MEE SEEE NBS ICAP CBAM CN EU GB AR SAR Excel JSON CSV SVG API "
    "REST OpenAPI SQLite DuckDB PostgreSQL chinaets Global Energy Monitor".split()
)


def untranslated(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """English words (not allowed) and internal names or reprs found in `text`."""
    words = [w for w in WORD.findall(text) if w not in ALLOWED | allowed]
    return words + SNAKE.findall(text) + REPRS.findall(text)
