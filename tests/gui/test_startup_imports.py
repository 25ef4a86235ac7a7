"""What the till loads before its window is painted: nothing the first paint does not need."""
import os
import subprocess
import sys

# Each loads after the first paint: on a thread, on a worker, or when its dialog first opens.
LATER = [
    # the service, database, device, phone and web libraries
    "zeep", "sqlalchemy", "lxml", "escpos", "argon2", "phonenumbers", "fastapi", "uvicorn", "asyncio",
    "importlib.metadata", "importlib.resources",
    # the contract's types and rules: the first paint shows no customer and no receipt yet
    "loyalty_client.types", "loyalty_client.rules", "fiscal.receipt", "app.offline.redemption",
    # the till behind the window: checkout, workers, devices, host API, the demo's sandbox and POS
    "app.till", "app.workers", "app.checkout.session", "app.checkout.controller", "app.checkout.presenter",
    "app.devices.controller", "app.devices.setup", "app.host_api.events", "app.admin.controller",
    "app.demo.sandbox_process", "app.demo.pos", "devices.discovery", "devices.printing.printer",
    "widgets.admin.pin_dialog", "widgets.admin.queue_dialog", "widgets.admin.integration_dialog",
]

# The start path of `till-loyalty demo`, reporting what is loaded when the window has painted.
START_AND_REPORT = """
import sys
from PySide6.QtWidgets import QApplication
import app.gui
from app.settings import Settings

def report_shown():
    window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "TillWindow")
    print("panel shown:", window.isVisible() and window.loyalty.isVisible())
    print("loaded:", ",".join(sorted(name for name in sys.modules if name in LATER)))

app.gui._report_shown = report_shown
sys.exit(app.gui.run_till(Settings.defaults(), demo=True, exit_when_shown=True))
"""


def test_the_window_is_painted_before_the_till_behind_it_and_its_libraries_load(tmp_path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    code = f"LATER = {LATER!r}\n{START_AND_REPORT}"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=180)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "panel shown: True" in lines, result.stdout
    loaded = next(line for line in lines if line.startswith("loaded:"))
    assert loaded == "loaded: ", f"loaded before the window was painted: {loaded}"
    assert any(line.startswith("TILL READY") for line in lines), "the till was assembled after the paint"
