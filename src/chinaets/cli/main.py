"""`chinaets` console command: one Typer app; each capability adds its sub-app here."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="chinaets",
    help="China national carbon market: MRV, rules, registry, exchange, CCER, targets.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    # Imported here so that `chinaets --help` stays fast and each shell module stays small.
    from chinaets.cli import (
        allocation_cmds,
        api_cmd,
        ccer_cmds,
        check_cmd,
        compliance_cmds,
        demo_cmd,
        market_cmds,
        mrv_cmds,
        registry_cmds,
        review_cmds,
        rules_cmds,
        screen_cmd,
        submit_cmd,
        targets_cmds,
        web_cmds,
    )

    demo_cmd.register(app)
    mrv_cmds.register(app)
    check_cmd.register(app)
    submit_cmd.register(app)
    screen_cmd.register(app)
    review_cmds.register(app)
    allocation_cmds.register(app)
    compliance_cmds.register(app)
    rules_cmds.register(app)
    registry_cmds.register(app)
    ccer_cmds.register(app)
    market_cmds.register(app)
    targets_cmds.register(app)
    web_cmds.register(app)
    api_cmd.register(app)


_register()
