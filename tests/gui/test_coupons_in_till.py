"""Printed coupons scanned into the running till (real window, demo POS over the host API, the
sandbox over loopback): through the keyboard-wedge filter and a serial scanner on a
pseudo-terminal; the panel lists each with what it gives or why not, removes it, refuses it
offline, and the paid sale carries the coupon's and the points' parts exactly."""
from __future__ import annotations

from decimal import Decimal as D

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.checkout.session import Phase
from loyalty_client.sandbox.demo import coupon_code
from loyalty_client.sandbox.storage.models import CouponUse
from tests.devices.loopback_printer import READY, LoopbackPrinter
from tests.devices.pty_port import PtyPort
from tests.escpos_decoder import decode
from tests.gui.test_cashier_flow import COFFEE, MILK, add_products, child, click, identify, idle, phase
from tests.gui.test_devices_in_till import focus, scanner_types, start

ANNA_COFFEE_10 = coupon_code(1, 1)  # −10 % on coffee, personal
ANNA_DOUBLE_FROM_20 = coupon_code(1, 2)  # double points from 20.00, personal


def uses(sandbox, code: str) -> list[tuple[str, str]]:
    with Session(sandbox.engine) as session:
        rows = session.scalars(select(CouponUse).where(CouponUse.coupon_code == code))
        return [(row.transaction_id, row.state) for row in rows]


def coupon_details(till) -> dict[str, str]:
    return {label.property("code"): label.text() for label in till.window.loyalty.coupons.findChildren(QLabel, "CouponDetail")}


def pay(qtbot, till) -> None:
    close = child(till.window.host, QPushButton, "CloseReceiptButton")
    click(qtbot, close)
    qtbot.waitUntil(lambda: idle(till) and phase(till) is Phase.AWAITING_PAYMENT, timeout=10_000)
    click(qtbot, close)
    qtbot.waitUntil(lambda: idle(till) and phase(till) is Phase.CLOSED, timeout=10_000)


def test_a_coupon_through_the_wedge_with_points_is_paid_exactly_and_used_once(qtbot, tmp_path, sandbox) -> None:
    till = start(qtbot, tmp_path, sandbox, devices_scanner="wedge://?suffix=Enter")
    try:
        add_products(qtbot, till, COFFEE, MILK)
        identify(qtbot, till, "+375 29 123-45-67")
        offers = till.window.loyalty.customer.offer_lines()
        assert len(offers) == 2 and any("−10" in line for line in offers), offers
        field = child(till.window.loyalty, QLineEdit, "IdentifyInput")
        focus(qtbot, till, field)
        scanner_types(field, ANNA_COFFEE_10 + "\r")
        qtbot.waitUntil(lambda: idle(till) and ANNA_COFFEE_10 in coupon_details(till), timeout=10_000)
        assert coupon_details(till)[ANNA_COFFEE_10] == "−1,59"
        assert field.text() == "", "the scanned digits did not stay in the field"
        state = till.controller.state
        assert state.coupon_discounts == {1: D("1.59")} and state.redeem > 0
        assert till.window.loyalty.coupons.isVisible()
        totals = till.window.loyalty.totals
        assert child(totals, QLabel, "DiscountCaption").text() == "Discount", "not only bonuses now"
        assert child(totals, QLabel, "DiscountValue").text() == "−" + f"{state.discount:.2f}".replace(".", ",")

        pay(qtbot, till)
        state = till.controller.state
        document, lines = till.demo_pos.registrar.printed[-1]
        assert document.document_number == state.sale.fiscal.document_number
        assert sum(line.coupon_discount for line in lines) == D("1.59")
        assert sum(line.points_discount for line in lines) == state.redeem
        assert sum(line.amount for line in lines) == state.to_pay
        qtbot.waitUntil(lambda: uses(sandbox, ANNA_COFFEE_10) == [(state.sale.transaction_id, "used")], timeout=15_000)
    finally:
        till.shutdown()


