"""benchmarks/RESULTS.md: one section per benchmark, replaced in place when it is run again."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")
TITLE = "# Benchmark results\n"


def write_section(section: str, before: str | None = None) -> None:
    """Replace the section that starts with `section`'s first line ("## Heading"), or add it:
    before the section headed `before` when that exists, else at the end."""
    heading = section.lstrip("\n").split("\n", 1)[0]
    body = section.strip("\n") + "\n"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else TITLE
    start = text.find(heading + "\n")
    if start >= 0:
        end = text.find("\n## ", start + len(heading))
        rest = text[end + 1 :] if end >= 0 else ""
        text = text[:start] + body + ("\n" + rest if rest else "")
    elif before is not None and (at := text.find(before + "\n")) >= 0:
        text = text[:at] + body + "\n" + text[at:]
    else:
        text = text.rstrip("\n") + "\n\n" + body
    RESULTS.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
