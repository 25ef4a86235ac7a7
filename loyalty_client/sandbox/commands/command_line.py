"""What every `till-loyalty sandbox` command line shares: a parser that reports a usage error in one
line, the database options (`--db URL | --db-file PATH`, or the environment) and the URL they give,
a database error in the driver's own words, and the exit status for bad input."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from loyalty_client.sandbox.storage.db_url import DB_URL_ENV, check_url, choose_url, has_password

EXIT_BAD_INPUT = 2
"""The exit status of a command given something it cannot use."""


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line, with exit status `EXIT_BAD_INPUT`."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def add_db_options(parser: argparse.ArgumentParser, url_help: str) -> None:
    """Add `--db URL` and `--db-file PATH` (one or the other) to `parser`."""
    given = parser.add_mutually_exclusive_group()
    given.add_argument("--db", default=None, metavar="URL", help=url_help)
    given.add_argument(
        "--db-file",
        type=Path,
        metavar="PATH",
        help=f"read the URL from the first line of this file (not readable by other users); "
        f"or set {DB_URL_ENV}: a password in --db shows in the process list",
    )


def database_url(args: argparse.Namespace, prog: str, *, must_exist: bool) -> str | None:
    """The URL from --db, --db-file or the environment, checked (`DatabaseUrlError`); None when none
    is given. Warns on stderr of a password on the command line."""
    chosen = choose_url(args.db, args.db_file, os.environ)
    if chosen is None:
        return None
    url, source = chosen
    if args.db is not None and has_password(args.db):
        print(
            f"{prog}: warning: the password in --db shows in the process list to every user of this machine; "
            f"use --db-file PATH or {DB_URL_ENV} instead",
            file=sys.stderr,
            flush=True,
        )
    check_url(url, source=source, must_exist=must_exist)
    return url


def first_line(exc: SQLAlchemyError) -> str:
    """The driver's own words for a database error, without SQLAlchemy's SQL and links."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
