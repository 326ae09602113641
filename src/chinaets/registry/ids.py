"""Identifiers of account holders: unified social credit codes, province codes, exchanges.

Account ids (one account per holder and kind)::

    MEE            the Ministry of Ecology and Environment's issuing account (生态环境部签发账户)
    PRV-<pp>       a provincial authority's issuing account; pp = GB/T 2260 two-digit code
    ENT-<uscc>     an enterprise holding account; uscc = 18-character unified social credit code
    CLR-<code>     an exchange clearing account, e.g. CLR-SEEE
    CANCELLED      the cancellation account: surrendered and cancelled units end here
    SUPPLY         the contra account of issuance (holds nothing; its balance is −issued)
"""

from __future__ import annotations

import re

from chinaets.core.errors import InputError, Location

# GB 32100-2015: 18 characters from this alphabet; the last is a check character.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB/T 2260 first-level divisions (provinces, autonomous regions, municipalities, SARs).
PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)
EXCHANGE_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")
MEE_ACCOUNT, CANCELLATION_ACCOUNT, SUPPLY_ACCOUNT = "MEE", "CANCELLED", "SUPPLY"


def uscc_check_char(first17: str) -> str:
    """The GB 32100-2015 check character of the first 17 characters of a credit code."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def is_uscc(code: str) -> bool:
    return (
        len(code) == 18
        and all(c in USCC_ALPHABET for c in code)
        and uscc_check_char(code[:17]) == code[17]
    )


def check_uscc(code: str, field: str = "entity") -> str:
    if not is_uscc(code):
        raise InputError.one(
            Location(field=field),
            f"'{code}' is not a valid unified social credit code",
            f"'{code}' 不是有效的统一社会信用代码",
            "give the 18-character code from the business licence (GB 32100-2015, check digit last)",
            "请填写营业执照上的 18 位统一社会信用代码（GB 32100-2015，末位为校验码）",
        )
    return code


def check_province(code: str, field: str = "province") -> str:
    if code not in PROVINCES:
        raise InputError.one(
            Location(field=field),
            f"'{code}' is not a province code",
            f"'{code}' 不是有效的省级行政区划代码",
            "give the two-digit GB/T 2260 code, e.g. 42 for Hubei, 11 for Beijing",
            "请填写两位 GB/T 2260 代码，例如湖北 42、北京 11",
        )
    return code


def check_exchange(code: str, field: str = "holder") -> str:
    if not EXCHANGE_CODE.match(code):
        raise InputError.one(
            Location(field=field),
            f"'{code}' is not an exchange code",
            f"'{code}' 不是有效的交易机构代码",
            "use 2-16 capital letters or digits starting with a letter, e.g. SEEE",
            "请使用以字母开头的 2-16 位大写字母或数字，例如 SEEE",
        )
    return code


def enterprise_account(uscc: str) -> str:
    return f"ENT-{uscc}"


def provincial_account(province: str) -> str:
    return f"PRV-{province}"


def clearing_account(exchange: str) -> str:
    return f"CLR-{exchange}"
