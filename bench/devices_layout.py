"""Receipt layout cost: the loyalty slip's bytes vs a plain python-escpos `Dummy` text write.

For N iterations builds the after-sale slip (loyalty block and two offers, 80 mm, auto code page)
with native QR codes and with image QR codes, the printer test page, and, as the floor, writes
the same slip text into a bare `Dummy` printer with `text()` and a cut (the library's own code
page handling, no codes). Prints p50 / p95 / mean in milliseconds and the bytes each produces.
"""
from __future__ import annotations

import argparse
import statistics
import time
from datetime import date
from decimal import Decimal
from typing import Callable

from devices.printing.escpos_loader import load_escpos
from devices.printing.receipt_layout import LoyaltySummary, build_receipt, build_test_page, layout_receipt
from devices.uris import PrintOptions, QrMode
from loyalty_client.types import BarcodeKind, Offer

SUMMARY = LoyaltySummary("+375 29 ***-**-67", "Золото", Decimal("12.50"), Decimal("100.00"), Decimal("1234.50"))
OFFERS = (
    Offer("o1", "Скидка 10% на кофе", "Покажите купон на кассе и получите скидку 10% на кофе в зёрнах.", "9900000001230", date(2026, 12, 31), BarcodeKind.QR),
    Offer("o2", "Зніжка на гарбату", "Пакажыце купон «Восень» на касе — дзейнічае і на ёлкавы чай.", "9900000004569", date(2026, 11, 30), BarcodeKind.EAN13),
)


def measure(label: str, call: Callable[[], bytes], iterations: int, warmup: int) -> None:
    """Time `call` and print one row."""
    for _ in range(warmup):
        call()
    samples = []
    size = 0
    for _ in range(iterations):
        started = time.perf_counter()
        size = len(call())
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    print(f"  {label:34} {statistics.median(samples):>8.3f} {p95:>8.3f} {statistics.fmean(samples):>8.3f} {size:>8}")


def main(argv: list[str]) -> None:
    """Run the benchmark and print its figures (nothing is asserted)."""
    parser = argparse.ArgumentParser(prog="python -m bench devices_layout", description=__doc__)
    parser.add_argument("-n", "--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    args, _ = parser.parse_known_args(argv)
    printers = load_escpos()
    native, image = PrintOptions(), PrintOptions(qr=QrMode.IMAGE)
    text = layout_receipt(SUMMARY, OFFERS, native).text + "\n"

    def raw_dummy() -> bytes:
        dummy = printers.Dummy()
        dummy.text(text)
        dummy.cut()
        return dummy.output

    print(f"Receipt bytes, {args.iterations} iterations")
    print(f"  {'':34} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8} {'bytes':>8}")
    measure("slip, native QR", lambda: build_receipt(SUMMARY, OFFERS, native), args.iterations, args.warmup)
    measure("slip, image QR", lambda: build_receipt(SUMMARY, OFFERS, image), args.iterations, args.warmup)
    measure("test page", lambda: build_test_page(native), args.iterations, args.warmup)
    measure("raw Dummy text() + cut (floor)", raw_dummy, args.iterations, args.warmup)
