"""The screening list's free-text search, on the text index migration ``screening`` makes.

A search looks for a piece of text (case-insensitive, ``%`` and ``_`` plain characters) in a
finding's messages (en, zh), its code, the entity's credit code and the entity's name. On
PostgreSQL the index is pg_trgm's GIN (``platform_search_findings`` over the finding's columns,
``platform_search_names`` over the submissions' names), and the query is the union of one
lookup per column (each planned on its own: an index where the text is rare, a scan where it is
everywhere). On SQLite it is an FTS5 table with the trigram tokenizer (``platform_search``, one row
per finding, filled by a trigger), asked with a phrase; trigrams need three characters, so a
shorter search reads the rows instead (as does any other database).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select, text, union
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from chinaets.platform.models import FindingRow, SubmissionRow

F = FindingRow
S = SubmissionRow
TRIGRAM = 3
"""The shortest search an n-gram index can answer."""


def matching(session: Session, search: str) -> ColumnElement[bool]:
    """A condition on `FindingRow` that holds for the findings the search finds."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite" and len(search) >= TRIGRAM:
        phrase = '"' + search.replace('"', '""') + '"'
        found = text("SELECT rowid FROM platform_search WHERE platform_search MATCH :phrase")
        return F.id.in_(found.bindparams(phrase=phrase).columns(F.id))
    if dialect == "postgresql":  # one lookup per column, each on its trigram index where
        f, s = aliased(F), aliased(S)  # that helps, then one semi-join on their union
        arms = [select(f.id).where(contains(search, column))
                for column in (f.en, f.zh, f.code, f.credit_code)]  # fmt: skip
        by_name = select(f.id).join(s, s.id == f.submission_id).where(contains(search, s.name))
        return F.id.in_(union(*arms, by_name))
    named = aliased(S)
    by_name = select(named.id).where(contains(search, named.name))
    return or_(contains(search, F.en, F.zh, F.code, F.credit_code), F.submission_id.in_(by_name))


def contains(search: str, *columns: InstrumentedAttribute[str]) -> ColumnElement[bool]:
    """ILIKE (not ``lower(column)``, which no trigram index serves); plain LIKE when the search
    has no letter with a case (Chinese text): the same rows, at a fraction of ILIKE's cost."""
    pattern = "%" + search.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"
    caseless = search.lower() == search.upper()
    return or_(*(c.like(pattern, escape="/") if caseless else c.ilike(pattern, escape="/")
                 for c in columns))  # fmt: skip
