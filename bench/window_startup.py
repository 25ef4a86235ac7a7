"""Start-up: from launching `till-loyalty demo` to its window shown, beside a bare Qt window.

Each run is a fresh process on Qt's offscreen platform (no display needed). The till reports
the first turn of its event loop after `show()` and quits; the floor is a process that imports
PySide6 and shows one empty QWidget the same way, measured in the same run. Prints p50 / p95 and
the ratio till/floor. The demo's sandbox child starts in parallel and is not waited for.

Both run with their byte code cached (in a temporary folder, filled by one warm-up start of
each), as an installed till has it: with PYTHONDONTWRITEBYTECODE set, the till would compile
its own modules from source at every start and the bare window would not.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.gui import SHOWN_MARKER

FLOOR_SCRIPT = f"""
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(); w.resize(1366, 768); w.show()
QTimer.singleShot(0, lambda: (print("{SHOWN_MARKER}", flush=True), app.quit()))
app.exec()
"""


def time_to_marker(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting `command` to the line that says the window is shown."""
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(SHOWN_MARKER):
                elapsed = time.perf_counter() - started
                break
        else:
            raise RuntimeError(f"{command[:3]} ended without showing a window (exit {proc.wait()})")
        proc.wait(timeout=30)
    return elapsed


def summary(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def main(argv: list[str]) -> None:
    """Run the benchmark and print its figures (nothing is asserted)."""
    parser = argparse.ArgumentParser(prog="python -m bench window_startup", description=__doc__)
    parser.add_argument("-r", "--runs", type=int, default=10, help="process starts of each kind")
    args, _ = parser.parse_known_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        env.update(QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(Path(folder) / "pycache"))
        config = str(Path(folder) / "till.ini")
        till_cmd = [sys.executable, "-m", "app", "--config", config, "--exit-when-shown", "demo"]
        floor_cmd = [sys.executable, "-c", FLOOR_SCRIPT]
        time_to_marker(till_cmd, env)  # warm the file cache and the byte code for both
        time_to_marker(floor_cmd, env)
        till, floor = [], []
        for _ in range(args.runs):  # interleaved, so machine drift touches both alike
            till.append(time_to_marker(till_cmd, env))
            floor.append(time_to_marker(floor_cmd, env))
    (t50, t95), (f50, f95) = summary(till), summary(floor)
    print(f"{'start to window shown':<28}{'p50 ms':>10}{'p95 ms':>10}")
    print(f"{'till-loyalty demo':<28}{t50:>10.0f}{t95:>10.0f}")
    print(f"{'bare Qt window (floor)':<28}{f50:>10.0f}{f95:>10.0f}")
    print(f"{'ratio till/floor':<28}{t50 / f50:>10.2f}{t95 / f95:>10.2f}")
