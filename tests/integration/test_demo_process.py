"""`till-loyalty demo` as a user starts it: a real process, its window, its sandbox child."""
import os
import subprocess
import sys
from pathlib import Path

from app.gui import SHOWN_MARKER


def test_the_demo_starts_shows_its_window_and_exits_cleanly(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    config = tmp_path / "till.ini"
    result = subprocess.run(
        [sys.executable, "-m", "app", "demo", "--config", str(config), "--exit-when-shown"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert SHOWN_MARKER in result.stdout
    assert "[service]" in config.read_text(encoding="utf-8"), "a first start writes the settings file"


def test_a_wrong_setting_is_reported_by_name_without_a_traceback(tmp_path: Path) -> None:
    config = tmp_path / "till.ini"
    config.write_text("[service]\ntimeout_seconds = soon\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "app", "--config", str(config), "run"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "timeout_seconds must be a number" in result.stderr
    assert "Traceback" not in result.stderr
