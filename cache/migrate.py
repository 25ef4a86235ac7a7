"""Schema migrations of the local store, run by the program itself when it opens the file.

The alembic scripts live in `cache/migrations/`, inside the package, so an installed till carries
them. `upgrade(engine)` brings a new or older file to the newest schema in one transaction.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from cache.errors import SchemaTooNew

MIGRATIONS = Path(__file__).resolve().with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    """An alembic configuration for the packaged scripts (no ini file), optionally on a connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this version of the till knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migrations are packaged")
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the file (None for a new, empty file)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the file to `revision` in one transaction (BEGIN IMMEDIATE: one migrator at a time).

    Raises `SchemaTooNew` when the file carries a revision this version does not know (a newer
    till wrote it): it is left untouched rather than guessed at.
    """
    scripts = ScriptDirectory.from_config(alembic_config())
    with engine.begin() as connection:
        found = MigrationContext.configure(connection).get_current_revision()
        if found is not None and found not in {script.revision for script in scripts.walk_revisions()}:
            raise SchemaTooNew(f"the database has schema {found}, newer than this till knows ({head_revision()})")
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the file back to `revision` (for development and tests; the till never downgrades)."""
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)
