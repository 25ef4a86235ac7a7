"""What the till loads before its window is painted: nothing the first paint does not need, and the
stylesheet applied to the built window once, not re-applied as each widget is made."""
import os
import subprocess
import sys
from pathlib import Path

from app.settings import write_template

# Each loads after the first paint: on a thread, on a worker, or when its dialog first opens.
LATER = [
    # the service, database, device, phone and web libraries
    "zeep", "sqlalchemy", "lxml", "escpos", "argon2", "phonenumbers", "fastapi", "uvicorn", "asyncio",
    "importlib.metadata", "importlib.resources", "secrets", "hashlib",
    "signal",
    # argparse's message catalogue (gettext looks up the locale): a plain `demo` or `run` line is
    # read without building a parser
    "locale",
    # the platform's folders (the settings file names the till's own) and the standard library's
    # class generator (settings and coupon rows are plain classes)
    "platformdirs", "dataclasses",
    # dates: the first paint shows none (the card's "as of" and expiry come with a customer)
    "datetime",
    # the demo's host column, on a screen too narrow to show it beside the panel (offscreen: 800 px)
    "widgets.demo.demo_host", "widgets.demo.sandbox_log",
    # the contract's types and rules: the first paint shows no customer and no receipt yet
    "loyalty_client.types", "loyalty_client.rules", "loyalty_client.service", "fiscal.receipt",
    "app.offline.redemption",
    # the till behind the window: checkout, workers, devices, host API, the demo's sandbox and POS
    "app.till", "app.workers", "app.checkout.session", "app.checkout.controller", "app.checkout.presenter",
    "app.devices.controller", "app.devices.setup", "app.host_api.events", "app.admin.controller",
    "app.demo.sandbox_process", "app.demo.pos", "devices.discovery", "devices.printing.printer",
    "widgets.admin.pin_dialog", "widgets.admin.queue_dialog", "widgets.admin.integration_dialog",
]

# Qt types whose binding (a dozen large enumerations) the first paint does not need: the style, and
# the function keys, menu entries and painter, added just after it; and the `Qt` namespace, whose
# hundred enumerations the widgets painted first do without (widgets/enum_properties.py).
LATER_QT_TYPES = ["QStyle", "QCommonStyle", "QKeySequence", "QShortcut", "QAction", "QPainter", "Qt"]

# Widgets of parts the first paint does not show, made when first needed: the code entry, "Sale finished".
LATER_WIDGETS = ["ConfirmationCodeInput", "ConfirmCodeButton", "SaleFinishedTitle"]

# `till-loyalty demo` from its command line, reporting what is loaded when the window has painted.
START_AND_REPORT = """
import gc
import sys
import PySide6.QtCore
import PySide6.QtGui
import PySide6.QtWidgets
from PySide6.QtWidgets import QApplication
import app.gui
from app.cli.main import main

def report_shown():
    window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "TillWindow")
    print("panel shown:", window.isVisible() and window.loyalty.isVisible())
    print("loaded:", ",".join(sorted(name for name in sys.modules if name in LATER)))
    bound = {**vars(PySide6.QtCore), **vars(PySide6.QtGui), **vars(PySide6.QtWidgets)}
    print("bound:", ",".join(sorted(name for name in LATER_QT_TYPES if name in bound)))
    made = {widget.objectName() for widget in window.findChildren(PySide6.QtWidgets.QWidget)}
    print("made:", ",".join(sorted(name for name in LATER_WIDGETS if name in made)))
    print("garbage collector on:", gc.isenabled())

app.gui._report_shown = report_shown
sys.exit(main(["--config", CONFIG, "--exit-when-shown", "demo"]))
"""

# The same start, counting how often a widget's style changed (the stylesheet applied to it again)
# until the window has painted. An application-wide event filter sees the style objects too, so
# this runs apart from the check of the Qt types above.
START_AND_COUNT = """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
import app.gui
from app.cli.main import main

class StyleChanges(QObject):
    count = 0

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.StyleChange:
            StyleChanges.count += 1
        return False

counter = StyleChanges()
set_base_look = app.gui.set_base_look

def counting_set_base_look(application, *args, **kwargs):
    application.installEventFilter(counter)  # before the first widget is made
    set_base_look(application, *args, **kwargs)

def report_shown():
    print("style changes:", StyleChanges.count, "widgets:", len(QApplication.allWidgets()))

app.gui.set_base_look = counting_set_base_look
app.gui._report_shown = report_shown
sys.exit(main(["--config", CONFIG, "--exit-when-shown", "demo"]))
"""


def _start(tmp_path, script: str) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    config = str(tmp_path / "till.ini")
    write_template(Path(config))  # as after the first start, which writes it
    code = (
        f"LATER = {LATER!r}\nLATER_QT_TYPES = {LATER_QT_TYPES!r}\nLATER_WIDGETS = {LATER_WIDGETS!r}\n"
        f"CONFIG = {config!r}\n{script}"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=180)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_the_window_is_painted_before_the_till_behind_it_and_its_libraries_load(tmp_path) -> None:
    lines = _start(tmp_path, START_AND_REPORT)
    assert "panel shown: True" in lines, lines
    loaded = next(line for line in lines if line.startswith("loaded:"))
    assert loaded == "loaded: ", f"loaded before the window was painted: {loaded}"
    bound = next(line for line in lines if line.startswith("bound:"))
    assert bound == "bound: ", f"Qt types bound before the window was painted: {bound}"
    made = next(line for line in lines if line.startswith("made:"))
    assert made == "made: ", f"hidden parts made before the window was painted: {made}"
    assert "garbage collector on: True" in lines, "the collector, off while the window is made, is back on"
    assert any(line.startswith("TILL READY") for line in lines), "the till was assembled after the paint"


def test_the_stylesheet_is_applied_to_each_widget_once_before_the_first_paint(tmp_path) -> None:
    lines = _start(tmp_path, START_AND_COUNT)
    counted = next(line for line in lines if line.startswith("style changes:"))
    _, changes, _, widgets = counted.rsplit(" ", 3)
    assert int(changes) <= int(widgets), f"a widget's style changed more than once before the first paint: {counted}"
