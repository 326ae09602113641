"""The demo as a producer of submissions: the fleet's annual reports and monthly deposits are
written as the files an enterprise would upload, then stored through the platform's `submit`
path like a province's own, with a simulated clock (deposits shortly after each month, reports
in March of the following year).

Planted anomalies, which the screening must find (`PLANTED`):

- DEP-DIFF: the first power entity's March deposit shows 3 % more coal than its annual report;
- DEP-MISSING: the second power entity never deposits July;
- DEP-LATE: the third power entity deposits May a month after the deadline;
- a default substitution: the fourth power entity's June coal samples are lost (from both the
  deposit and the report), so June is accounted with the default carbon content.

Industrial entities deposit on the dates their reports' ``deposits`` table gives.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chinaets.inputs.schema_base import Entity
from chinaets.mrv.industry.deposits import month_end
from chinaets.mrv.sectors import get_sector
from chinaets.platform.deposits import monthly_tables
from chinaets.platform.records import Outcome
from chinaets.platform.store import PlatformStore
from chinaets.platform.submit import CHINA, Upload, submit_one

SUBMITTER = "demo"
LAB_PDF = "%PDF-1.4\n% synthetic lab report {code} {year}-{month:02d} (chinaets demo)\n%%EOF\n"


@dataclass(frozen=True)
class Planted:
    code: str
    credit_code: str
    month: int

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass
class Filing:
    """One file to submit: its upload and the moment (China time) it is sent."""

    upload: Upload
    at: dt.datetime


def documents(sector: str, reports: list[Any]) -> list[dict[str, Any]]:
    """The reports as the JSON an enterprise files (the sector named, so that it is detected)."""
    return [{"sector": sector, **r.model_dump(mode="json", exclude_none=True)} for r in reports]


def plant(power: list[dict[str, Any]]) -> list[Planted]:
    """Lose the fourth entity's June coal samples (the other anomalies are in `filings`)."""
    planted = []
    for i, code in enumerate(("DEP-DIFF", "DEP-MISSING", "DEP-LATE"), 0):
        if i < len(power):
            month = {"DEP-DIFF": 3, "DEP-MISSING": 7, "DEP-LATE": 5}[code]
            planted.append(Planted(code, power[i]["entity"]["credit_code"], month))
    if len(power) > 3:
        doc = power[3]
        before = len(doc.get("lab_results", []))
        doc["lab_results"] = [r for r in doc.get("lab_results", []) if r.get("month") != 6]
        if len(doc["lab_results"]) < before:
            planted.append(Planted("DEFAULT-CARBON", doc["entity"]["credit_code"], 6))
    return planted


def filings(
    sector: str, docs: list[dict[str, Any]], seed: int, planted: list[Planted]
) -> Iterator[Filing]:
    """Each entity's twelve deposits (on its recorded dates, else 5–35 days after the month),
    then its annual report on 20 March of the following year."""
    rng = random.Random(f"{seed}-{sector}-deposits")
    tables = monthly_tables(get_sector(sector))
    by_code = {p.credit_code: p for p in planted}
    for doc in docs:
        code, year = doc["entity"]["credit_code"], int(doc["year"])
        dates = {
            int(d["month"]): dt.date.fromisoformat(d["deposited_on"])
            for d in doc.get("deposits", [])
        }
        for month in range(1, 13):
            filing = _deposit(sector, doc, month, tables, by_code.get(code), dates.get(month), rng)
            if filing is not None:
                yield filing
        name = f"{sector}/{code}-{year}.json"
        yield Filing(Upload(name, {name: _bytes(doc)}), _at(dt.date(year + 1, 3, 20)))


def _deposit(
    sector: str, doc: dict[str, Any], month: int, tables: dict[str, Any], planted: Planted | None,
    recorded: dt.date | None, rng: random.Random,
) -> Filing | None:  # fmt: skip
    if planted is not None and planted.code == "DEP-MISSING" and planted.month == month:
        return None
    rows = {t: [dict(r) for r in doc.get(t, []) if r.get("month") == month] for t in tables}
    rows = {t: r for t, r in rows.items() if r}
    if not rows:
        return None
    if (
        planted is not None
        and planted.code == "DEP-DIFF"
        and planted.month == month
        and "fuel_use" in rows
    ):
        rows["fuel_use"][0]["quantity"] = round(rows["fuel_use"][0]["quantity"] * 1.03, 2)
    year, code = int(doc["year"]), doc["entity"]["credit_code"]
    on = recorded or month_end(year, month) + dt.timedelta(days=rng.randint(5, 35))
    if planted is not None and planted.code == "DEP-LATE" and planted.month == month:
        on = month_end(year, month) + dt.timedelta(days=200)
    evidence = f"lab-{year}-{month:02d}.pdf"
    entity = {
        k: v for k, v in doc["entity"].items() if k in Entity.model_fields
    }  # no sector extras
    head = {"sector": sector, **entity, "year": year, "month": month, "evidence": [evidence]}
    name = f"deposits/{code}/{year}-{month:02d}.json"
    pdf = LAB_PDF.format(code=code, year=year, month=month).encode()
    body = _bytes({"deposit": head, **rows})
    return Filing(Upload(name, {name: body}, {evidence: pdf}), _at(on))


def _bytes(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), CHINA)


def write_files(folder: Path, items: list[Filing]) -> None:
    """The files as an enterprise would keep them (for `chinaets submit FOLDER` by hand)."""
    for item in items:
        for name, data in [*item.upload.files.items()]:
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for name, data in item.upload.evidence.items():
            target = folder / Path(next(iter(item.upload.files))).parent / name
            target.write_bytes(data)


def submit_all(store: PlatformStore, items: list[Filing]) -> list[Outcome]:
    """Every filing through the platform's submit path, in time order."""
    ordered = sorted(items, key=lambda f: f.at)
    return [submit_one(store, f.upload, SUBMITTER, f.at) for f in ordered]
