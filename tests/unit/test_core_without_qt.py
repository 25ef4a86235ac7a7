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
