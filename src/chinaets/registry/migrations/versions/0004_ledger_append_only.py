"""The ledger's history is append-only in the database itself: postings, users, the exchange's
events, trades and cash postings refuse UPDATE, DELETE (and TRUNCATE on PostgreSQL); a
transaction row may be updated once, from its claim ('{}') to its result, and never deleted.
Blocks and balances are current state, changed by design; `registry check` and `market check`
prove them against this history, and the audit chain (with its anchors outside the database)
covers the rest.

Revision ID: ledger_append_only
Revises: exchange_ccer
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "ledger_append_only"
down_revision = "exchange_ccer"
branch_labels = None
depends_on = None

APPEND_ONLY = (
    "registry_postings",
    "registry_users",
    "market_events",
    "market_trades",
    "market_cash_postings",
)
ONE_UPDATE = "registry_transactions"  # claimed with result '{}', then its result stored once


def _sqlite() -> list[str]:
    statements = []
    for table in APPEND_ONLY:
        for verb in ("UPDATE", "DELETE"):
            statements.append(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    statements += [
        f"CREATE TRIGGER {ONE_UPDATE}_no_delete BEFORE DELETE ON {ONE_UPDATE} "
        f"BEGIN SELECT RAISE(ABORT, '{ONE_UPDATE} is append-only'); END",
        f"CREATE TRIGGER {ONE_UPDATE}_result_once BEFORE UPDATE ON {ONE_UPDATE} "
        "WHEN OLD.result <> '{}' OR NEW.request IS NOT OLD.request "
        "OR NEW.request_hash IS NOT OLD.request_hash OR NEW.request_id IS NOT OLD.request_id "
        "OR NEW.actor IS NOT OLD.actor OR NEW.op IS NOT OLD.op OR NEW.created_at IS NOT OLD.created_at "
        f"BEGIN SELECT RAISE(ABORT, '{ONE_UPDATE}: a result is stored once'); END",
    ]
    return statements


def _postgresql() -> list[str]:
    statements = [
        """CREATE FUNCTION chinaets_append_only() RETURNS trigger LANGUAGE plpgsql AS
           $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$""",
        """CREATE FUNCTION chinaets_result_once() RETURNS trigger LANGUAGE plpgsql AS
           $$ BEGIN
             IF OLD.result <> '{}' OR (NEW.request, NEW.request_hash, NEW.request_id, NEW.actor,
                 NEW.op, NEW.created_at) IS DISTINCT FROM (OLD.request, OLD.request_hash,
                 OLD.request_id, OLD.actor, OLD.op, OLD.created_at) THEN
               RAISE EXCEPTION 'registry_transactions: a result is stored once';
             END IF;
             RETURN NEW;
           END $$""",
    ]
    for table in APPEND_ONLY:
        statements += [
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION chinaets_append_only()",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION chinaets_append_only()",
        ]
    statements += [
        f"CREATE TRIGGER {ONE_UPDATE}_no_delete BEFORE DELETE ON {ONE_UPDATE} "
        "FOR EACH ROW EXECUTE FUNCTION chinaets_append_only()",
        f"CREATE TRIGGER {ONE_UPDATE}_no_truncate BEFORE TRUNCATE ON {ONE_UPDATE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION chinaets_append_only()",
        f"CREATE TRIGGER {ONE_UPDATE}_result_once BEFORE UPDATE ON {ONE_UPDATE} "
        "FOR EACH ROW EXECUTE FUNCTION chinaets_result_once()",
        "CREATE TRIGGER registry_audit_no_truncate BEFORE TRUNCATE ON registry_audit_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION chinaets_append_only()",
    ]
    return statements


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in _postgresql() if postgresql else _sqlite():
        op.execute(statement)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    names = [f"{t}_append_only" for t in APPEND_ONLY] + [f"{t}_no_truncate" for t in APPEND_ONLY]
    if not postgresql:
        names = [f"{t}_no_{v}" for t in APPEND_ONLY for v in ("update", "delete")]
    names += [f"{ONE_UPDATE}_no_delete", f"{ONE_UPDATE}_result_once"]
    for name in names:
        table = next(t for t in (*APPEND_ONLY, ONE_UPDATE) if name.startswith(t))
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgresql else ""))
    if postgresql:
        op.execute(f"DROP TRIGGER IF EXISTS {ONE_UPDATE}_no_truncate ON {ONE_UPDATE}")
        op.execute("DROP TRIGGER IF EXISTS registry_audit_no_truncate ON registry_audit_log")
        op.execute("DROP FUNCTION IF EXISTS chinaets_result_once()")
        op.execute("DROP FUNCTION IF EXISTS chinaets_append_only()")
