"""The compliance certificate (履约证明) the registry issues to an entity that surrendered in full
(D25 §五(三)): what was surrendered against the year's obligation, by unit, read from the ledger,
CCER counted up to the offset cap. An entity short of its obligation gets an error saying by how
much, not a certificate."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from chinaets.compliance.rules import offset_cap, rules_for
from chinaets.core.errors import InputError, Location
from chinaets.registry import queries
from chinaets.registry.service import Registry


@dataclass(frozen=True)
class Certificate:
    credit_code: str
    name: str
    year: int
    obligation_tco2: int
    allowances_tco2: int
    ccer_tco2: int  # counted, within the cap
    surrendered: dict[str, int]
    issued_on: dt.date
    number: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number, "credit_code": self.credit_code, "name": self.name,
            "year": self.year, "obligation_tco2": self.obligation_tco2,
            "allowances_tco2": self.allowances_tco2, "ccer_tco2": self.ccer_tco2,
            "surrendered": self.surrendered, "issued_on": self.issued_on.isoformat(),
        }  # fmt: skip

    def lines(self, lang: str = "both") -> list[str]:
        """The certificate's text: Chinese, English, or both on each line ("both")."""
        units = "；".join(f"{k} {v:,}" for k, v in sorted(self.surrendered.items()))
        issued = self.issued_on.isoformat()
        pairs = [
            (f"履约证明  编号 {self.number}", f"Compliance certificate  No. {self.number}"),
            (f"重点排放单位：{self.name}（{self.credit_code}）",
             f"Entity: {self.name} ({self.credit_code})"),
            (f"履约年度：{self.year}", f"Compliance year: {self.year}"),
            (f"应清缴配额：{self.obligation_tco2:,} tCO2e", f"Obligation: {self.obligation_tco2:,} tCO2e"),
            (f"已清缴配额：{self.allowances_tco2:,} t",
             f"Allowances surrendered: {self.allowances_tco2:,} t"),
            (f"CCER 抵销（上限以内）：{self.ccer_tco2:,} t",
             f"CCER offsetting (within the cap): {self.ccer_tco2:,} t"),
            (f"清缴明细：{units}", f"Units: {units}"),
            (f"已足额完成清缴。出具日期 {issued}", f"Surrendered in full. Issued on {issued}"),
        ]  # fmt: skip
        return [{"zh": zh, "en": en}.get(lang, f"{zh}  {en}") for zh, en in pairs]


def certificate(
    registry: Registry, credit_code: str, name: str, year: int, obligation: int,
    issued_on: dt.date | None = None,
) -> Certificate:  # fmt: skip
    """The certificate, if the ledger shows the obligation surrendered in full."""
    with registry.reading() as session:
        surrendered = queries.surrendered(session, credit_code, year)
    allowances = sum(q for unit, q in surrendered.items() if unit.startswith("CEA"))
    cap, _ = offset_cap(rules_for(year), obligation)
    ccer = min(cap, sum(q for unit, q in surrendered.items() if unit.startswith("CCER")))
    shortfall = obligation - allowances - ccer
    if shortfall > 0:
        raise InputError.one(
            Location(field="obligation"),
            f"{credit_code} has not surrendered in full for {year}: {shortfall:,} t short "
            f"of {obligation:,} t",
            f"{credit_code} 尚未足额完成 {year} 年度清缴：距应清缴配额 {obligation:,} 吨还差 {shortfall:,} 吨",
            "surrender the rest before asking for a certificate",
            "请完成剩余清缴后再申请履约证明",
        )
    when = issued_on or dt.date.today()
    digest = json.dumps(
        [credit_code, year, obligation, sorted(surrendered.items())], ensure_ascii=False
    )
    number = f"{year}-{credit_code[-6:]}-{hashlib.sha256(digest.encode()).hexdigest()[:8].upper()}"
    return Certificate(
        credit_code, name, year, obligation, allowances, ccer, surrendered, when, number
    )
