"""Start the till's window: the real till (`run`) or the demo till with its sandbox (`demo`).

The window is painted first, from the widgets alone; the rest of the till (checkout, workers,
devices, the host API, the demo's sandbox) is imported on a thread and assembled on the GUI
thread after that first paint (app/startup.py).
"""
from __future__ import annotations

import gc
import logging
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from app.i18n import install_translator
from app.settings import Settings
from app.startup import import_then
from widgets.first_paint import after_first_paint
from widgets.main_window import TillWindow
from widgets.style import application_arguments, apply_stylesheet, set_base_look

if TYPE_CHECKING:
    from app.demo.sandbox_process import SandboxProcess
    from app.till import TillApplication

log = logging.getLogger(__name__)

SHOWN_MARKER = "TILL WINDOW SHOWN"
READY_MARKER = "TILL READY"

#: What the till needs after its first paint, imported off the GUI thread.
ASSEMBLY_MODULES = ("app.till", "app.demo.sandbox_process")


class _Started:
    """The parts assembled after the first paint, for the shutdown."""

    till: TillApplication | None = None
    sandbox: SandboxProcess | None = None


def run_till(settings: Settings, *, demo: bool, exit_when_shown: bool = False, service_kind: str = "soap") -> int:
    """Run the till window until it is closed; returns the exit code.

    `service_kind` (the demo): "soap", the sandbox speaking the till's contract, or "retailcrm",
    the sandbox standing in for RetailCRM (with SMS confirmation of charges), the till using a
    key made for this run.
    `exit_when_shown` (for the start-up benchmark and tests) prints `SHOWN_MARKER` once the window
    has painted, `READY_MARKER` once the till is assembled and its host API serves, and then quits.
    """
    existing = QApplication.instance()
    app = existing or QApplication(application_arguments(sys.argv[:1]))
    app.setApplicationName("till-loyalty")
    install_translator(app, settings.get("ui", "language"))
    set_base_look(app, style_given=existing is None)
    workdir = tempfile.TemporaryDirectory(prefix="till-demo-") if demo else None
    database = Path(workdir.name) / "till.sqlite" if workdir else Path(settings.get("cache", "database"))
    database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # private from the start
    window = TillWindow(demo_mode=demo, fitted_to_screen=True)  # placed below, before it is shown
    window.set_always_on_top(settings.get("ui", "always_on_top"))
    window.loyalty.set_service_status(False, QCoreApplication.translate("Till", "Connecting…"))
    window.place_on_screen(side_panel=not demo)
    apply_stylesheet(app)  # on the finished window: it is polished once, as it is shown
    window.show()
    started = _Started()

    def assemble() -> None:
        from app.till import TillApplication

        till = TillApplication(settings, demo=demo, database_path=database, window=window)
        started.till = till
        if demo:
            started.sandbox = _start_sandbox(till, service_kind)
        else:
            till.connect_service(settings.get("service", "endpoint"))
        if exit_when_shown:  # ready: the POS can reach the till (or has been told why not)
            till.host_api_started.connect(lambda _url: _report_ready_and_quit(app))
            till.host_api_failed.connect(lambda _why: _report_ready_and_quit(app))
        till.start_host_api()  # the demo's POS drives the till through it too
        if exit_when_shown and till.host_api_state.disabled:
            _report_ready_and_quit(app)

    def not_assembled(exc: BaseException) -> None:
        log.error("the till could not start", exc_info=exc)
        app.exit(1)

    def painted() -> None:
        gc.enable()  # off while the window was made (app/cli/main.py)
        if exit_when_shown:
            _report_shown()
        _quit_on_signals(app)
        import_then(ASSEMBLY_MODULES, assemble, not_assembled)

    after_first_paint(window, painted)
    try:
        return app.exec()
    finally:
        if started.till is not None:
            started.till.shutdown()
        if started.sandbox is not None:
            started.sandbox.stop()
        if workdir is not None:
            workdir.cleanup()


def _start_sandbox(till: TillApplication, service_kind: str = "soap") -> SandboxProcess:
    from app.demo.sandbox_process import SandboxProcess

    if service_kind == "retailcrm":
        import secrets

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
    import signal  # after the first paint: its enumerations take a few milliseconds to build

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: app.quit())
    # Python runs signal handlers only between bytecodes: wake the interpreter now and then.
    heartbeat = QTimer(app)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(250)


def _report_shown() -> None:
    # For the start-up benchmark: the window has painted.
    print(f"{SHOWN_MARKER} {time.perf_counter():.6f} {os.getpid()}", flush=True)


def _report_ready_and_quit(app: QApplication) -> None:
    # For the start-up benchmark: the till is assembled behind the window, its host API serving.
    print(f"{READY_MARKER} {time.perf_counter():.6f} {os.getpid()}", flush=True)
    app.quit()
