"""The command's entry point starts with Python's cyclic garbage collector off, for the window's
start-up only: every other command runs with it on."""
from __future__ import annotations

import contextlib
import gc

import pytest

from app import launch


@pytest.mark.parametrize("argv", [["devices", "--help"], ["--help"], ["queue", "--bogus"]], ids=" ".join)
def test_a_command_that_opens_no_window_runs_with_the_collector_on(argv, monkeypatch) -> None:
    monkeypatch.setattr("sys.argv", ["till-loyalty", *argv])
    try:
        with contextlib.suppress(SystemExit):  # help, or a complaint about the command line
            launch.main()
        assert gc.isenabled()
    finally:
        gc.enable()
