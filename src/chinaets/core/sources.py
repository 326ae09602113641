"""Which source pages users are shown (`reputable_sources.yaml`): official or reputable only."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml


@cache
def reputable_domains() -> tuple[str, ...]:
    text = Path(__file__).with_name("reputable_sources.yaml").read_text(encoding="utf-8")
    return tuple(str(d).lower() for d in yaml.safe_load(text)["domains"])


def reputable(url: str) -> bool:
    """True when `url` is on a domain of the list (or a subdomain of one)."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    return bool(host) and any(host == d or host.endswith("." + d) for d in reputable_domains())


def shown_url(url: str) -> str:
    """`url` when users may be sent there, else '' (the publisher's name is shown alone)."""
    return url if reputable(url) else ""
