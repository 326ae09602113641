"""The national data platform's operational store and workflows.

Submissions of annual reports and monthly deposits (immutable versions with their files'
SHA-256), evidence files kept content-addressed on disk, the provincial review workflow and the
screening list of findings. The tables live in the registry's Alembic chain, on the same
database URL (SQLite file by default, PostgreSQL by URL). Nothing here names a sector: the
sector of a file is asked of `chinaets.mrv.sectors`.
"""
