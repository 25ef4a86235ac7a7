"""Start the till's window: the real till (`run`) or the demo till with its sandbox (`demo`)."""
from __future__ import annotations

import logging
import os
import secrets
import signal
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from app.i18n import install_translator
from app.demo.sandbox_process import SandboxProcess
from app.settings import Settings
from app.till import TillApplication
from widgets.style import apply_style

log = logging.getLogger(__name__)

SHOWN_MARKER = "TILL WINDOW SHOWN"


def run_till(settings: Settings, *, demo: bool, exit_when_shown: bool = False, service_kind: str = "soap") -> int:
    """Run the till window until it is closed; returns the exit code.

    `service_kind` (the demo): "soap", the sandbox speaking the till's contract, or "retailcrm",
    the sandbox standing in for RetailCRM (with SMS confirmation of charges), the till using a
    key made for this run.
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("till-loyalty")
    install_translator(app, settings.get("ui", "language"))
    apply_style(app)
    workdir = tempfile.TemporaryDirectory(prefix="till-demo-") if demo else None
    database = Path(workdir.name) / "till.sqlite" if workdir else Path(settings.get("cache", "database"))
    database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # private from the start
    till = TillApplication(settings, demo=demo, database_path=database)
    sandbox: SandboxProcess | None = None
    if demo:
        sandbox = _start_sandbox(till, service_kind)
    else:
        till.connect_service(settings.get("service", "endpoint"))
    till.start_host_api()  # the demo's POS drives the till through it too
    till.window.place_on_screen(side_panel=not demo)
    till.window.show()
    _quit_on_signals(app)
    if exit_when_shown:
        QTimer.singleShot(0, lambda: _report_shown_and_quit(app))
    try:
        return app.exec()
    finally:
        till.shutdown()
        if sandbox is not None:
            sandbox.stop()
        if workdir is not None:
            workdir.cleanup()


def _start_sandbox(till: TillApplication, service_kind: str = "soap") -> SandboxProcess:
    if service_kind == "retailcrm":
        from loyalty_client.endpoints import API_KEY_ENV

        key = secrets.token_hex(16)  # the demo's own, for this run only
        sandbox = SandboxProcess(["--api", "retailcrm", "--sms-charge"], till, environment={API_KEY_ENV: key})
        sandbox.listening.connect(lambda url: till.connect_service(url, key))
    else:
        sandbox = SandboxProcess(parent=till)
        sandbox.listening.connect(till.connect_service)
    log_pane = till.window.sandbox_log
    sandbox.listening.connect(
        lambda url: log_pane.append_line(
            QCoreApplication.translate("Till", "Sandbox loyalty service at %1").replace("%1", url)
        )
    )
    sandbox.code_sent.connect(lambda code, to, purpose, amount: log_pane.show_code(code, to))
    sandbox.log_line.connect(log_pane.append_line)
    sandbox.failed.connect(
        lambda reason: till.window.loyalty.messages.show_error(
            QCoreApplication.translate("Till", "The sandbox service stopped: %1").replace("%1", reason)
        )
    )
    sandbox.start()
    return sandbox


def _quit_on_signals(app: QApplication) -> None:
    """Ctrl+C or a service manager's SIGTERM closes the till cleanly (workers, sandbox child)."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: app.quit())
    # Python runs signal handlers only between bytecodes: wake the interpreter now and then.
    heartbeat = QTimer(app)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(250)


def _report_shown_and_quit(app: QApplication) -> None:
    # For the start-up benchmark: the first turn of the event loop after show() has painted.
    print(f"{SHOWN_MARKER} {time.perf_counter():.6f} {os.getpid()}", flush=True)
    app.quit()
