"""Render the admin views offscreen with sample data to PNGs, to judge readability.

Usage: .venv/bin/python scripts/screenshot_admin.py [out-folder] [--lang ru|be|en] [--screen 1024x768]
Writes devices.png, queue.png, pin.png, pin_wait.png and till_offline.png (default folder
screenshots/, not committed). Dialogs are shown no bigger than the screen given (a till's
1024×768 by default).
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.i18n import install_translator  # noqa: E402
from widgets.admin.device_settings import DeviceChoice, DeviceSettingsDialog  # noqa: E402
from widgets.admin.pin_dialog import PinDialog  # noqa: E402
from widgets.admin.queue_dialog import QueueDialog, QueueRow  # noqa: E402
from widgets.style import apply_style  # noqa: E402


SCREEN = (1024, 768)


def _save(app: QApplication, widget: QWidget, path: Path) -> bool:
    width, height = SCREEN
    widget.resize(min(widget.width(), width), min(widget.height(), height))
    widget.show()
    app.processEvents()
    ok = widget.grab().save(str(path))
    print(path if ok else f"failed to save {path}", file=sys.stderr)
    return ok


def devices_dialog() -> DeviceSettingsDialog:
    """The device settings with found devices, a few scans and a failed test print."""
    dialog = DeviceSettingsDialog()
    dialog.set_scanners(
        [
            ("serial:///dev/ttyACM0?baudrate=9600&terminator=CR", "Honeywell Voyager 1450g"),
            ("wedge://?suffix=Enter", "Keyboard scanner"),
        ]
    )
    dialog.set_printers(
        [
            ("usb://04b8:0202", "Epson TM-T20III"),
            ("tcp://10.0.0.5:9100", "Network printer 10.0.0.5"),
        ]
    )
    scanner = "serial:///dev/ttyACM0?baudrate=9600&terminator=CR"
    dialog.set_choice(DeviceChoice(scanner, "tcp://10.0.0.5:9100", 80, "cp1251", "native"))
    dialog.show_scanner_status("Подключён: /dev/ttyACM0")
    dialog.show_scan("card", "2000000123453")
    dialog.show_scan("qr", "9100012345678012345678")
    dialog.show_scan("unknown", "4810001000017")
    from app.devices.printer_failure_texts import printer_failure_text
    from app.devices.texts import printer_status_text
    from devices.printing.printer_status import PrinterStatus, StatusReason

    status = PrinterStatus.offline(StatusReason.NO_ANSWER_IN_TIME, device="10.0.0.5:9100")
    dialog.show_test_print_result(False, printer_status_text(status), printer_failure_text(status))
    dialog.show_uri_error("printer", "")
    return dialog


def queue_dialog() -> QueueDialog:
    """The sending queue with waiting, delivered and failed items; the failed one selected."""
    now = datetime.now(timezone.utc)
    blocked = "CUSTOMER_BLOCKED: Карта заблокирована. Обратитесь к администратору"
    too_much = "REFUND_EXCEEDS_PURCHASE: Возврат больше покупки"
    unreachable = "SERVICE_UNAVAILABLE: cannot connect to http://10.0.0.2:8580/"

    def hours(n: float) -> datetime:
        return now - timedelta(hours=n)

    def minutes(n: float) -> datetime:
        return now - timedelta(minutes=n)

    anna, ivan = "Анна Ковалёва, +375 29 ***-**-67", "Иван Петров, +7 916 ***-**-23"
    rows = [
        QueueRow(
            41, "failed", "commit", "3f6c1e2a-41", "Пётр Заблокированный, +375 44 ***-**-01", 1, blocked, None,
            hours(3), reason="CUSTOMER_BLOCKED", document_number="000451", receipt_time=hours(3),
            amount=Decimal("20.88"), points_spent=Decimal("0.00"), customer_id="C0004",
        ),
        QueueRow(
            44, "failed", "refund", "R-000012", ivan, 1, too_much, None, hours(2), reason="REFUND_EXCEEDS_PURCHASE",
            document_number="000440", receipt_time=hours(26), amount=Decimal("15.90"), customer_id="C0002",
        ),
        QueueRow(
            45, "in_flight", "commit", "9b2d-45", anna, 2, "", None, minutes(20), document_number="000455",
            receipt_time=minutes(20), amount=Decimal("4.98"), points_spent=Decimal("2.00"), customer_id="C0001",
        ),
        QueueRow(
            46, "pending", "commit", "a81f-46", "", 3, unreachable, minutes(-2), minutes(9),
            reason="SERVICE_UNAVAILABLE", document_number="000456", receipt_time=minutes(9),
            amount=Decimal("1234.50"), points_spent=Decimal("50.00"), customer_id="C0009",
        ),
        QueueRow(
            47, "pending", "cancel", "c0d3-47", anna, 0, "", now, minutes(1), document_number="000457",
            receipt_time=minutes(1), amount=Decimal("12.50"), points_spent=Decimal("6.25"), customer_id="C0001",
        ),
        QueueRow(
            40, "done", "commit", "77aa-40", anna, 1, "", None, hours(4), document_number="000450",
            receipt_time=hours(4), amount=Decimal("2.49"), points_spent=Decimal("0.00"), customer_id="C0001",
        ),
    ]
    dialog = QueueDialog()
    dialog.show_counts(2, 1, 118, 2)
    dialog.show_rows(rows)
    dialog.select_item(41)
    dialog.show_message("Отправлено: 3, не удалось: 1")
    return dialog


def main() -> int:
    """Build each view, fill it, save the PNGs."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", default=str(ROOT / "screenshots"))
    parser.add_argument("--lang", default="ru", choices=("ru", "be", "en"))
    parser.add_argument("--screen", default="1024x768", help="the till's screen, WIDTHxHEIGHT")
    args = parser.parse_args()
    global SCREEN
    width, height = (int(part) for part in args.screen.lower().split("x"))
    SCREEN = (width, height)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    app = QApplication(sys.argv[:1])
    apply_style(app)
    install_translator(app, args.lang)
    ok = True

    ok &= _save(app, devices_dialog(), out / "devices.png")
    ok &= _save(app, queue_dialog(), out / "queue.png")
    pin = PinDialog.enter(None, "")
    ok &= _save(app, pin, out / "pin.png")
    pin.show_wait(30)
    ok &= _save(app, pin, out / "pin_wait.png")
    created = PinDialog.create(None)
    created.show_error("")
    ok &= _save(app, created, out / "pin_create.png")

    from screenshot_widgets import sample_customer, sample_receipt  # the till's own sample data

    from widgets.main_window import TillWindow

    window = TillWindow(demo_mode=False)
    receipt = sample_receipt()
    window.host.show_receipt(receipt, {})
    window.loyalty.customer.show_customer(
        sample_customer(), as_of=datetime.now().replace(hour=14, minute=32), currency="BYN"
    )
    window.loyalty.set_service_status(False, "Нет связи с сервисом")
    window.loyalty.offline_banner.show_state(False, 3, 1)
    window.printer_status.show_status("paper_out", "")
    window.printer_status.set_reprint_available(True)
    window.resize(1366, 768)
    ok &= _save(app, window, out / "till_offline.png")
    window.loyalty.offline_banner.show_state(True, 2, 0)
    window.printer_status.show_status("ok", "")
    ok &= _save(app, window, out / "till_sending.png")
    window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
