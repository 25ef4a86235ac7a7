"""Fixtures shared by the test suites."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import pytest

from loyalty_client.sandbox import RunningSandbox, SandboxClock, start_sandbox


# The demo data has fixed dates (Anna's 30.00 points expire on 2026-12-31): the sandbox in tests
# lives on a fixed day before them, so the suite gives the same answers whatever the date.
SANDBOX_DAY = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


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


@pytest.fixture
def sandbox(tmp_path: Path, sandbox_clock: SandboxClock) -> Iterator[RunningSandbox]:
    """The sandbox loyalty service on a free loopback port, with a fresh database of demo data.

    `.url` to call it, `.codes` / `.last_code()` for one-time codes it sent, `.service` for its
    logic, `.clock` for its time.
    """
    running = start_sandbox(f"sqlite:///{tmp_path / 'sandbox.sqlite'}", clock=sandbox_clock)
    try:
        yield running
    finally:
        running.stop()
