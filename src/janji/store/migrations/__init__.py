"""Alembic migrations of the store, run programmatically by :func:`janji.store.db.upgrade`."""
