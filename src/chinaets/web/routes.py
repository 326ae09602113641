"""The read-model pages: the overview, the entities, one entity, any table of the read model
(paged, sorted, searched, filtered) and its download as CSV or Excel.

Who may see what follows `chinaets.web.access.scope`: the listing is restricted in the query
itself, so a page, its count and its download never hold a row the viewer may not see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from chinaets.national.readmodel import TABLES
from chinaets.web import i18n, pages, tables
from chinaets.web.access import Viewer
from chinaets.web.sources import Dashboard

Render = Callable[..., HTMLResponse]
Who = Callable[[Request], Viewer]
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def entity_routes(app: FastAPI, render: Render, who: Who, data: Dashboard) -> None:
    def refuse(request: Request, key: str, status: int) -> HTMLResponse:
        return render(request, "message", {"message": key}, status)

    overviews: dict[str, dict[str, Any]] = {}  # the read model changes only with a rebuild

    @app.get("/", response_class=HTMLResponse)
    def overview(request: Request) -> HTMLResponse:
        lang = i18n.pick_lang(request)
        if lang not in overviews:
            overviews[lang] = pages.overview(data, lang)
        return render(request, "overview", overviews[lang])

    @app.get("/entities", response_class=HTMLResponse)
    def entities(request: Request) -> Response:
        return _table(request, render, who, data, "entities")

    @app.get("/entities/{code}", response_class=HTMLResponse)
    def entity(
        request: Request, code: str, year: int | None = None, sector: str | None = None
    ) -> HTMLResponse:
        viewer = who(request)
        row = data.model.entity(code, year, sector or None)
        if row is None:
            return refuse(request, "not_found", 404)
        if not viewer.may_see_entity(code, row["province"]):
            return refuse(request, "denied", 403)
        data.refresh_registry()
        today = app.state.today or dt.date.today()
        context = pages.entity(data, viewer, row, i18n.pick_lang(request), today)
        return render(request, "entity", context)


def table_routes(app: FastAPI, render: Render, who: Who, data: Dashboard) -> None:
    @app.get("/tables/{name}", response_class=HTMLResponse)
    def table(request: Request, name: str) -> Response:
        if name not in TABLES:
            return render(request, "message", {"message": "not_found"}, 404)
        return _table(request, render, who, data, name)

    @app.get("/download/{name}.{fmt}")
    def download(request: Request, name: str, fmt: str) -> Response:
        viewer = who(request)
        if name not in TABLES or fmt not in MEDIA:
            return render(request, "message", {"message": "not_found"}, 404)
        try:
            chosen = tables.listing(name, dict(request.query_params), viewer)
        except tables.NotAllowed:
            return render(request, "message", {"message": "denied"}, 403)
        if name in ("accounts", "holdings", "surrenders"):
            data.refresh_registry()
        rows = data.model.arrow(name, chosen, tables.DOWNLOAD_ROWS)
        lang = i18n.pick_lang(request)
        body = tables.to_csv(rows, lang) if fmt == "csv" else tables.to_xlsx(rows, lang, name)
        headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
        return Response(body, media_type=MEDIA[fmt], headers=headers)


def _table(request: Request, render: Render, who: Who, data: Dashboard, name: str) -> Response:
    viewer = who(request)
    if name in ("accounts", "holdings", "surrenders"):
        data.refresh_registry()
    try:
        context: dict[str, Any] = pages.table_page(
            data, name, dict(request.query_params), viewer, i18n.pick_lang(request)
        )
    except tables.NotAllowed:
        if not viewer.logged_in:
            return RedirectResponse("/login", status_code=303)
        return render(request, "message", {"message": "denied"}, 403)
    return render(request, "table", {"g": context})
