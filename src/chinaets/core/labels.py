"""Bilingual labels of figures (`labels.yaml`), the language a user reads, and enumerated states.

`label(key, lang)` is what a table header, a workbook column or a page shows for a result key:
the Chinese label, the English one, or both ("zh en"), never the bare key unless nothing names it.
"""

from __future__ import annotations

import locale
import os
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

from chinaets.core.terms import zh_term

Lang = Literal["zh", "en", "both"]
LANG_ENV = "CHINAETS_LANG"
LANGS: dict[str, Lang] = {"zh": "zh", "en": "en", "both": "both"}

_UNITS = {  # key suffix -> unit as printed (longest suffixes first)
    "_t_per_mwh": "tCO2/MWh", "_tco2e": "tCO2e", "_tco2": "tCO2", "_mwh": "MWh", "_gj": "GJ",
    "_mw": "MW", "_pct": "%", "_cny": "CNY", "_t": "t",
}  # fmt: skip


@cache
def _labels() -> Mapping[str, tuple[str, str]]:
    data = yaml.safe_load(Path(__file__).with_name("labels.yaml").read_text(encoding="utf-8"))
    return {str(k): (str(v[0]), str(v[1])) for k, v in data.items()}


def english(key: str) -> str:
    """The English label of `key`: from the glossary, else spelt out with its unit."""
    if key in _labels():
        return _labels()[key][1]
    for suffix, unit in _UNITS.items():
        if key.endswith(suffix) and len(key) > len(suffix):
            return f"{key[: -len(suffix)].replace('_', ' ')} ({unit})"
    return key.replace("_", " ")


def chinese(key: str, own: Mapping[str, str] | None = None) -> str:
    """The Chinese label of `key` (a sector's `own` labels first); '' when none is known."""
    return (own or {}).get(key) or _labels().get(key, ("", ""))[0]


def label(key: str, lang: Lang, own: Mapping[str, str] | None = None) -> str:
    zh, en = chinese(key, own), english(key)
    if lang == "zh":
        return zh or en
    if lang == "en":
        return en
    return f"{zh} {en}" if zh else en


def bilingual(en: str, zh: str, lang: Lang) -> str:
    """A sentence written in both languages, as `lang` reads it ("en / zh" for both)."""
    return {"zh": zh, "en": en}.get(lang, f"{en} / {zh}")


def translated(en: str, zh: str, lang: Lang) -> str:
    """A text with an optional Chinese form (a law book's or data file's `_zh` field), as `lang`
    reads it: the English where no Chinese was written."""
    return bilingual(en, zh, lang) if zh else en


_LAST_CJK = re.compile(r"^(.*[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


def chinese_half(name: str) -> str:
    """The Chinese half of a name registered as "中文 English" ("SEEE 交易结算账户 clearing
    account" -> "SEEE 交易结算账户"): up to its last Chinese character; the name if none."""
    found = _LAST_CJK.match(name)
    return found.group(1) if found else name


def term(code: str, lang: Lang) -> str:
    """An enumerated value (a state, a category, a fuel code) as `lang` reads it."""
    zh = zh_term(code)
    if lang == "zh" or (lang == "both" and zh == code):
        return zh
    return code.replace("_", " ") if lang == "en" else f"{zh} {code.replace('_', ' ')}"


def default_lang() -> Lang:
    """`CHINAETS_LANG`, else the locale (zh_* → Chinese, en_* → English), else both."""
    chosen = os.environ.get(LANG_ENV, "").strip().lower()
    if chosen in LANGS:
        return LANGS[chosen]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable) or ""
        if value:
            return (
                "zh"
                if value.lower().startswith("zh")
                else "en"
                if value.startswith("en")
                else "both"
            )
    found = locale.getlocale()[0] or ""
    return "zh" if found.lower().startswith("zh") else "both"
