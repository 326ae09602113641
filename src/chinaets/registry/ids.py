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

from chinaets.core.china import PROVINCES as PROVINCE_NAMES
from chinaets.core.errors import InputError, Location
from chinaets.core.ids import credit_code_fault

# Provincial issuing accounts exist for the mainland provinces that run the ETS locally.
PROVINCES = frozenset(code for _, code in PROVINCE_NAMES.values())
EXCHANGE_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")
MEE_ACCOUNT, CANCELLATION_ACCOUNT, SUPPLY_ACCOUNT = "MEE", "CANCELLED", "SUPPLY"


def is_uscc(code: str) -> bool:
    return credit_code_fault(code) is None


def check_uscc(code: str, field: str = "entity") -> str:
    fault = credit_code_fault(code)
    if fault is not None:
        raise InputError.one(
            Location(field=field),
            f"'{code}' is not a valid unified social credit code: {fault[0]}",
            f"'{code}' 不是有效的统一社会信用代码：{fault[1]}",
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
