"""The dashboard application: ``create_app(data_dir)``; ``chinaets serve`` runs it on uvicorn."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from chinaets.core.errors import ChinaetsError
from chinaets.core.labels import term
from chinaets.registry import store
from chinaets.registry.records import PUBLIC
from chinaets.registry.service import Registry
from chinaets.registry.settings import PEPPER_ENV
from chinaets.web import cbam_pages, cems, i18n, labels, pages, platform_pages, tables
from chinaets.web.access import Viewer
from chinaets.web.sessions import (
    CSRF_COOKIE,
    LIFETIME,
    SESSION_COOKIE,
    Sessions,
    new_csrf,
    same,
    secure_cookie,
)
from chinaets.web.sources import Dashboard, open_registry
from chinaets.web.tables import NotAllowed

HERE = Path(__file__).resolve().parent
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'"
)


def create_app(
    data_dir: Path,
    registry_url: str | None = None,
    token_pepper: str | None = None,
    open_demo: bool = False,
    today: dt.date | None = None,
) -> FastAPI:
    """The dashboard over the read model of a data folder (a `chinaets demo` output, or a
    folder written by ``build_read_model``) and, if given or found there (``registry.db``), a
    registry database; `token_pepper` defaults to $CHINAETS_TOKEN_PEPPER. Entity pages are
    open to visitors who are not logged in only without a registry or with `open_demo`
    (``chinaets serve --no-login``). `today` fixes the date the compliance rules are applied on
    (default: the server's date on each request)."""
    pepper = token_pepper or os.environ.get(PEPPER_ENV) or None
    registry = open_registry(data_dir, registry_url, pepper)
    data = Dashboard(data_dir, registry)
    app = FastAPI(title="chinaets dashboard", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.data, app.state.registry = data, registry
    app.state.today = today
    app.state.sessions = None
    if registry is not None:  # sessions live in its database: bring an older one to the head
        store.upgrade(registry.engine)
        app.state.sessions = Sessions(registry.engine)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    _middleware(app, data)
    _routes(app, templates, data, registry, open_demo or registry is None)
    return app


def _middleware(app: FastAPI, data: Dashboard) -> None:
    @app.middleware("http")
    async def language_and_headers(request: Request, call_next: Callable[..., Any]) -> Response:
        if not request.url.path.startswith("/static/"):  # pages answer from a current model
            await run_in_threadpool(data.refresh_store)
        response: Response = await call_next(request)
        asked = request.query_params.get("lang")
        if asked in i18n.LANGS:
            response.set_cookie(i18n.COOKIE, asked, max_age=365 * 86400, samesite="lax")
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        return response


def viewer_of(request: Request, registry: Registry | None, open_demo: bool) -> Viewer:
    """The logged-in user, else the public (which sees entity pages only in an open demo)."""
    sessions: Sessions | None = request.app.state.sessions
    if registry is None or sessions is None or registry.token_pepper is None:
        return Viewer(PUBLIC, open_demo=open_demo)
    session = sessions.get(request.cookies.get(SESSION_COOKIE))
    if session is None:
        return Viewer(PUBLIC, open_demo=open_demo)
    try:  # the registry is asked every time: a revoked token ends the session at once
        return Viewer(registry.authenticate_hash(session.token_hash), open_demo, session.csrf)
    except ChinaetsError:
        sessions.close(session.id)
        return Viewer(PUBLIC, open_demo=open_demo)


Render = Callable[..., HTMLResponse]
"""``render(request, template_name, context, status=200)``: a page with the shared context."""
Who = Callable[[Request], Viewer]


def _routes(
    app: FastAPI,
    templates: Jinja2Templates,
    data: Dashboard,
    registry: Registry | None,
    open_demo: bool,
) -> None:
    def who(request: Request) -> Viewer:
        # once per request: a page asks several times, and each lookup is a session read and write
        viewer: Viewer | None = getattr(request.state, "viewer", None)
        if viewer is None:
            viewer = request.state.viewer = viewer_of(request, registry, open_demo)
        return viewer

    render = _renderer(templates, registry, who)
    from chinaets.web.routes import entity_routes, table_routes

    entity_routes(app, render, who, data)
    table_routes(app, render, who, data)
    _market_routes(app, render, who, data)
    _login_routes(app, render, registry)
    cbam_pages.register(app, render, who, data.folder)
    platform_pages.register(app, render, who, registry)
    cems.register(app, render, who, data.folder)


def _renderer(templates: Jinja2Templates, registry: Registry | None, who: Who) -> Render:
    def render(
        request: Request, name: str, context: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        lang = i18n.pick_lang(request)
        viewer = who(request)
        base = {
            "lang": lang,
            "t": i18n.translator(lang),
            "label": labels,
            "qs": tables.query_string,
            "cellf": tables.fmt_cell,
            "both": lambda en, zh: i18n.both(en, zh, lang),
            "term": lambda code: term(code, "zh" if lang == "zh" else "en"),
            "viewer": viewer,
            "path": request.url.path,
            "registry": registry is not None,
            "page": name,
        }
        return templates.TemplateResponse(
            request, f"{name}.html", {**base, **context}, status_code=status
        )

    return render


def _market_routes(app: FastAPI, render: Render, who: Who, data: Dashboard) -> None:
    """CCER, the national targets, the registry and the exchange."""
    registry = data.registry

    @app.get("/ccer", response_class=HTMLResponse)
    def ccer(request: Request) -> HTMLResponse:
        return render(request, "ccer", pages.ccer(registry))

    @app.get("/targets", response_class=HTMLResponse)
    def targets(request: Request) -> HTMLResponse:
        return render(request, "targets", pages.targets(i18n.pick_lang(request)))

    @app.get("/registry", response_class=HTMLResponse)
    def registry_page(request: Request) -> HTMLResponse:
        query = dict(request.query_params)
        try:
            context = pages.registry_view(data, who(request), query, i18n.pick_lang(request))
        except NotAllowed:
            context = {"connected": True, "totals": []}
        return render(request, "registry", context)

    @app.get("/exchange", response_class=HTMLResponse)
    def exchange(request: Request) -> HTMLResponse:
        lang = i18n.pick_lang(request)
        return render(request, "exchange", pages.exchange(registry, who(request), lang))


def _login_routes(app: FastAPI, render: Render, registry: Registry | None) -> None:
    sessions: Sessions | None = app.state.sessions

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request) -> HTMLResponse:
        return _with_csrf(request, render, {"error": False}, 200)

    @app.post("/login", response_class=HTMLResponse)
    async def login(request: Request) -> Response:
        # The form is parsed here: python-multipart (FastAPI's Form) is not a locked dependency.
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        token = (form.get("token") or [""])[0].strip()
        client = request.client.host if request.client else "-"
        if not same((form.get("csrf") or [""])[0], request.cookies.get(CSRF_COOKIE)):
            return _with_csrf(request, render, {"error": True}, 403)
        if registry is None or sessions is None or registry.token_pepper is None:
            return _with_csrf(request, render, {"error": True}, 400)
        if not await run_in_threadpool(sessions.may_try, client):
            return _with_csrf(request, render, {"error": True, "too_many": True}, 429)
        try:
            token_hash = registry.token_hash(token)
            await run_in_threadpool(registry.authenticate_hash, token_hash)
        except ChinaetsError:
            await run_in_threadpool(sessions.failed, client)
            return _with_csrf(request, render, {"error": True}, 401)
        session = await run_in_threadpool(sessions.open, token_hash)
        response = RedirectResponse("/registry", status_code=303)
        response.set_cookie(
            SESSION_COOKIE,
            session.id,
            httponly=True,
            samesite="strict",
            secure=secure_cookie(request.url.hostname),
            max_age=LIFETIME,
        )
        response.delete_cookie(CSRF_COOKIE)
        return response

    @app.post("/logout")
    async def logout(request: Request) -> Response:
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        session = sessions.get(request.cookies.get(SESSION_COOKIE)) if sessions else None
        if (
            sessions is None
            or session is None
            or not same((form.get("csrf") or [""])[0], session.csrf)
        ):
            return RedirectResponse("/", status_code=303)  # nothing to end, or not from our form
        sessions.close(session.id)  # ended on the server, not only in the browser
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response


def _with_csrf(
    request: Request, render: Render, context: dict[str, Any], status: int
) -> HTMLResponse:
    """The log-in page with a fresh anti-forgery token in the form and in a strict cookie."""
    csrf = new_csrf()
    response = render(request, "login", {**context, "csrf": csrf}, status)
    response.set_cookie(
        CSRF_COOKIE,
        csrf,
        httponly=True,
        samesite="strict",
        secure=secure_cookie(request.url.hostname),
        max_age=3600,
    )
    return response


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory chinaets.web.app:app_from_env`` (CHINAETS_DASHBOARD_DATA)."""
    return create_app(Path(os.environ.get("CHINAETS_DASHBOARD_DATA", "chinaets-demo")))
