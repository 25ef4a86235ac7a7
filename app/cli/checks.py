"""Checks of the `till-loyalty` command's input, and the one line an expected failure becomes.

The checks run before any heavy import (no Qt, no SQLAlchemy), so a wrong value costs no start-up
and ends in one line naming it. What slips past them (a file that changes under the command, a
folder that cannot be created) still reaches `expected_problem`, which words the failures that
bad input causes; any other exception is a bug and keeps its traceback.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from app.settings import Settings, SettingsError
from loyalty_client.endpoint_problems import EndpointError, EndpointProblem
from loyalty_client.endpoints import RETAILCRM_SCHEMES

SQLITE_HEADER = b"SQLite format 3\x00"

_SQLITE_FILE_PROBLEMS = (
    "file is not a database",
    "unable to open database file",
    "database disk image is malformed",
    "attempt to write a readonly database",
)


class CommandLineError(Exception):
    """A value given to the command (or read from its settings) cannot be used; the message says why."""


def url_problem(url: str) -> str | None:
    """What makes `url` unfit as the loyalty service's address; None when it is fit.

    `http(s)://host/...` is the SOAP contract; `retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE`
    is RetailCRM (plain `retailcrm+http://` only on this machine).
    """
    error = endpoint_error(url)
    return None if error is None else str(error)


def endpoint_error(url: str) -> EndpointError | None:
    """What makes `url` unfit as the loyalty service's address, as a code and the words of
    `url_problem`; None when it is fit."""
    not_url = EndpointError(
        EndpointProblem.NOT_AN_ADDRESS,
        "is not an http:// or https:// address with a host (e.g. http://127.0.0.1:8580/),"
        " nor retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE",
    )
    bad_port = EndpointError(EndpointProblem.BAD_PORT, "has a port that is not a number from 1 to 65535")
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return not_url
    if parts.scheme in RETAILCRM_SCHEMES:
        from loyalty_client.retailcrm.client import parse_endpoint

        try:
            parse_endpoint(url.strip())
        except EndpointError as exc:
            return EndpointError(exc.problem, f"is not a usable RetailCRM endpoint: {exc}")
        except ValueError as exc:
            return EndpointError(EndpointProblem.RETAILCRM_SHAPE, f"is not a usable RetailCRM endpoint: {exc}")
        try:
            urlsplit(url.strip()[len("retailcrm+"):]).port
        except ValueError:
            return EndpointError(
                EndpointProblem.BAD_PORT, "is not a usable RetailCRM endpoint: its port is not a number from 1 to 65535"
            )
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return not_url
    try:
        parts.port
    except ValueError:
        return bad_port
    return None


def service_url(text: str) -> str:
    """argparse type of `--service`: an http(s) URL with a host, or a RetailCRM endpoint."""
    problem = url_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(f"{text!r} {problem}")
    return text


def check_service_setting(url: str, source: str) -> None:
    """Refuse a service address from the settings file that no client could call."""
    problem = url_problem(url)
    if problem is not None:
        raise CommandLineError(f"the loyalty service {url!r} ({source}) {problem}: fix it, or give --service URL")


def check_service_key(settings: Settings, source: str) -> None:
    """Refuse to call a service that needs an API key (RetailCRM) when none is set or stored."""
    from app.service.api_key import read_api_key
    from app.service.factory import NO_KEY_MESSAGE, needs_api_key

    endpoint = settings.get("service", "endpoint")
    if needs_api_key(endpoint) and not read_api_key(settings):
        raise CommandLineError(f"{NO_KEY_MESSAGE} ({source} names RetailCRM)")


def check_till_database(path: Path, source: str) -> None:
    """Refuse a folder, an unreadable file or one that is not SQLite as the till's database.

    A missing file is fine (the till creates it, and its folder); `source` says where the path came
    from. Only the first bytes are read: opening it with SQLite would already change it.
    """
    if path.is_dir():
        raise CommandLineError(
            f"{path} is a folder ({source}): name the till's database file, e.g. {path / 'till.sqlite'}"
        )
    if path.exists():
        try:
            with path.open("rb") as file:
                head = file.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise CommandLineError(f"cannot read the till database {path} ({source}): {exc.strerror or exc}") from exc
        if head and head != SQLITE_HEADER:
            raise CommandLineError(
                f"{path} is not a till database, not even an SQLite file ({source}): name the till's database or a new file"
            )
        return
    folder = next((parent for parent in path.parents if parent.exists()), None)
    if folder is not None and not folder.is_dir():
        raise CommandLineError(f"{folder} is a file, so no database can be made at {path} ({source})")


def expected_problem(exc: BaseException) -> str | None:
    """The one line for an exception that bad input causes; None for anything else (a bug)."""
    if isinstance(exc, (CommandLineError, SettingsError)):
        return str(exc)
    secrets_store = sys.modules.get("app.secrets_store")  # a secrets folder or file that is not private
    if secrets_store is not None and isinstance(exc, secrets_store.SecretFileError):
        return str(exc)
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"cannot use {exc.filename}: {exc.strerror or exc}: check the path and its permissions"
    sqlalchemy_errors = sys.modules.get("sqlalchemy.exc")  # never raised if SQLAlchemy was never imported
    if sqlalchemy_errors is not None:
        if isinstance(exc, sqlalchemy_errors.NoSuchModuleError):
            return f"unknown kind of database: {_first_line(exc)}"
        if isinstance(exc, sqlalchemy_errors.ArgumentError) and "URL" in str(exc):
            return f"not a database URL: {_first_line(exc)}"
        if isinstance(exc, sqlalchemy_errors.DBAPIError):
            exc = exc.orig or exc
    sqlite = sys.modules.get("sqlite3")
    if sqlite is not None and isinstance(exc, sqlite.DatabaseError):
        text = str(exc)
        if any(problem in text for problem in _SQLITE_FILE_PROBLEMS):
            return f"cannot use the database: {_first_line(exc)}: check --db"
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
