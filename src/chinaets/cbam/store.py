"""CBAM results in a demo output folder: one communication JSON per installation and an index of
plants, read back by the dashboard (``<out>/cbam/``). Writers build every file in memory first."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

FOLDER = "cbam"
INDEX = "installations.json"
_SAFE = re.compile(r"^[0-9A-Za-z]{1,32}$")


def write(out: Path, index: list[dict[str, Any]], summaries: dict[str, dict[str, Any]]) -> Path:
    texts = {f"{code}.json": _dump(s) for code, s in summaries.items() if _SAFE.match(code)}
    texts[INDEX] = _dump(index)
    folder = out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, "utf-8")
    return folder


def read_index(out: Path) -> list[dict[str, Any]]:
    path = out / FOLDER / INDEX
    return list(json.loads(path.read_text("utf-8"))) if path.is_file() else []


def read_installation(out: Path, code: str) -> dict[str, Any] | None:
    """One installation's communication JSON; None for an unknown or malformed code."""
    if not _SAFE.match(code):
        return None
    path = out / FOLDER / f"{code}.json"
    return dict(json.loads(path.read_text("utf-8"))) if path.is_file() else None


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)
