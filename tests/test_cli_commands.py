"""The lazy command table of `chinaets` is complete and every command loads."""

from __future__ import annotations

import importlib
import subprocess
import sys

import typer
from typer.testing import CliRunner

from chinaets.cli.main import COMMANDS, app


def test_every_listed_command_loads_and_has_help() -> None:
    for name in COMMANDS:
        result = CliRunner().invoke(app, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage" in result.output


def test_every_registered_command_is_listed() -> None:
    for module in {lazy.module for lazy in COMMANDS.values()}:
        commands = typer.Typer()
        importlib.import_module(module).register(commands)
        names = set(typer.main.get_group(commands).commands)
        assert names <= set(COMMANDS), (module, names - set(COMMANDS))
        assert all(COMMANDS[n].module == module for n in names), module


def test_help_lists_every_command_in_both_languages_without_loading_them() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from chinaets.cli.main import app; "
        "out = CliRunner().invoke(app, ['--help']).output; print(out); "
        "print('LOADED' if 'sqlalchemy' in sys.modules else 'LEAN')"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.rstrip().endswith("LEAN")
    for name in COMMANDS:
        assert name in out
    assert "注册登记" in out and "排放核算" in out
