"""Users are sent only to official or reputable source pages."""

from __future__ import annotations

from chinaets.core.sources import reputable, shown_url
from chinaets.national.targets.indicators import load_observations
from chinaets.web.sources import market_facts


def test_only_reputable_pages_are_linked() -> None:
    linked = [f["source_url"] for f in market_facts()] + [o.url for o in load_observations()]
    assert all(reputable(url) for url in linked if url)
    assert any(linked)  # the official ones still are


def test_the_domain_list_matches_whole_domains() -> None:
    assert reputable("https://www.mee.gov.cn/xxgk2018/")
    assert reputable("https://www.stats.gov.cn/sj/zxfb/")
    assert not reputable("https://gov.cn.example.com/")
    assert not reputable("http://xy.m2qu.com/a.html")
    assert shown_url("https://ducksell.com/p/46440.html") == ""
