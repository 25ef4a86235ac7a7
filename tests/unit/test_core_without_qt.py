"""The core packages must work in a process that has never loaded Qt (a non-Qt host POS)."""
import subprocess
import sys

import pytest

CORE = ["loyalty_client", "fiscal", "devices", "cache"]


@pytest.mark.parametrize("package", CORE)
def test_core_package_imports_without_qt(package: str) -> None:
    code = f"""
import importlib, pkgutil, sys
import {package} as root
for info in pkgutil.walk_packages(root.__path__, root.__name__ + "."):
    importlib.import_module(info.name)
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6"))
print(",".join(loaded))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{package} pulled in Qt: {result.stdout.strip()}"


QT_FREE_APP_MODULES = [
    "app.checkout.session",
    "app.checkout.recorder",
    "app.checkout.recovery",
    "app.checkout.identify_input",
    "app.checkout.host_receipts",
    "app.host_api.api",
    "app.host_api.server",
    "app.host_api.returns",
    "app.returns.service",
    "app.returns.sales",
    "app.returns.texts",
    "app.returns.worker",
    "app.returns.slip",
    "app.checkout.sale_allocation",
    "app.cli.host_api",
    "app.offline.outbox_sync",
    "app.offline.connectivity",
    "app.offline.redemption",
    "app.offline.store",
    "app.cli.main",
    "app.cli.load",
    "app.cli.queue",
    "app.cli.shift",
    "app.shift.summary",
    "app.shift.estimates",
    "app.shift.window",
    "app.shift.data",
    "app.shift.reader",
    "app.shift.slip",
]


@pytest.mark.parametrize("module", QT_FREE_APP_MODULES)
def test_the_checkout_and_the_command_line_run_without_qt(module: str) -> None:
    """The state machine and the headless commands (`load`, `queue`) load no Qt: texts come
    through `app.translation`, which the Qt side of the till fills with Qt's translator."""
    code = f"""
import importlib, sys
importlib.import_module({module!r})
print(",".join(sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6"))))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{module} pulled in Qt: {result.stdout.strip()}"
