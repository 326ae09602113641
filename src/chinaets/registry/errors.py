"""Errors of the registry beyond bad input (`chinaets.core.errors.InputError`).

`AccessDenied`: the caller's role does not reach the account or operation; shells answer 403.
`LedgerError`: the ledger refused an operation for a reason that is not the caller's input
(for example a retry budget exhausted under contention); nothing was written.
Both carry an English and a Chinese message, as every error of chinaets does.
"""

from __future__ import annotations

from typing import Any

from chinaets.core.errors import ChinaetsError


class RegistryError(ChinaetsError):
    code = "registry_error"

    def __init__(self, en: str, zh: str, fix_en: str = "", fix_zh: str = "") -> None:
        self.en, self.zh, self.fix_en, self.fix_zh = en, zh, fix_en, fix_zh
        super().__init__(self.render())

    def render(self) -> str:
        fix = f" Fix: {self.fix_en}" if self.fix_en else ""
        fix_zh = f" 修改方法：{self.fix_zh}" if self.fix_zh else ""
        return f"{self.en}{fix}\n    {self.zh}{fix_zh}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "error": self.code,
            "en": self.en,
            "zh": self.zh,
            "fix_en": self.fix_en,
            "fix_zh": self.fix_zh,
        }


class AccessDenied(RegistryError):
    code = "access_denied"


class NotAuthenticated(RegistryError):
    code = "not_authenticated"


class LedgerError(RegistryError):
    code = "ledger_error"


def denied(what_en: str, what_zh: str) -> AccessDenied:
    return AccessDenied(
        f"your role may not {what_en}",
        f"您的角色无权{what_zh}",
        "ask a user whose role covers this account or operation",
        "请由有权限的用户办理",
    )
