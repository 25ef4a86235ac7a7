"""Schema migrations of the sandbox's database, run by the sandbox itself when it starts.

The alembic scripts live in `loyalty_client/sandbox/migrations/`, inside the package, so an
installed back office carries them. `upgrade(engine)` brings a new or older database to the
newest schema in one transaction, keeping every row; a database made before migrations existed
(the tables, no `alembic_version`) is recognised and stamped with the revision that equals its
schema (`BEFORE_MIGRATIONS`) first.

Only one process migrates a database at a time: the transaction first takes the database's
migration lock (a transaction-scoped advisory lock on PostgreSQL, `BEGIN IMMEDIATE` on SQLite);
a second sandbox starting meanwhile waits, then finds the schema up to date.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).resolve().with_name("migrations")

BEFORE_MIGRATIONS = "0001"
"""The revision whose schema is what `create_all` made before the sandbox had migrations."""

_UNVERSIONED_WITH_OFFLINE_LIMIT = "0002"
"""A database `create_all` made just before migrations came may already have 0002's columns."""
_UNVERSIONED_WITH_STORE_PROGRAMS = "0003"
"""... or those of 0003 (made by `create_all` with the models of this version)."""

_UNVERSIONED_WITH_OFFER_RULES = "0004"
"""... or, made by `create_all` of a newer version, even the offer rules of 0004."""

_ADVISORY_LOCK_KEY = 0x7117_5A4D  # any fixed number: the sandbox's schema lock on PostgreSQL


class SchemaTooNew(RuntimeError):
    """The database carries a schema revision this version of the sandbox does not know."""


def alembic_config(connection: Connection | None = None) -> Config:
    """An alembic configuration for the packaged scripts (no ini file), optionally on a connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this version of the sandbox knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migrations are packaged")
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database (None for an empty one, or one made before migrations)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _lock(connection: Connection) -> None:
    """Take the migration lock for the rest of the transaction (released at commit or rollback)."""
    backend = connection.dialect.name
    if backend == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK_KEY})
    elif backend == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision` in one transaction, one migrator at a time.

    Raises `SchemaTooNew` when the database carries a revision this version does not know (a
    newer sandbox wrote it): it is left untouched rather than guessed at.
    """
    scripts = ScriptDirectory.from_config(alembic_config())
    with engine.begin() as connection:
        _lock(connection)
        found = MigrationContext.configure(connection).get_current_revision()
        if found is not None and found not in {script.revision for script in scripts.walk_revisions()}:
            raise SchemaTooNew(f"the database has schema {found}, newer than this sandbox knows ({head_revision()})")
        if found is None and inspect(connection).has_table("customers"):
            command.stamp(alembic_config(connection), _unversioned_schema(connection))
        command.upgrade(alembic_config(connection), revision)


def _unversioned_schema(connection: Connection) -> str:
    """The revision that equals the schema of a database made with `create_all`, before migrations."""
    if inspect(connection).has_table("coupon_uses"):
        return _UNVERSIONED_WITH_OFFER_RULES
    columns = {column["name"] for column in inspect(connection).get_columns("programs")}
    if "store_id" in columns:
        return _UNVERSIONED_WITH_STORE_PROGRAMS
    return _UNVERSIONED_WITH_OFFLINE_LIMIT if "offline_redeem_limit" in columns else BEFORE_MIGRATIONS


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database back to `revision` (for development and tests; the sandbox never downgrades)."""
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)
