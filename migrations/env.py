"""Alembic environment for the local (device) database.

Run through ``yulu_desktop.store.migrate`` (``yulu init``), which passes an open, keyed connection in
``config.attributes["connection"]``. After every run the journal triggers are regenerated from the live schema:
SQLite batch migrations rebuild tables and drop their triggers.
"""

from __future__ import annotations

from alembic import context

from yulu_desktop.store import journal
from yulu_desktop.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise SystemExit("Run migrations with `yulu init` (they need the database passphrase).")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
)
context.run_migrations()
journal.install_triggers(connection)
