"""Alembic environment of the sandbox's database (SQLite or PostgreSQL).

The sandbox migrates its database itself when it starts (`loyalty_client.sandbox.migrate.upgrade`),
handing its connection over in `config.attributes["connection"]`: the whole upgrade is one
transaction that holds the database's migration lock, so two sandbox processes starting on the
same database cannot both migrate it.

For developers, the alembic command line works too, on a scratch database:
    alembic -c loyalty_client/sandbox/alembic.ini -x db=sqlite:////tmp/scratch.sqlite upgrade head
    alembic -c loyalty_client/sandbox/alembic.ini -x db=sqlite:////tmp/scratch.sqlite revision --autogenerate -m "..."
"""
from __future__ import annotations

from typing import Any

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection

from loyalty_client.sandbox.storage.database import make_engine
from loyalty_client.sandbox.storage.models import Base, Hundredths, UtcDateTime

config = context.config
target_metadata = Base.metadata


def render_item(kind: str, obj: Any, autogen_context: AutogenContext) -> str | bool:
    """Write the models' own column types as what they store: migrations must not import the models."""
    if kind == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime()"
    if kind == "type" and isinstance(obj, Hundredths):
        return "sa.BigInteger()"
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
    """Use the connection handed over by the sandbox, or open the database named with `-x db=URL`."""
    if context.is_offline_mode():
        raise SystemExit("the sandbox's database is migrated online only")
    connection = config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("db")
    if not url:
        raise SystemExit("name the database: alembic -c loyalty_client/sandbox/alembic.ini -x db=URL ...")
    engine = make_engine(url)
    try:
        with engine.begin() as own_connection:
            run(own_connection)
    finally:
        engine.dispose()


main()
