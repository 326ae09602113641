"""The chinaets REST API application. Run it with

    CHINAETS_TOKEN_PEPPER=… uvicorn --factory chinaets.api.app:app_from_env

OpenAPI is published at /openapi.json and browsable at /docs, a Swagger UI page whose script
and style ship with the package (`swagger-ui-bundle`): no CDN, it works offline.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from chinaets.api.guards import Guard, upload_routes
from chinaets.core.clock import Clock, china_now
from chinaets.core.errors import InputError, Location, Problem
from chinaets.registry.errors import AccessDenied, LedgerError, NotAuthenticated, RegistryError
from chinaets.registry.service import Registry
from chinaets.registry.settings import RegistrySettings, load_settings

STATUS = {AccessDenied: 403, NotAuthenticated: 401, LedgerError: 503}


def create_app(
    db_url: str | None = None,
    settings: RegistrySettings | None = None,
    clock: Clock = china_now,
) -> FastAPI:
    """The API over the ledger at `db_url` (else the settings' URL). Settings come from the
    environment unless given, and refuse a missing or default token secret. Every time the
    API stamps (orders, sessions, comments) comes from `clock`, never from the client."""
    from chinaets.api.calculate import publish_schemas
    from chinaets.api.calculate import router as calculate_router
    from chinaets.api.cbam import router as cbam_router
    from chinaets.api.ccer import router as ccer_router
    from chinaets.api.cems import router as cems_router
    from chinaets.api.market import router as market_router
    from chinaets.api.platform import router as platform_router
    from chinaets.api.registry import router
    from chinaets.platform.store import PlatformStore, files_folder

    settings = settings or load_settings()
    registry = Registry.open(
        db_url or settings.db_url,
        token_pepper=settings.token_pepper,
        four_eyes_threshold=settings.four_eyes_threshold,
    )
    app = FastAPI(
        title="chinaets API",
        description="China national carbon market: registry (accounts, CEA and CCER units, "
        "issuance, transfers, freezes, surrender, cancellation), the CCER mechanism and the "
        "exchange. 全国碳市场注册登记、温室气体自愿减排与交易接口。",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
    )
    app.state.registry = registry
    app.state.clock = clock
    app.state.platform = PlatformStore(registry.engine, files_folder(db_url or settings.db_url))
    app.include_router(router)
    app.include_router(ccer_router)
    app.include_router(market_router)
    app.include_router(cbam_router)
    app.include_router(cems_router)
    app.include_router(platform_router)
    app.include_router(calculate_router)
    # body size, JSON shape, NUL bytes, framing: for every router; file uploads by their route
    app.add_middleware(Guard, uploads=lambda: upload_routes(app.openapi()))
    publish_schemas(app)
    _docs(app)
    _handlers(app)
    return app


def _docs(app: FastAPI) -> None:
    """The OpenAPI page from the package's own copy of Swagger UI."""
    import swagger_ui_bundle
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import HTMLResponse
    from fastapi.staticfiles import StaticFiles

    app.mount(
        "/docs-static", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), "docs-static"
    )

    async def docs(_: Request) -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="chinaets API 接口文档",
            swagger_js_url="/docs-static/swagger-ui-bundle.js",
            swagger_css_url="/docs-static/swagger-ui.css",
            swagger_favicon_url="/docs-static/favicon-32x32.png",
        )

    app.add_route("/docs", docs, include_in_schema=False)  # a page, not an API operation


def app_from_env() -> FastAPI:
    return create_app()


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(InputError)
    async def bad_input(_: Request, exc: InputError) -> JSONResponse:
        return JSONResponse(exc.as_dict(), status_code=422)

    @app.exception_handler(RegistryError)
    async def refused(_: Request, exc: RegistryError) -> JSONResponse:
        return JSONResponse(exc.as_dict(), status_code=STATUS.get(type(exc), 400))

    @app.exception_handler(RequestValidationError)
    async def malformed(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            Problem(
                Location(field=".".join(str(p) for p in err.get("loc", ()))),
                f"malformed request: {err.get('msg', 'invalid')}",
                "请求格式错误",
                "send a JSON object body as documented in /docs",
                "请按 /docs 中的说明发送 JSON 对象",
            )
            for err in exc.errors()
        ]
        return JSONResponse(InputError(problems).as_dict(), status_code=422)
