"""A copy of the web tests' ledger folder with a provincial reviewer and one stored report per
enterprise, for the platform's pages."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from tests.web.conftest import PEPPER, Ledger

from chinaets.core.china import PROVINCES
from chinaets.national.readmodel import Listing, ReadModel, read_model_folder
from chinaets.platform.store import PlatformStore
from chinaets.platform.submit import Upload, submit_one, utc_now
from chinaets.registry import records as r
from chinaets.registry.service import Registry

GOOD = Path(__file__).parents[1] / "power" / "good_report.json"


@dataclass
class Platform:
    folder: Path
    tokens: dict[str, str]
    own: str
    other: str
    own_id: int
    other_id: int


def report_for(code: str, name: str, province: str, extra_coal: float = 0.0) -> bytes:
    data = json.loads(GOOD.read_text("utf-8"))
    data["entity"] = {"credit_code": code, "name": name, "province": province}
    data["fuel_use"][0]["quantity"] += extra_coal
    return json.dumps(data, ensure_ascii=False).encode()


def entities_of(folder: Path) -> dict[str, SimpleNamespace]:
    """The entities of a data folder's read model by credit code."""
    model = ReadModel.open(read_model_folder(folder))
    try:
        rows = model.page("entities", Listing(per_page=500)).rows
    finally:
        model.close()
    return {row["credit_code"]: SimpleNamespace(**row) for row in rows}


def platform_folder(ledger: Ledger, target: Path) -> Platform:
    shutil.copytree(ledger.folder, target)
    entities = entities_of(target)
    own, other = entities[ledger.own], entities[ledger.other]
    registry = Registry.open(f"sqlite:///{target / 'registry.db'}", token_pepper=PEPPER)
    province = PROVINCES[own.province][1]
    added = registry.execute(r.SYSTEM, "user-prov", r.AddUser("prov", r.Role.PROVINCIAL, province))
    elsewhere = "11" if province != "11" else "12"
    far = registry.execute(r.SYSTEM, "user-far", r.AddUser("far", r.Role.PROVINCIAL, elsewhere))
    tokens = {**ledger.tokens, "prov": str(added.detail["token"]), "far": str(far.detail["token"])}
    store = PlatformStore.open(f"sqlite:///{target / 'registry.db'}")
    ids = []
    for e, user in ((own, "ent-a"), (other, "ent-b")):
        name = f"{e.credit_code}-2023.json"
        body = report_for(e.credit_code, e.name, e.province)
        outcome = submit_one(store, Upload(name, {name: body}), user, utc_now())
        assert outcome.status == "stored", outcome
        ids.append(int(outcome.submission_id or 0))
    store.close()
    registry.engine.dispose()
    return Platform(target, tokens, own.credit_code, other.credit_code, ids[0], ids[1])
