"""Alembic environment for the local (device) database.

Run through ``yulu_desktop.store.migrate`` (``yulu init``), which passes an open, keyed connection in
``config.attributes["connection"]``. After every run the journal triggers are regenerated from the live schema:
SQLite batch migrations rebuild tables and drop their triggers. The search index is (re)installed the same way.
"""

from __future__ import annotations

from alembic import context

from yulu_desktop.store import journal, search_index
from yulu_desktop.store.migrate import include_name
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
    include_name=include_name,
)
context.run_migrations()
journal.install_triggers(connection)
search_index.install(connection)
