"""Alembic migrations of the registry ledger; run them with `chinaets.registry.store.upgrade`."""
