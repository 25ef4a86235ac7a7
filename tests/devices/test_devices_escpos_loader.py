"""Importing python-escpos through devices leaves the root logger and the temp folder alone."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHECK = """
import json, logging, os, sys, tempfile
root = logging.getLogger()
before = (list(root.handlers), root.level)
from devices.printing.receipt_layout import build_test_page
from devices.uris import PrintOptions
data = build_test_page(PrintOptions())
import escpos.capabilities as capabilities
print(json.dumps({
    "handlers": [type(h).__name__ for h in root.handlers],
    "same": (list(root.handlers), root.level) == before,
    "pickle_dir": capabilities.pickle_dir,
    "mkdtemp_restored": tempfile.mkdtemp.__module__ == "tempfile",
    "printed": len(data),
}))
"""


def _run(tmp_path: Path, extra_env: dict[str, str]) -> dict:
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "ESCPOS_CAPABILITIES_PICKLE_DIR"}
    env.update({"TMPDIR": str(temp), "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path / "home")})
    env.update(extra_env)
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", CHECK], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    report["temp_entries"] = sorted(p.name for p in temp.iterdir())
    report["stderr"] = result.stderr
    return report


def test_the_import_configures_no_logging_and_writes_nothing_to_the_temp_folder(tmp_path: Path) -> None:
    report = _run(tmp_path, {})
    assert report["handlers"] == [] and report["same"]
    assert report["temp_entries"] == []
    assert report["mkdtemp_restored"]
    cache = tmp_path / "cache" / "till-loyalty" / "escpos"
    assert Path(report["pickle_dir"]) == cache
    assert any(p.name.endswith(".capabilities.pickle") for p in cache.iterdir())
    assert report["printed"] > 0 and report["stderr"] == ""


def test_a_configured_cache_folder_is_respected(tmp_path: Path) -> None:
    chosen = tmp_path / "escpos-cache"
    report = _run(tmp_path, {"ESCPOS_CAPABILITIES_PICKLE_DIR": str(chosen)})
    assert Path(report["pickle_dir"]) == chosen
    assert report["temp_entries"] == [] and report["handlers"] == []


def test_a_host_that_configured_logging_keeps_its_handlers(tmp_path: Path) -> None:
    code = """
import logging, io
stream = io.StringIO()
logging.basicConfig(stream=stream, level=logging.WARNING, format="%(message)s")
handlers = list(logging.getLogger().handlers)
import devices.printing.escpos_loader as loader
loader.load_escpos()
assert logging.getLogger().handlers == handlers, logging.getLogger().handlers
assert logging.getLogger().level == logging.WARNING
print("ok")
"""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), TMPDIR=str(tmp_path))
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
