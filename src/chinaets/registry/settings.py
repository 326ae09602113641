"""Settings of a registry server, read from the environment. Refuses default or weak secrets.

CHINAETS_DB_URL               ledger URL (default sqlite:///chinaets.db)
CHINAETS_TOKEN_PEPPER         server secret that API tokens are hashed under (≥ 32 characters)
CHINAETS_FOUR_EYES_THRESHOLD  movements of more units than this (transfer, cancellation,
                              surrender, deduction) need a second user's approval
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from chinaets.core.errors import InputError, Location
from chinaets.registry.store import DB_URL_ENV, default_db_url

PEPPER_ENV = "CHINAETS_TOKEN_PEPPER"
THRESHOLD_ENV = "CHINAETS_FOUR_EYES_THRESHOLD"
DEFAULT_SECRETS = frozenset({"changethis", "changeme", "secret", "password", "default", "test", ""})
MIN_PEPPER = 32


@dataclass(frozen=True)
class RegistrySettings:
    db_url: str
    token_pepper: str
    four_eyes_threshold: int | None = None

    def __repr__(self) -> str:  # never print the secret
        return f"RegistrySettings(db_url={self.db_url!r}, four_eyes_threshold={self.four_eyes_threshold})"


def check_pepper(pepper: str) -> str:
    if pepper.lower() in DEFAULT_SECRETS or len(pepper) < MIN_PEPPER or len(set(pepper)) < 8:
        raise InputError.one(
            Location(field=PEPPER_ENV),
            f"{PEPPER_ENV} is missing, a default value, or shorter than {MIN_PEPPER} characters",
            f"{PEPPER_ENV} 未设置、为默认值或短于 {MIN_PEPPER} 个字符",
            'set it to a random secret: python -c "import secrets; print(secrets.token_urlsafe(48))"',
            '请设置为随机密钥：python -c "import secrets; print(secrets.token_urlsafe(48))"',
        )
    return pepper


def check_threshold(text: str | None) -> int | None:
    if text is None or text == "":
        return None
    if not text.isdigit() or int(text) < 1:
        raise InputError.one(
            Location(field=THRESHOLD_ENV),
            f"{THRESHOLD_ENV} must be a positive whole number of units, not '{text}'",
            f"{THRESHOLD_ENV} 必须是正整数（单位数），当前为 '{text}'",
            "set e.g. 100000, or unset it to switch the four-eyes rule off",
            "例如设置为 100000；不设置则不启用双人复核",
        )
    return int(text)


def load_settings(env: Mapping[str, str] | None = None) -> RegistrySettings:
    env = os.environ if env is None else env
    url = env.get(DB_URL_ENV) or default_db_url()
    return RegistrySettings(
        db_url=url,
        token_pepper=check_pepper(env.get(PEPPER_ENV, "")),
        four_eyes_threshold=check_threshold(env.get(THRESHOLD_ENV)),
    )
