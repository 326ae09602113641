"""Identifiers used across the market.

The unified social credit code (统一社会信用代码, GB 32100-2015) keys every covered entity: 18
characters from a 31-symbol alphabet, the last a check character over the first 17.
"""

from __future__ import annotations

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    """The GB 32100-2015 check character of the first 17 characters."""
    total = sum(_ALPHABET.index(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """None when `code` is a valid unified social credit code, else what is wrong (English)."""
    fault = credit_code_fault(code)
    return fault[0] if fault else None


def credit_code_fault(code: str) -> tuple[str, str] | None:
    """None when `code` is a valid unified social credit code, else what is wrong (en, zh)."""
    if len(code) != 18:
        return (
            f"has {len(code)} characters; a unified social credit code has 18",
            f"有 {len(code)} 位，统一社会信用代码应为 18 位",
        )
    bad = [c for c in code if c not in _ALPHABET]
    if bad:
        return (
            f"contains '{bad[0]}', which is not allowed (I, O, S, V, Z and lower case are not used)",
            f"含有不允许的字符 '{bad[0]}'（不使用 I、O、S、V、Z 及小写字母）",
        )
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        return (
            f"check character is '{code[17]}' but GB 32100-2015 gives '{expected}'",
            f"校验码为 '{code[17]}'，按 GB 32100-2015 应为 '{expected}'",
        )
    return None


def make_credit_code(registration_authority: str, body: str) -> str:
    """Build a valid code from its first 17 characters (used by the demo's synthetic entities)."""
    first17 = (registration_authority + body)[:17]
    return first17 + credit_code_check_char(first17)
