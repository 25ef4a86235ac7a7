"""Fixtures shared by the test suites."""
from __future__ import annotations

import importlib.util
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import pytest

# requests silences urllib3's warning about the missing SOCKS extra while it imports, by a global
# warning filter. The till imports it on a worker thread while another builds the host API,
# whose FastAPI and pydantic enter and leave `warnings.catch_warnings()`: leaving puts back the
# filters without requests' one, and under `filterwarnings = error` the warning then fails the
# import. Imported here once, before any thread runs, it never races.
import requests  # noqa: F401,E402

from loyalty_client.sandbox import RunningSandbox, SandboxClock, start_sandbox
from tests.pg_server import PgServer, PgUnavailable


# The demo data has fixed dates (Anna's 30.00 points expire on 2026-12-31): the sandbox in tests
# lives on a fixed day before them, so the suite gives the same answers whatever the date.
SANDBOX_DAY = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True, scope="session")
def _no_os_keyring() -> Iterator[None]:
    """Tests run as on a till with no usable keyring, whatever this machine has: a developer's
    real keyring never receives a test's secrets, and no backend a test module defines is picked."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _private_config_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test has a config folder of its own (XDG_CONFIG_HOME, inherited by subprocesses).

    Without an OS keyring (as here) the till keeps its secrets in the config folder: a test
    must neither write into the real one nor share its secrets with another test.
    """
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


@pytest.fixture
def sandbox_clock() -> SandboxClock:
    """The sandbox's clock: pinned at `SANDBOX_DAY`; `advance()` moves it on.

    Override it in a test module to pin another moment.
    """
    return SandboxClock(SANDBOX_DAY)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PgServer]:
    """A throwaway PostgreSQL server for the whole run (`tests/pg_server.py`), removed afterwards.

    Where it cannot run (no PostgreSQL, no driver), the tests that need it are skipped with the reason.
    """
    if importlib.util.find_spec("psycopg") is None:
        pytest.skip("PostgreSQL tests need the driver: pip install -e '.[postgres]'")
    try:
        server = PgServer.start()
    except PgUnavailable as exc:
        pytest.skip(f"PostgreSQL cannot be started here: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def sandbox_backend(request: pytest.FixtureRequest) -> str:
    """The database the test's sandbox runs on: "sqlite", unless the test is parametrized with
    `tests.backends.ON_EVERY_DATABASE` ("sqlite" and "postgresql")."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def sandbox_db_url(request: pytest.FixtureRequest, sandbox_backend: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database for the test's sandbox: a SQLite file, or a database on `postgres_server`."""
    if sandbox_backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'sandbox.sqlite'}"
        return
    server: PgServer = request.getfixturevalue("postgres_server")
    name = f"sandbox_{uuid.uuid4().hex[:16]}"
    url = server.create_database(name)
    try:
        yield url
    finally:
        server.drop_database(name)


@pytest.fixture
def sandbox(sandbox_db_url: str, sandbox_clock: SandboxClock) -> Iterator[RunningSandbox]:
    """The sandbox loyalty service on a free loopback port, with a fresh database of demo data.

    `.url` to call it, `.codes` / `.last_code()` for one-time codes it sent, `.service` for its
    logic, `.clock` for its time. Its database is SQLite, or each of SQLite and PostgreSQL in a
    test parametrized with `tests.backends.ON_EVERY_DATABASE`.
    """
    running = start_sandbox(sandbox_db_url, clock=sandbox_clock)
    try:
        yield running
    finally:
        running.stop()
