"""Alembic environment: always called with a live connection from janji.store.db (never from alembic.ini)."""
from __future__ import annotations

from alembic import context

from janji.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable by running the alembic CLI by hand
    raise RuntimeError("janji store migrations run through janji.store.open_store(url)")

context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
