"""Dashboard pages of the CBAM bridge: the plants exporting to the EU, and one installation's
embedded emissions, defaults comparison and certificate cost (bilingual). Data: the demo folder's
``cbam/`` files (`chinaets.cbam.store`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from chinaets.cbam import store
from chinaets.cbam.checks import zh


def register(
    app: FastAPI, render: Callable[..., HTMLResponse], who: Callable[[Request], Any], folder: Path
) -> None:
    @app.get("/cbam", response_class=HTMLResponse)
    def cbam_list(request: Request) -> HTMLResponse:
        rows = sorted(store.read_index(folder), key=lambda r: -float(r["saving_eur"]))
        return render(request, "cbam", {"plants": rows, "one": None})

    @app.get("/cbam/{code}", response_class=HTMLResponse)
    def cbam_installation(request: Request, code: str) -> HTMLResponse:
        data = store.read_installation(folder, code)
        if data is None:
            return render(request, "message", {"message": "not_found"}, 404)
        figures = data["figures"]
        viewer = who(request)
        if not viewer.may_see_entity(code, figures["installation"]["province"]):
            return render(request, "message", {"message": "denied"}, 403)
        goods = [{**g, "category_zh": zh(g["category"])} for g in figures["goods"].values()]
        return render(request, "cbam", {"plants": [], "one": figures, "goods": goods})
