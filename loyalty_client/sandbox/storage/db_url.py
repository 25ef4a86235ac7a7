"""The sandbox's database URL: where it comes from, and the checks made on it before it is opened.

A URL may carry a password, and a command line is readable by every user of the machine (`ps`),
so besides `--db URL` the URL can come from a file only its owner can read (`--db-file PATH`,
first line) or from the environment (`TILL_LOYALTY_SANDBOX_DB`).

The checks turn what would otherwise end deep inside SQLAlchemy or SQLite (an unparsable URL, a
missing driver, a folder or a text file given as the database, a folder that does not exist)
into a `DatabaseUrlError` whose message names the problem and what to do.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Mapping

from sqlalchemy import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

DB_URL_ENV = "TILL_LOYALTY_SANDBOX_DB"
"""Environment variable holding the sandbox's database URL (when neither --db nor --db-file is given)."""

SQLITE_HEADER = b"SQLite format 3\x00"
_EXAMPLES = "e.g. sqlite:///path/to/sandbox.sqlite or postgresql://user@host/name"


class DatabaseUrlError(ValueError):
    """The database URL (or the file or variable that should hold it) cannot be used; the message says why."""


def url_from_file(path: Path) -> str:
    """The URL on the first line of `path`, a file no one but its owner may read."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise DatabaseUrlError(f"--db-file {path} is a folder: name the file that holds the URL")
        if os.name == "posix" and mode & (stat.S_IRGRP | stat.S_IROTH):
            raise DatabaseUrlError(
                f"--db-file {path} can be read by other users (mode {stat.S_IMODE(mode):03o}): "
                f"run `chmod 600 {path}` first"
            )
        with path.open(encoding="utf-8") as file:
            line = file.readline().strip()
    except OSError as exc:
        raise DatabaseUrlError(f"cannot read --db-file {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise DatabaseUrlError(f"--db-file {path} is not a text file: its first line must be the database URL") from exc
    if not line:
        raise DatabaseUrlError(f"--db-file {path} has no URL on its first line ({_EXAMPLES})")
    return line


def choose_url(option: str | None, file: Path | None, environ: Mapping[str, str]) -> tuple[str, str] | None:
    """The URL from `--db`, else `--db-file`, else the environment, with where it came from
    (for messages); None when none gives one."""
    if option is not None:
        return option, "--db"
    if file is not None:
        return url_from_file(file), f"--db-file {file}"
    value = environ.get(DB_URL_ENV)
    return (value, DB_URL_ENV) if value else None


def has_password(url: str) -> bool:
    """True when `url` carries a password (so it should not be on a command line)."""
    try:
        return make_url(url).password is not None
    except ArgumentError:
        return False


def shown(url: str | URL) -> str:
    """`url` fit to print: the password masked."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return str(url)


def check_url(text: str, *, source: str = "--db", must_exist: bool = False) -> URL:
    """The parsed URL, once its dialect and driver load and, for SQLite, its file can be one.

    `source` says where the text came from; only a `--db` value, already on the command line,
    is repeated in a message (a file's or the environment's may hold a password). `must_exist`:
    an SQLite file must already be there (reading a ledger must not create one).
    """
    try:
        url = make_url(text)
    except ArgumentError:
        given = f": {text!r}" if source == "--db" else f" in {source}"
        raise DatabaseUrlError(f"not a database URL{given} ({_EXAMPLES})") from None
    try:
        dialect = url.get_dialect()
    except NoSuchModuleError:
        raise DatabaseUrlError(f"unknown kind of database {url.drivername!r} in {shown(url)} ({_EXAMPLES})") from None
    try:
        dialect.import_dbapi()
    except ImportError as exc:
        module = exc.name or str(exc)
        raise DatabaseUrlError(
            f"the database driver for {shown(url)} is not installed (no Python module {module!r}): "
            f"install it into this environment"
        ) from None
    if url.get_backend_name() == "sqlite":
        if url.username or url.password or url.host or url.port:
            raise DatabaseUrlError(
                f"{shown(url)}: an SQLite URL has no user, password or host; the file follows three or four "
                f"slashes (sqlite:///relative/path or sqlite:////absolute/path)"
            )
        if url.database not in (None, "", ":memory:"):
            check_sqlite_file(Path(url.database), must_exist=must_exist)
    return url


def check_sqlite_file(path: Path, *, must_exist: bool) -> None:
    """Refuse a folder, a file that is not SQLite, a missing file (`must_exist`) or a missing folder."""
    if path.is_dir():
        raise DatabaseUrlError(f"{path} is a folder: name a database file in it, e.g. sqlite:///{path / 'sandbox.sqlite'}")
    if path.exists():
        try:
            with path.open("rb") as file:
                head = file.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise DatabaseUrlError(f"cannot read {path}: {exc.strerror or exc}") from exc
        if head and head != SQLITE_HEADER:
            raise DatabaseUrlError(f"{path} is not an SQLite database: name a sandbox database or a new file")
        return
    if must_exist:
        raise DatabaseUrlError(f"no database at {path}: name the file the sandbox was started with")
    if not path.parent.is_dir():
        raise DatabaseUrlError(f"no folder {path.parent} for the database {path}: create it first")
