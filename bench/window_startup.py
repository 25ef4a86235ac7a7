"""Start-up: from launching `till-loyalty demo` to its window painted, beside a bare Qt window.

Each run is a fresh process on Qt's offscreen platform (no display needed). The till reports
when its window has painted for the first time (the panel, not a splash) and, later, when the
till behind it is assembled and its host API serves (the demo's POS can reach it); then it
quits. The floor is a process that imports PySide6 and shows one empty QWidget, reporting its
first paint the same way, measured in the same run. Prints p50 / p95 and the ratio till/floor.
A second floor shows one centred line of text instead: what any window with words in it pays
and the empty one does not (PySide6 building its `Qt` namespace of enums, fontconfig finding
the fonts, the text's layout and paint).
The demo's sandbox child starts after the paint and is not waited for.

Both run with their byte code cached (in a temporary folder, filled by one warm-up start of
each), as an installed till has it: with PYTHONDONTWRITEBYTECODE set, the till would compile
its own modules from source at every start and the bare window would not.

`--instructions` also counts the instructions each kind executes up to its first paint, once,
under valgrind (callgrind): a figure that other work on a shared machine does not move. Each
process then ends at its marker line, the till before it assembles the rest.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.gui import READY_MARKER, SHOWN_MARKER

FLOOR_SCRIPT = f"""
import os
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget
app = QApplication([])
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, shown)
        return False
def shown():
    print("{SHOWN_MARKER}", flush=True)
    if "stop" in sys.argv[1:]:
        os._exit(0)
    app.quit()
if "text" in sys.argv[1:]:
    from PySide6.QtCore import Qt
    w = QLabel("Касса лояльности"); w.setAlignment(Qt.AlignmentFlag.AlignCenter)
else:
    w = QWidget()
w.resize(1366, 768); first_paint = FirstPaint(); w.installEventFilter(first_paint); w.show()
app.exec()
"""


# `till-loyalty demo` as its command starts it, ending at its first paint as the floors do with
# "stop": the marker line, once written, ends the process.
TILL_TO_PAINT = f"""
import os
import sys

class StopAtMarker:
    def __init__(self, stream):
        self.stream = stream
    def write(self, text):
        self.stream.write(text)
        if text.startswith("{SHOWN_MARKER}"):
            self.stream.flush()
            os._exit(0)
        return len(text)
    def __getattr__(self, name):
        return getattr(self.stream, name)

sys.stdout = StopAtMarker(sys.stdout)
sys.argv[1:] = ["--config", sys.argv[1], "--exit-when-shown", "demo"]
from app.launch import main
sys.exit(main())
"""


def instructions_to_marker(command: list[str], env: dict[str, str]) -> int:
    """Instructions `command` executes up to its marker line, counted by valgrind's callgrind."""
    counted = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        capture_output=True, text=True, env=env, timeout=900,
    )
    found = re.search(r"Collected : (\d+)", counted.stderr)
    if SHOWN_MARKER not in counted.stdout or found is None:
        raise RuntimeError(f"{command[:3]} was not counted to its first paint: {counted.stderr[-500:]}")
    return int(found.group(1))


def time_to_markers(command: list[str], env: dict[str, str]) -> tuple[float, float | None]:
    """Seconds from starting `command` to the line that says the window is shown, and to the
    line that says the till is ready (None if the command prints none)."""
    started = time.perf_counter()
    shown = ready = None
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(SHOWN_MARKER) and shown is None:
                shown = time.perf_counter() - started
            elif line.startswith(READY_MARKER):
                ready = time.perf_counter() - started
        if proc.wait(timeout=60) != 0 or shown is None:
            raise RuntimeError(f"{command[:3]} ended without showing a window (exit {proc.returncode})")
    return shown, ready


def summary(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def main(argv: list[str]) -> None:
    """Run the benchmark and print its figures (nothing is asserted)."""
    parser = argparse.ArgumentParser(prog="python -m bench window_startup", description=__doc__)
    parser.add_argument("-r", "--runs", type=int, default=10, help="process starts of each kind")
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions to the first paint (valgrind)"
    )
    args, _ = parser.parse_known_args(argv)
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind on the PATH")
    with tempfile.TemporaryDirectory() as folder:
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        env.update(QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(Path(folder) / "pycache"))
        config = str(Path(folder) / "till.ini")
        till_cmd = [sys.executable, "-m", "app", "--config", config, "--exit-when-shown", "demo"]
        floor_cmd = [sys.executable, "-c", FLOOR_SCRIPT]
        text_cmd = [sys.executable, "-c", FLOOR_SCRIPT, "text"]
        for command in (till_cmd, floor_cmd, text_cmd):  # warm the file cache and the byte code of each
            time_to_markers(command, env)
        till, ready, floor, text = [], [], [], []
        for _ in range(args.runs):  # interleaved, so machine drift touches all alike
            shown, assembled = time_to_markers(till_cmd, env)
            till.append(shown)
            if assembled is not None:
                ready.append(assembled)
            floor.append(time_to_markers(floor_cmd, env)[0])
            text.append(time_to_markers(text_cmd, env)[0])
        counts = (
            [
                instructions_to_marker([sys.executable, "-c", TILL_TO_PAINT, config], env),
                instructions_to_marker([*floor_cmd, "stop"], env),
                instructions_to_marker([*text_cmd, "stop"], env),
            ]
            if args.instructions
            else None
        )
    (t50, t95), (f50, f95), (x50, x95) = summary(till), summary(floor), summary(text)
    print(f"{'start to window painted':<36}{'p50 ms':>10}{'p95 ms':>10}")
    print(f"{'till-loyalty demo':<36}{t50:>10.0f}{t95:>10.0f}")
    print(f"{'bare Qt window (floor)':<36}{f50:>10.0f}{f95:>10.0f}")
    print(f"{'bare window with a line of text':<36}{x50:>10.0f}{x95:>10.0f}")
    print(f"{'ratio till/floor':<36}{t50 / f50:>10.2f}{t95 / f95:>10.2f}")
    print(f"{'ratio till/window with text':<36}{t50 / x50:>10.2f}{t95 / x95:>10.2f}")
    if counts is not None:
        till_count, floor_count, text_count = (count / 1e6 for count in counts)
        print(f"{'instructions to first paint':<36}{'M':>10}")
        print(f"{'till-loyalty demo':<36}{till_count:>10.0f}")
        print(f"{'bare Qt window (floor)':<36}{floor_count:>10.0f}")
        print(f"{'bare window with a line of text':<36}{text_count:>10.0f}")
        print(f"{'ratio till/floor, till/text':<36}{till_count / floor_count:>10.2f}{till_count / text_count:>10.2f}")
    if ready:
        r50, r95 = summary(ready)
        print(f"{'till assembled, host API up':<32}{r50:>10.0f}{r95:>10.0f}")
