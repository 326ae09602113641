"""Provinces of mainland China (the provincial-level divisions that run the ETS locally)."""

from __future__ import annotations

# English name -> (Chinese name, GB/T 2260 two-digit code)
PROVINCES: dict[str, tuple[str, str]] = {
    "Beijing": ("北京", "11"), "Tianjin": ("天津", "12"), "Hebei": ("河北", "13"),
    "Shanxi": ("山西", "14"), "Inner Mongolia": ("内蒙古", "15"), "Liaoning": ("辽宁", "21"),
    "Jilin": ("吉林", "22"), "Heilongjiang": ("黑龙江", "23"), "Shanghai": ("上海", "31"),
    "Jiangsu": ("江苏", "32"), "Zhejiang": ("浙江", "33"), "Anhui": ("安徽", "34"),
    "Fujian": ("福建", "35"), "Jiangxi": ("江西", "36"), "Shandong": ("山东", "37"),
    "Henan": ("河南", "41"), "Hubei": ("湖北", "42"), "Hunan": ("湖南", "43"),
    "Guangdong": ("广东", "44"), "Guangxi": ("广西", "45"), "Hainan": ("海南", "46"),
    "Chongqing": ("重庆", "50"), "Sichuan": ("四川", "51"), "Guizhou": ("贵州", "52"),
    "Yunnan": ("云南", "53"), "Tibet": ("西藏", "54"), "Shaanxi": ("陕西", "61"),
    "Gansu": ("甘肃", "62"), "Qinghai": ("青海", "63"), "Ningxia": ("宁夏", "64"),
    "Xinjiang": ("新疆", "65"),
}  # fmt: skip

_BY_ZH = {zh: en for en, (zh, _) in PROVINCES.items()}
_BY_LOWER = {en.lower(): en for en in PROVINCES}


def normalise_province(name: str) -> str | None:
    """The English name of a province given in English (any case) or Chinese, else None."""
    name = name.strip()
    if name in _BY_ZH:
        return _BY_ZH[name]
    for suffix in ("省", "市", "自治区", "壮族自治区", "回族自治区", "维吾尔自治区"):
        if name.endswith(suffix) and name[: -len(suffix)] in _BY_ZH:
            return _BY_ZH[name[: -len(suffix)]]
    return _BY_LOWER.get(name.lower())
