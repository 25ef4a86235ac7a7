"""Opening the till's local store: one `Database` per file, units of work as sessions.

The store holds what must not leave the till (customers' phone hashes, the admin PIN's hash):
its folder is kept at 0700 and its files at 0600, made so and tightened on every start when
found looser (see `make_private`).
"""
from __future__ import annotations

import logging
import os
import stat
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Iterator

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from cache.engine import DEFAULT_BUSY_TIMEOUT_MS, READ_ONLY, make_engine, make_sessionmaker, private_umask
from cache.migrate import upgrade

log = logging.getLogger(__name__)

PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


class Database:
    """The local store on one SQLite file. Thread-safe: every unit of work gets its own session.

    `transaction()` is a unit of work that may write (BEGIN IMMEDIATE, commit on success, roll back
    on any exception); `reading()` is one that only reads (deferred BEGIN: never waits for a
    writer in WAL mode). Sessions are never shared between threads or kept between units of work.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions: sessionmaker[Session] = make_sessionmaker(engine)
        self._reader_sessions: sessionmaker[Session] = make_sessionmaker(engine.execution_options(**READ_ONLY))

    @property
    def engine(self) -> Engine:
        """The engine: for the hot paths that write straight on a pooled connection (the journal,
        the outbox transitions), for tests and for maintenance; other units of work use sessions."""
        return self._engine

    @property
    def path(self) -> Path:
        """The database file."""
        return Path(self._engine.url.database or "")

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A unit of work that may write: committed when the block ends, rolled back if it raises."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A unit of work that only reads: a consistent snapshot, no write lock."""
        with self._reader_sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        """Close the pooled connections (sessions still open keep theirs until they end)."""
        self._engine.dispose()

    def __enter__(self) -> "Database":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_database(
    path: str | os.PathLike[str], *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> Database:
    """Open the store at `path`, creating the file (and its folder) or upgrading its schema.

    The folder and the files are made private first (see `make_private`).
    """
    file = Path(path)
    with private_umask():
        file.parent.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    make_private(file)
    engine = make_engine(file, busy_timeout_ms=busy_timeout_ms)
    try:
        upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine)


def make_private(database_file: Path) -> None:
    """Give the database's folder mode 0700 and the till's files in it mode 0600, saying so in the log.

    The till's files are the database, its SQLite side files and the secret files older versions
    kept beside it (`.<name>.key`). A folder shared with others is left as it is, with a warning:
    the file system root, the home folder, a folder with the sticky bit (/tmp) or one that
    belongs to another user.
    """
    if os.name != "posix":
        return  # Windows: the user's profile folders are private by their ACLs
    folder = database_file.parent
    info = os.stat(folder)
    mode = stat.S_IMODE(info.st_mode)
    if mode & ~PRIVATE_FOLDER_MODE:
        if _shared(folder, info):
            log.warning(
                "the database folder %s is shared (mode %o); keep the database in a folder of its own",
                folder, mode,
            )
        else:
            os.chmod(folder, PRIVATE_FOLDER_MODE)
            log.warning("the database folder %s was open to others (mode %o); made it 0700", folder, mode)
    for entry in os.scandir(folder):
        if _belongs_to_the_till(entry.name, database_file.name):
            _tighten_file(Path(entry.path))


def _shared(folder: Path, info: os.stat_result) -> bool:
    resolved = folder.resolve()
    return (
        resolved == Path(resolved.anchor)
        or resolved == Path.home().resolve()
        or bool(info.st_mode & stat.S_ISVTX)
        or info.st_uid != os.getuid()
    )


def _belongs_to_the_till(name: str, database_name: str) -> bool:
    return name.startswith(database_name) or (name.startswith(".") and ".key" in name)


def _tighten_file(file: Path) -> None:
    try:
        info = os.lstat(file)
    except FileNotFoundError:
        return  # a side file SQLite removed meanwhile
    mode = stat.S_IMODE(info.st_mode)
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or not mode & ~PRIVATE_FILE_MODE:
        return
    os.chmod(file, PRIVATE_FILE_MODE)
    log.warning("the file %s was open to others (mode %o); made it 0600", file, mode)
