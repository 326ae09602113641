"""`python -m chinaets.cli`: the `chinaets` command."""

from chinaets.cli.main import app

app()
