"""Scan to card: from a wedge scanner's last key event to the customer card painted with the customer.

The demo till runs in this process on Qt's offscreen platform, with a keyboard-wedge scanner
(`wedge://?suffix=Enter`); the sandbox runs on loopback in a process of its own, as the demo's
does (in this process it would take turns with the till for the interpreter). A scan is a burst of key presses sent to
the focused identify field as the OS would deliver them; the clock starts just before the last
one (Enter) is delivered and stops in a paint-event hook on the customer card, at the first paint
once the card shows that customer. Between scans the customer is reset and the till left idle:
the card has painted its placeholder and the work the reset started has ended.

- online: the sandbox answers the identification;
- from the cache: the sandbox is killed and the till knows it is offline: the checkout
  finds the customer in its encrypted offline cache;
- the floor: the card is handed the same customer directly (no scan, no lookup): what rendering
  and painting the card cost.

Prints p50 / p95 in ms of each and the ratios to the floor; targets: p95 at most 50 ms online and
20 ms from the cache.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from contextlib import contextmanager
import time
from pathlib import Path
from typing import Callable, Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from app.settings import Settings
from app.till import TillApplication
from loyalty_client.sandbox.demo import DEMO_CUSTOMERS
from loyalty_client.types import CustomerStatus

TARGET_ONLINE_MS = 50.0
TARGET_CACHE_MS = 20.0
CARDS = [c.card_number for c in DEMO_CUSTOMERS if c.card_number and c.status is not CustomerStatus.BLOCKED]
DEADLINE_SECONDS = 15.0
SETTLE_SECONDS = 0.03


class PaintClock(QObject):
    """Notes when the customer card paints while it shows the awaited customer."""

    def __init__(self, card: QObject, shown: Callable[[], bool]) -> None:
        super().__init__()
        self._shown = shown
        self.painted_at: float | None = None
        self._loop: QEventLoop | None = None
        card.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Time the first paint with the customer on the card."""
        if event.type() == QEvent.Type.Paint and self.painted_at is None and self._shown():
            self.painted_at = time.perf_counter()
            if self._loop is not None:
                self._loop.quit()
        return False

    def wait(self, what: str) -> float:
        """Run the event loop until the paint (a generous deadline catches a hang); its time.

        Nothing else runs meanwhile: no check on a timer takes the interpreter from the till's
        worker threads while they find the customer.
        """
        if self.painted_at is None:
            self._loop = QEventLoop()
            deadline = QTimer()
            deadline.setSingleShot(True)
            deadline.timeout.connect(self._loop.quit)
            deadline.start(int(DEADLINE_SECONDS * 1000))
            self._loop.exec()
            deadline.stop()
            self._loop = None
        if self.painted_at is None:
            raise RuntimeError(f"timed out waiting for {what}")
        return self.painted_at


