"""Alembic environment of the till's local store.

The till runs the migrations itself when it opens the file (`cache.migrate.upgrade`), handing its
connection over in `config.attributes["connection"]`: the whole upgrade is one transaction begun
with BEGIN IMMEDIATE, so two processes opening the same file cannot both migrate it.

For developers, the alembic command line works too, on a scratch file:
    alembic -c cache/alembic.ini -x db=/tmp/scratch.sqlite upgrade head
    alembic -c cache/alembic.ini -x db=/tmp/scratch.sqlite revision --autogenerate -m "..."
"""
from __future__ import annotations

from typing import Any

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection

from cache.engine import make_engine
from cache.tables import Base, UtcDateTime

config = context.config
target_metadata = Base.metadata


def render_item(kind: str, obj: Any, autogen_context: AutogenContext) -> str | bool:
    """Write UTC datetimes as plain `sa.DateTime()`: migrations must not import the models."""
    if kind == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime()"
    return False


def run(connection: Connection) -> None:
    """Run the migrations on `connection` (batch mode: SQLite cannot alter most things in place)."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    """Use the connection handed over by the till, or open the file named with `-x db=PATH`."""
    if context.is_offline_mode():
        raise SystemExit("the local store is migrated online only")
    connection = config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    path = context.get_x_argument(as_dictionary=True).get("db")
    if not path:
        raise SystemExit("name the database file: alembic -c cache/alembic.ini -x db=PATH ...")
    engine = make_engine(path)
    try:
        with engine.begin() as own_connection:
            run(own_connection)
    finally:
        engine.dispose()


main()
