"""What every command shares: one console, JSON output, and how errors end a command."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from rich.tree import Tree

from chinaets.core.errors import ChinaetsError, InputError
from chinaets.core.labels import Lang
from chinaets.rules.trace import TraceNode

# terminal escape sequences (ESC, CSI, OSC, BEL, …) in names from the ledger or a file are
# shown as nothing: a name must not move the cursor, retitle the window or hide other text
_ESCAPES = re.compile(
    r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|.)|[\x00-\x08\x0b-\x1f\x7f\x9b]"
)


def strip_escapes(text: str) -> str:
    return _ESCAPES.sub("", text)


class _SafeConsole(Console):
    """A rich console that strips terminal escape codes from all text it renders (plain
    strings, tables, trees), keeping only the styling rich adds itself."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        if "width" not in options:
            # the width follows COLUMNS (or the terminal) at every print, not its value when
            # this module was imported: a command run in-process (tests, a resized terminal)
            self._width = None

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            s if s.control else Segment(strip_escapes(s.text), s.style) for s in buffer
        )


console = _SafeConsole()
err_console = _SafeConsole(stderr=True)

EXIT_INVALID_INPUT = 2


@contextmanager
def user_errors(as_json: bool = False) -> Iterator[None]:
    """Turn chinaets errors into a clear message on stderr and a non-zero exit."""
    try:
        yield
    except InputError as exc:
        if as_json:
            print(json.dumps(exc.as_dict(), ensure_ascii=False, indent=2), file=sys.stderr)
        else:
            # soft_wrap: a message is never broken by inserted newlines (logs, grep, CI)
            err_console.print(exc.render(), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_INVALID_INPUT) from None
    except ChinaetsError as exc:
        err_console.print(f"error / 错误: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_INVALID_INPUT) from None
    except Exception as exc:
        if not _database_unusable(exc):
            raise
        kind = type(getattr(exc, "orig", exc)).__name__
        err_console.print(
            f"error / 错误: the database cannot be used ({kind}); check --db, that the server "
            "runs and that no other program holds the file / 数据库无法使用：请检查 --db 参数、"
            "数据库服务是否运行，以及文件是否被其他程序占用",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_INVALID_INPUT) from None


def _database_unusable(exc: Exception) -> bool:
    """A database that is unreachable, locked or not a database (SQLAlchemy's
    OperationalError, or DuckDB's IOException: both named, so that neither library is
    imported by commands that do not use it; the command table keeps start-up lean)."""
    kinds = {(kind.__module__, kind.__name__) for kind in type(exc).__mro__}
    if ("sqlalchemy.exc", "OperationalError") in kinds:
        return True
    return "duckdb" in type(exc).__module__ and type(exc).__name__ == "IOException"


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_trace(node: TraceNode, lang: Lang) -> None:
    """The tree in the reader's language (`render.lang()`: --lang, CHINAETS_LANG, locale)."""
    # plain text, never markup: a formula in brackets ("[no previous-year output given]") would
    # read as a style tag and vanish
    tree = Tree(Text(node.headline(lang)), highlight=False)
    _grow(tree, node, lang)
    console.print(tree)


def _grow(tree: Tree, node: TraceNode, lang: Lang) -> None:
    for child in node.children:
        _grow(tree.add(Text(child.headline(lang)), highlight=False), child, lang)


def fmt_number(value: Any, decimals: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes/是" if value else "no/否"
    if isinstance(value, int | float):
        return f"{value:,.{decimals}f}"
    return str(value)


Register = Callable[[typer.Typer], None]