@contextmanager
def sandbox_process(folder: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`till-loyalty sandbox` on a free loopback port: its URL and its process."""
    command = [sys.executable, "-m", "app", "sandbox", "--host", "127.0.0.1", "--port", "0",
               "--db", f"sqlite:///{folder / 'sandbox.sqlite'}"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith("SANDBOX LISTENING "):
                    yield line.split()[2], proc
                    break
            else:
                raise RuntimeError(f"the sandbox did not start (exit {proc.wait()})")
        finally:
            proc.kill()


def wait_until(app: QApplication, condition: Callable[[], bool], what: str) -> None:
    """Run the event loop until `condition` holds (a generous deadline catches a hang).

    The loop sleeps between events as the till's does, checking the condition every
    millisecond: a loop that polled `processEvents` would take the CPU and the interpreter from
    the till's worker threads while they find the customer.
    """
    if condition():
        return
    loop = QEventLoop()
    timed_out: list[bool] = []

    def check() -> None:
        if condition():
            loop.quit()
        elif time.monotonic() > deadline:
            timed_out.append(True)
            loop.quit()

    deadline = time.monotonic() + DEADLINE_SECONDS
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if timed_out:
        raise RuntimeError(f"timed out waiting for {what}")


def settle(app: QApplication, card: QObject, placeholder: PaintClock | None) -> None:
    """Let the till finish what the reset started (the placeholder painted, the sending queue
    nudged and answered) so that none of it is timed with the next scan."""
    if placeholder is not None:
        placeholder.wait("the placeholder painted")
        card.removeEventFilter(placeholder)
    quiet_until = time.monotonic() + SETTLE_SECONDS
    wait_until(app, lambda: time.monotonic() >= quiet_until, "a quiet moment")


def scan(field: QLineEdit, code: str) -> float:
    """A wedge burst of `code` + Enter into `field`; returns the time just before the last key event."""
    def press(key: Qt.Key, text: str) -> None:
        QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text))
        QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyRelease, key, Qt.KeyboardModifier.NoModifier, text))

    for ch in code:
        press(Qt.Key(ord(ch)), ch)
    started = time.perf_counter()
    press(Qt.Key.Key_Return, "\r")
    return started


def timed_scans(app: QApplication, till: TillApplication, samples: int) -> list[float]:
    """Milliseconds from the last key event of each scan to the card painted with its customer."""
    card = till.window.loyalty.customer
    field = till.window.loyalty.findChild(QLineEdit, "IdentifyInput")
    assert field is not None
    times: list[float] = []
    for number in range(samples):
        code = CARDS[number % len(CARDS)]
        placeholder = PaintClock(card, lambda: not card.has_customer()) if card.has_customer() else None
        card.request_reset()
        wait_until(app, lambda: till.service_worker.pending == 0 and not card.has_customer(), "the reset")
        field.setFocus()
        settle(app, card, placeholder)
        clock = PaintClock(card, lambda: card.has_customer() and card._shown[0].card_number == code)
        started = scan(field, code)
        times.append((clock.wait(f"the card of {code}") - started) * 1000)
        card.removeEventFilter(clock)
    return times


def floor_paints(app: QApplication, till: TillApplication, samples: int) -> list[float]:
    """Milliseconds from handing the card its customer directly to the card painted."""
    card = till.window.loyalty.customer
    # The last scan's step goes on after its card is painted (offers, quote): let it end first.
    wait_until(app, lambda: till.service_worker.pending == 0, "the last scan's step")
    customer = till.controller.state.customer
    assert customer is not None
    times: list[float] = []
    for _ in range(samples):
        placeholder = PaintClock(card, lambda: not card.has_customer())
        card.clear()
        wait_until(app, lambda: not card.has_customer(), "the card cleared")
        settle(app, card, placeholder)
        clock = PaintClock(card, card.has_customer)
        started = time.perf_counter()
        card.show_customer(customer)
        times.append((clock.wait("the floor's paint") - started) * 1000)
        card.removeEventFilter(clock)
    return times


def summary(samples: list[float]) -> tuple[float, float]:
    """p50 and p95."""
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv: list[str]) -> None:
    """Run the benchmark and print its figures (nothing is asserted)."""
    parser = argparse.ArgumentParser(prog="python -m bench scan_to_card", description=__doc__)
    parser.add_argument("-n", "--scans", type=int, default=100, help="scans of each kind")
    parser.add_argument("--warmup", type=int, default=5, help="scans before measuring")
    args, _ = parser.parse_known_args(argv)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="till-bench-") as folder, sandbox_process(Path(folder)) as (url, sandbox):
        settings = Settings.defaults().replace(devices_scanner="wedge://?suffix=Enter")
        till = TillApplication(settings, demo=True, database_path=Path(folder) / "till.sqlite")
        try:
            till.window.show()
            till.window.activateWindow()
            ready: list[bool] = []
            till.controller.ready.connect(lambda: ready.append(True))
            till.start_host_api()  # as the demo does: its POS hands the till its receipt through it
            till.connect_service(url)
            wait_until(app, lambda: bool(ready), "the checkout to be ready")
            pos = till.demo_pos
            assert pos is not None
            wait_until(app, lambda: pos.pending == 0 and till.controller.state.from_host, "the POS's receipt")
            timed_scans(app, till, args.warmup)
            online = timed_scans(app, till, args.scans)
            floor = floor_paints(app, till, args.scans)
            states: list[bool] = []
            till.connectivity_changed.connect(states.append)
            sandbox.kill()
            sandbox.wait()
            timed_scans(app, till, args.warmup)  # the first scan finds the service gone, the till says so
            wait_until(app, lambda: states[-1:] == [False], "the till to know it is offline")
            cached = timed_scans(app, till, args.scans)
        finally:
            till.shutdown()
            till.window.close()
    rows = [("online (sandbox on loopback)", online, TARGET_ONLINE_MS), ("from the cache (offline)", cached, TARGET_CACHE_MS)]
    f50, f95 = summary(floor)
    print(f"{'scan to card painted':<32}{'p50 ms':>9}{'p95 ms':>9}{'target p95':>12}{'p50/floor':>11}{'p95/floor':>11}")
    for label, samples, target in rows:
        p50, p95 = summary(samples)
        print(f"{label:<32}{p50:>9.1f}{p95:>9.1f}{target:>12.0f}{p50 / f50:>11.1f}{p95 / f95:>11.1f}")
    print(f"{'card handed the customer (floor)':<32}{f50:>9.1f}{f95:>9.1f}")
