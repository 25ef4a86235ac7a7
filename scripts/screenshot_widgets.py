"""Render the till window offscreen with sample data to a PNG, to judge readability.

Usage: .venv/bin/python scripts/screenshot_widgets.py [out.png] [--lang ru|be|en] [--offline]
       [--code] [--customer STATUS] [--size WxH] [--finished] [--long] [--register] [--coupons]
       [--failed N]
The window takes the layout its width calls for: --size 420x768 shows the compact panel alone,
1024x768 and up the host column beside it. The output (default screenshots/till.png) is not
committed. --register also opens the registration dialog (its code entry shown) and saves it
beside the window's picture as NAME-register.png; under Xvfb (QT_QPA_PLATFORM=xcb) the whole
screen is saved as NAME-screen.png too, the dialog over the window.
"""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from app.i18n import install_translator  # noqa: E402
from fiscal.receipt import Receipt, ReceiptLine  # noqa: E402
from loyalty_client.types import (  # noqa: E402
    Balance,
    Customer,
    CustomerStatus,
    NextTier,
    Tier,
)
from widgets.registration.dialog import fit_dialog  # noqa: E402
from widgets.main_window import TillWindow  # noqa: E402
from widgets.style import apply_style  # noqa: E402

D = Decimal
PRODUCTS = [
    ("4810001", "Молоко 3,2% 1 л", D("2.49")),
    ("4810002", "Хлеб «Нарочанский»", D("1.85")),
    ("4810003", "Сыр «Брест-Литовск» 200 г", D("6.99")),
    ("4810004", "Кофе молотый 250 г", D("12.40")),
    ("4810005", "Яблоки, кг", D("3.20")),
    ("4810006", "Шоколад «Аленка»", D("3.15")),
]


def sample_receipt() -> Receipt:
    """A receipt with four lines, one of them weighed."""
    lines = (
        ReceiptLine(1, "4810001", "Молоко 3,2% 1 л", D("2"), D("2.49"), D("4.98")),
        ReceiptLine(2, "4810003", "Сыр «Брест-Литовск» 200 г", D("1"), D("6.99"), D("6.99")),
        ReceiptLine(3, "4810005", "Яблоки, кг", D("1.350"), D("3.20"), D("4.32")),
        ReceiptLine(4, "4810004", "Кофе молотый 250 г", D("1"), D("12.40"), D("12.40")),
    )
    return Receipt("000457", "minsk-01", "till-3", datetime.now(), lines)


def sample_customer(status: CustomerStatus = CustomerStatus.ACTIVE) -> Customer:
    """A Silver customer close to Gold, with points expiring soon and a service message."""
    return Customer(
        customer_id="c-1001",
        display_name="Анна Ковалёва",
        masked_phone="+375 29 ***-**-67",
        status=status,
        tier=Tier("silver", "Серебро", D("5.00")),
        balance=Balance(
            spendable=D("45.20"),
            total=D("57.70"),
            pending=D("12.50"),
            expiring_amount=D("8.00"),
            expiring_on=date.today() + timedelta(days=9),
        ),
        card_number="2000000123453",
        next_tier=NextTier("gold", "Золото", D("500.00"), D("120.00")),
        messages=("День рождения 14.12: двойные бонусы",),
    )


