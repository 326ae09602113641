"""What the Chinese walk looks for: English words, internal names and Python reprs in output
that should read in Chinese (an allow-list keeps codes, units and proper names)."""

from __future__ import annotations

import html
import re

WORD = re.compile(r"(?<![\w./:-])[A-Za-z][a-z]{2,}(?![\w./:-])")
SNAKE = re.compile(r"(?<![\w./-])[a-z]+(?:_[a-z0-9]+)+(?![\w/-])")
REPRS = re.compile(r"\bNone\b|\{'|\['|\bTrue\b|\bFalse\b|Decimal\(|datetime\.|<[a-z.]+ object")
ALLOWED = frozenset(
    [
        # units as printed beside Chinese labels
        "tCO", "MWh", "kWh", "Nm", "tce", "km",
        # names and codes that read the same in Chinese text
        "chinaets", "Excel", "JSON", "CSV", "SVG", "OpenAPI", "SQLite", "DuckDB", "PostgreSQL", "Our", "World", "Data",
        "demo", "root", "system",
        # sector codes a user types (`chinaets template power`)
        "power", "steel", "cement", "aluminium", "petrochemicals", "chemicals", "copper",
        "paper", "aviation", "flat_glass",
    ]
)  # fmt: skip
# scripts, styles, and what the page marks as English by origin (a cited source's title, a
# proper name registered in English, the link to the English page): not translatable text
_HIDDEN = re.compile(r'<(script|style)\b.*?</\1>|<(\w+)\b[^>]*\blang="en"[^>]*>.*?</\2>', re.S)
_TAGS = re.compile(r"<[^>]+>")


def untranslated(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """English words (not allowed) and internal names or reprs found in `text`."""
    words = [w for w in WORD.findall(text) if w not in ALLOWED | allowed]
    names = [n for n in SNAKE.findall(text) if n not in ALLOWED | allowed]
    return words + names + REPRS.findall(text)


def page_text(page: str) -> str:
    """The text a reader sees on an HTML page (no tags, scripts or styles)."""
    return html.unescape(_TAGS.sub(" ", _HIDDEN.sub(" ", page)))
