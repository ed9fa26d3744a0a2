"""Alembic environment of the county server database (``yulu-server admin migrate``, or at startup).

``server.db.upgrade`` passes an open connection in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from yulu_desktop.server.models import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise SystemExit("Run server migrations with `yulu-server admin migrate`.")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
context.run_migrations()
