"""The sandbox loyalty service run as a child process for the demo till.

Runs `python -m app sandbox --port 0` (with `--api retailcrm`: the stand-in RetailCRM, its API
key given in the child's environment) with QProcess (no blocking waits on the GUI thread) and
reads its stdout: `SANDBOX LISTENING <url>` once, then `SANDBOX CODE <code> <to> <purpose> <amount>`
for every one-time code it 'sent'.
"""
from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, Signal

from app.demo.sandbox_child import STOP_WITH_PARENT_ENV

log = logging.getLogger(__name__)


class SandboxProcess(QObject):
    """Starts the sandbox service and reports its URL and the codes it sends.

    `extra_args` go to the `sandbox` command; `environment` is added to the child's.
    """

    listening = Signal(str)  # service URL
    code_sent = Signal(str, str, str, str)  # code, masked phone, purpose, amount
    log_line = Signal(str)
    failed = Signal(str)  # why it stopped, in the till's language (the technical cause is logged)

    def __init__(
        self,
        extra_args: list[str] | None = None,
        parent: QObject | None = None,
        *,
        environment: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._args = ["-m", "app", "sandbox", "--host", "127.0.0.1", "--port", "0", *(extra_args or [])]
        self._process = QProcess(self)
        child_environment = QProcessEnvironment.systemEnvironment()
        for name, value in (environment or {}).items():
            child_environment.insert(name, value)
        child_environment.insert(STOP_WITH_PARENT_ENV, "1")  # the child exits when our end of stdin closes
        self._process.setProcessEnvironment(child_environment)
        self._process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        self._process.readyReadStandardOutput.connect(self._read_stdout)
        self._process.readyReadStandardError.connect(self._read_stderr)
        self._process.errorOccurred.connect(self._on_error)
        self._process.finished.connect(self._on_finished)
        self._buffer = b""
        self._stopping = False
        self.url: str | None = None

    def start(self) -> None:
        """Start the child process; `listening` follows once it serves."""
        self._process.start(sys.executable, self._args)

    def stop(self) -> None:
        """Stop the child (terminate, then kill if it lingers)."""
        self._stopping = True
        if self._process.state() != QProcess.ProcessState.NotRunning:
            self._process.terminate()
            if not self._process.waitForFinished(3000):
                self._process.kill()
                self._process.waitForFinished(3000)

    def _read_stdout(self) -> None:
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for raw in lines:
            line = raw.decode("utf-8", "replace").strip()
            if line.startswith("SANDBOX LISTENING "):
                self.url = line.split(" ", 2)[2]
                self.listening.emit(self.url)
            elif line.startswith("SANDBOX CODE "):
                parts = line.split(" ")
                code, purpose, amount = parts[2], parts[-2], parts[-1]
                to = " ".join(parts[3:-2])
                self.code_sent.emit(code, to, purpose, amount)
            elif line:
                self.log_line.emit(line)

    def _read_stderr(self) -> None:
        for line in bytes(self._process.readAllStandardError().data()).decode("utf-8", "replace").splitlines():
            if line.strip():
                self.log_line.emit(line.strip())

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if self._stopping:
            return
        log.warning("sandbox process error: %s", error.name)
        if error == QProcess.ProcessError.FailedToStart:
            reason = QCoreApplication.translate("Sandbox", "it could not be started")
        elif error == QProcess.ProcessError.Crashed:
            reason = QCoreApplication.translate("Sandbox", "it crashed")
        else:
            reason = QCoreApplication.translate("Sandbox", "it failed (%1)").replace("%1", error.name)
        self.failed.emit(reason)

    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        if self._stopping or status == QProcess.ExitStatus.CrashExit:
            return  # a crash was already reported by errorOccurred
        log.warning("sandbox process exited with code %d", code)
        self.failed.emit(QCoreApplication.translate("Sandbox", "it ended with exit code %1").replace("%1", str(code)))
