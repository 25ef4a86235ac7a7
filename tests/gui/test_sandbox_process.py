"""The demo's sandbox child process: when it stops, the reason is told in words, once."""
from __future__ import annotations

import os
import signal

from app.demo.sandbox_process import SandboxProcess


def test_a_sandbox_that_cannot_be_started_says_so(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("app.demo.sandbox_process.sys.executable", str(tmp_path / "no-python"))
    sandbox = SandboxProcess()
    reasons: list[str] = []
    sandbox.failed.connect(reasons.append)
    with qtbot.waitSignal(sandbox.failed, timeout=10_000):
        sandbox.start()
    assert reasons == ["it could not be started"]
    sandbox.stop()


def test_a_sandbox_killed_is_reported_as_crashed_once(qtbot) -> None:
    sandbox = SandboxProcess()
    reasons: list[str] = []
    sandbox.failed.connect(reasons.append)
    with qtbot.waitSignal(sandbox.listening, timeout=30_000):
        sandbox.start()
    with qtbot.waitSignal(sandbox.failed, timeout=10_000):
        os.kill(sandbox._process.processId(), signal.SIGKILL)
    qtbot.waitUntil(lambda: sandbox._process.state().name == "NotRunning")
    assert reasons == ["it crashed"]
    sandbox.stop()