def main() -> int:
    """Build the window, fill it, save the PNG."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", default=str(ROOT / "screenshots" / "till.png"))
    parser.add_argument("--lang", default="ru", choices=("ru", "be", "en"))
    parser.add_argument("--offline", action="store_true", help="show cached data and offline state")
    parser.add_argument("--code", action="store_true", help="show the one-time code panel")
    parser.add_argument(
        "--customer",
        default="active",
        choices=("active", "blocked", "not_activated", "none"),
        help="the customer's status, or none for the empty card",
    )
    parser.add_argument("--size", default="1366x768", help="window size, WIDTHxHEIGHT (default 1366x768)")
    parser.add_argument("--finished", action="store_true", help="show the receipt paid and the sale finished")
    parser.add_argument("--long", action="store_true", help="a long customer name, a six-digit balance and a large amount")
    parser.add_argument("--register", action="store_true", help="open the registration dialog too")
    parser.add_argument("--coupons", action="store_true", help="coupons on the receipt and the member's offers")
    parser.add_argument(
        "--failed", type=int, default=0, metavar="N", help="with --offline: N sales that need the admin"
    )
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.lower().split("x"))

    app = QApplication(sys.argv[:1])
    apply_style(app)
    install_translator(app, args.lang)
    window = TillWindow(demo_mode=True)
    window.host.set_products(PRODUCTS)
    receipt = sample_receipt()
    # Offline nothing is spent (the store's default policy): no bonus discounts on the lines.
    discounts = {} if args.offline else {1: D("2.55"), 2: D("3.58"), 3: D("2.21"), 4: D("6.36")}
    window.host.show_receipt(receipt, discounts)
    window.host.select_line(3)
    panel = window.loyalty
    as_of = datetime.now().replace(hour=14, minute=32) if args.offline else None
    if args.customer != "none":
        customer = sample_customer(CustomerStatus(args.customer))
        if args.long:
            customer = replace(
                customer,
                display_name="Александра Константиновна Преображенская-Ковалёва",
                balance=replace(customer.balance, spendable=D("123456.78")),
            )
        panel.customer.show_customer(customer, as_of=as_of, currency="BYN")
    if args.coupons:
        from widgets.checkout.coupon_list import CouponRow

        panel.customer.show_offers(
            ["−10 % на кофе, до 04.01", "Двойные баллы, ×2 бонуса, от 20,00, до 19.01"]
        )
        panel.coupons.show_coupons(
            [
                CouponRow("9900001000010", "−10 % на кофе", "−1,24", True),
                CouponRow("9900001000027", "Двойные баллы", "+0,87 бонуса", True),
                CouponRow("9900002000019", "−2,00 на покупку", "действует с покупки от 20,00", False),
                CouponRow("9900004000017", "−5 % на всё", "только для владельца", False),
            ]
        )
    most = D("0") if args.offline else D("14.70")
    panel.redemption.set_limits(most)
    panel.redemption.set_value(most)
    panel.redemption.set_enabled(not args.offline)
    redeem = sum(discounts.values(), D("0"))
    to_pay = receipt.total - redeem + (D("12320.00") if args.long else D("0"))
    panel.totals.show_totals(receipt.total, redeem, to_pay, D("0.43"), most, "BYN")
    if args.offline:  # as the till shows it: the status line, the banner, the checkout's warning
        from app.checkout.offline_texts import offline_notice

        panel.set_service_status(False, QCoreApplication.translate("Till", "Working offline"))
        panel.offline_banner.show_state(False, 3, args.failed)
        notice = offline_notice(D("0"), "BYN", coupons=args.coupons)
        panel.messages.show_warning(notice.text, notice.short)
    else:
        panel.set_service_status(True, QCoreApplication.translate("Till", "Loyalty service online"))
    if args.code:
        panel.set_code_asked(True)
        panel.confirmation.ask("+375 29 ***-**-67", 300)
        window.sandbox_log.show_code("4821", "+375 29 ***-**-67")
    window.sandbox_log.append_line("GetProgram → «Бонусы», 3 уровня")
    window.sandbox_log.append_line("IdentifyCustomer phone +375 29 ***-**-67 → c-1001")
    window.sandbox_log.append_line("CalculatePurchase 28,69 → max 14,70")
    if args.finished:
        window.host.show_fiscal_result("Фискальный чек № 124 напечатан")
        window.host.set_finished(True)
        panel.redemption.set_enabled(False)
        panel.show_sale_finished("Баланс теперь: 31,23 BYN")
    window.resize(width, height)
    window.show()
    app.processEvents()
    window.add_keys_and_menu()  # as just after the first paint: the keys' hint in the status bar
    app.processEvents()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(out))
    print(out if ok else "failed to save", file=sys.stderr)
    if args.register:
        ok = _save_registration(app, window, out) and ok
    window.close()
    return 0 if ok else 1


def _save_registration(app: QApplication, window: TillWindow, out: Path) -> bool:
    """Open the registration dialog over the window, its code entry asked, and save it."""
    from widgets.registration.dialog import RegistrationDialog

    dialog = RegistrationDialog("+375295556677", window)
    dialog.findChild(QLineEdit, "RegistrationFirstName").setText("Светлана")
    dialog.findChild(QLineEdit, "RegistrationBirthDate").setText("17.05.1990")
    dialog.set_card_number("2000000555016")
    fit_dialog(dialog, window)
    dialog.show()
    dialog.code_sent("+375 29 ***-**-77", 300, 1)
    dialog.confirmation.show_error("Неверный код. Осталось попыток: 4.")
    app.processEvents()
    path = out.with_name(f"{out.stem}-register.png")
    ok = dialog.grab().save(str(path))
    print(path if ok else "failed to save", file=sys.stderr)
    if QGuiApplication.platformName() == "xcb":
        screen = out.with_name(f"{out.stem}-screen.png")
        ok = window.screen().grabWindow(0).save(str(screen)) and ok
        print(screen, file=sys.stderr)
    dialog.close()
    return ok


if __name__ == "__main__":
    sys.exit(main())
