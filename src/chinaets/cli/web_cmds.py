"""`chinaets serve`: the web dashboard on the demo data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chinaets.cli.common import err_console


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    data: Annotated[
        Path,
        typer.Option(
            help="Output folder of chinaets demo (its readmodel/ inside), or a read-model folder."
        ),
    ] = Path("chinaets-demo"),
    registry_url: Annotated[
        str | None,
        typer.Option(
            help="Registry database URL for log-in and holdings (default: DATA/registry.db if present)."
        ),
    ] = None,
    no_login: Annotated[
        bool,
        typer.Option(
            "--no-login", help="Show entity pages without log-in (demo data only) / 免登录演示"
        ),
    ] = False,
    browser: Annotated[
        bool, typer.Option("--browser", help="Open the dashboard in a web browser / 打开浏览器")
    ] = False,
) -> None:
    """Serve the bilingual dashboard (market, entities, CCER, targets, registry by role)."""
    import uvicorn

    from chinaets.web.app import create_app
    from chinaets.web.sources import DataMissing

    try:
        app = create_app(data, registry_url, open_demo=no_login)
    except DataMissing as exc:
        err_console.print(
            f"error / 错误: {exc}\n  没有演示数据：请先运行 chinaets demo --out {data}",
            markup=False, highlight=False, soft_wrap=True,
        )  # fmt: skip
        raise typer.Exit(2) from None
    err_console.print(f"Dashboard / 看板: http://{host}:{port}/  (data: {data})", highlight=False)
    if browser:
        import threading
        import webbrowser

        url = f"http://{host}:{port}/"
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()  # once the server listens
    uvicorn.run(app, host=host, port=port, log_level="warning")
