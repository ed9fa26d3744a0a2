"""Alembic environment of the province database (``yulu-province migrate``).

``province.db.ProvinceDatabase.migrate`` passes an open connection in ``config.attributes["connection"]``. The
version table is ``province_alembic_version`` (not Alembic's default), so a province history never collides with
a county server's. There is no model metadata: the migrations are explicit DDL (partitioned tables, which
autogenerate does not understand).
"""

from __future__ import annotations

from alembic import context

from yulu_desktop.province.db import VERSION_TABLE

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise SystemExit("Run province migrations with `yulu-province migrate`.")

context.configure(connection=connection, target_metadata=None, version_table=VERSION_TABLE)
context.run_migrations()
