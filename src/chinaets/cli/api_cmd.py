"""`chinaets api`: the REST API (registry, exchange, CCER, platform, calculations) over HTTP."""

from __future__ import annotations

from typing import Annotated

import typer

from chinaets.cli.common import err_console, user_errors
from chinaets.cli.platform_common import Db


def register(app: typer.Typer) -> None:
    app.command("api")(api)


def api(
    db: Db = None,
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="port to listen on")] = 8080,
) -> None:
    """Serve the REST API; its OpenAPI page is /docs (shipped with the package, no CDN).
    Needs CHINAETS_TOKEN_PEPPER (the token secret). 启动 REST 接口服务，接口文档见 /docs。"""
    import uvicorn

    from chinaets.api.app import create_app

    with user_errors():
        app = create_app(db)
    err_console.print(f"API / 接口: http://{host}:{port}/docs", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")