def test_the_slip_lists_the_coupon_that_applied_with_the_money_it_took_off(qtbot, tmp_path, sandbox) -> None:
    with LoopbackPrinter(status=READY) as printer:
        till = start(
            qtbot, tmp_path, sandbox, devices_scanner="wedge://?suffix=Enter", devices_printer=printer.uri("width=80")
        )
        try:
            add_products(qtbot, till, COFFEE, MILK)
            identify(qtbot, till, "+375 29 123-45-67")
            field = child(till.window.loyalty, QLineEdit, "IdentifyInput")
            focus(qtbot, till, field)
            scanner_types(field, ANNA_COFFEE_10 + "\r")
            applied = lambda: coupon_details(till).get(ANNA_COFFEE_10) == "−1,59"  # noqa: E731
            qtbot.waitUntil(lambda: idle(till) and applied(), timeout=10_000)
            title = till.controller.state.coupons[0].result.title
            pay(qtbot, till)
            qtbot.waitUntil(lambda: not printer.jobs.empty(), timeout=15_000)  # once the service confirmed it
            printed = [line.text for line in decode(printer.next_job(timeout=1)).lines]
            name = title.replace("−", "-")  # CP866 has no minus sign: the printer shows a hyphen
            assert name + "-1,59".rjust(48 - len(name)) in printed, printed
            assert "Coupons applied" in printed
            assert ANNA_COFFEE_10 not in "\n".join(printed), "the coupon's code is not printed in full"
        finally:
            till.shutdown()


def test_a_serial_scanner_coupon_names_its_owner_a_refused_one_says_why_and_remove_works(
    qtbot, tmp_path, sandbox
) -> None:
    with PtyPort() as port:
        till = start(qtbot, tmp_path, sandbox, devices_scanner=f"serial://{port.path}?baudrate=9600")
        try:
            add_products(qtbot, till, MILK)
            qtbot.waitUntil(lambda: till.devices.scanner_connected, timeout=10_000)
            port.send(ANNA_DOUBLE_FROM_20.encode() + b"\r\n")
            qtbot.waitUntil(lambda: idle(till) and ANNA_DOUBLE_FROM_20 in coupon_details(till), timeout=10_000)
            assert till.controller.state.customer.display_name == "Анна Ковалёва", "the coupon named its owner"
            assert coupon_details(till)[ANNA_DOUBLE_FROM_20] == "valid on purchases from 20,00"

            port.send(ANNA_COFFEE_10.encode() + b"\r\n")
            qtbot.waitUntil(lambda: idle(till) and len(coupon_details(till)) == 2, timeout=10_000)
            assert "nothing on the receipt" in coupon_details(till)[ANNA_COFFEE_10], "no coffee on the receipt"

            buttons = till.window.loyalty.coupons.findChildren(QPushButton, "RemoveCouponButton")
            [remove] = [button for button in buttons if button.property("code") == ANNA_DOUBLE_FROM_20]
            click(qtbot, remove)
            qtbot.waitUntil(lambda: idle(till) and set(coupon_details(till)) == {ANNA_COFFEE_10}, timeout=10_000)
        finally:
            till.shutdown()


def test_a_coupon_scanned_while_the_service_is_away_is_refused_with_the_reason(qtbot, tmp_path, sandbox) -> None:
    till = start(qtbot, tmp_path, sandbox, devices_scanner="wedge://?suffix=Enter")
    try:
        add_products(qtbot, till, COFFEE)
        sandbox.stop()
        field = child(till.window.loyalty, QLineEdit, "IdentifyInput")
        focus(qtbot, till, field)
        scanner_types(field, ANNA_COFFEE_10 + "\r")
        qtbot.waitUntil(lambda: idle(till) and "offline" in till.window.loyalty.messages.text(), timeout=15_000)
        assert till.controller.state.coupons == ()
        assert not till.window.loyalty.coupons.isVisible()
    finally:
        till.shutdown()
