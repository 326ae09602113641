"""The Chinese terms of enumerated values (`terms.yaml`): what users read and may type.

`zh_term(code)` gives the term a page, table or template shows; `code_for(text, codes)` reads
back what a user typed (the code itself, its Chinese term, or "term code" as a drop-down shows
it) into the code, or None when it is none of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import yaml

from chinaets.core.yamlfile import UniqueKeyLoader


@cache
def terms() -> Mapping[str, str]:
    text = Path(__file__).with_name("terms.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=UniqueKeyLoader)  # a safe loader: one term per code
    return {str(code): str(term) for code, term in data.items()}


def zh_term(code: str, own: Mapping[str, str] | None = None) -> str:
    """The Chinese term of `code` (a field's `own` terms first); the code itself if none."""
    return (own or {}).get(code) or terms().get(code, code)


def choice_label(code: str, own: Mapping[str, str] | None = None) -> str:
    """How a drop-down offers `code`: "纯凝 condensing" (the code alone when it has no term)."""
    term = zh_term(code, own)
    return code if term == code else f"{term} {code}"


def code_for(text: str, codes: Iterable[str], own: Mapping[str, str] | None = None) -> str | None:
    """The code among `codes` that `text` names (code, Chinese term or drop-down label)."""
    wanted = text.strip()
    for code in codes:
        if wanted.casefold() in {
            code.casefold(),
            zh_term(code, own).casefold(),
            choice_label(code, own).casefold(),
        }:
            return code
    return None
