"""The till pointed at RetailCRM (the fake, over loopback): the whole cashier flow with the SMS
code, Admin > Service's "Check connection", and a till started without a key.

Widgets are driven as a cashier or an admin would; every call to the fake runs on the till's
workers, so the tests wait on what the window shows.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from app.checkout.session import Phase
from app.service.api_key import stored_api_key
from loyalty_client.retailcrm.fake_server import COMPLETE, FakeRetailCrm
from tests.gui.test_cashier_flow import (
    COFFEE,
    MILK,
    add_products,
    child,
    click,
    identify,
    make_till,
    phase,
    type_and_enter,
)

KEY = "till-crm-key-77"
ANNA_ACCOUNT = 1  # the fake's loyalty account of Анна Ковалёва (125.50 points)


@pytest.fixture
def fake() -> Iterator[FakeRetailCrm]:
    with FakeRetailCrm(api_key=KEY, confirm_sms_charge=True) as server:
        yield server


def open_service_screen(qtbot, till):
    till.window.admin_requested.emit("service")
    qtbot.waitUntil(lambda: till.admin.pin_dialog is not None and till.admin.pin_dialog.isVisible())
    pin = till.admin.pin_dialog
    assert pin.mode() == "create", "behind the admin PIN"
    assert till.service_screen.dialog is None
    type_and_enter(qtbot, child(pin, QLineEdit, "PinNewInput"), "246813")
    type_and_enter(qtbot, child(pin, QLineEdit, "PinRepeatInput"), "246813")
    qtbot.waitUntil(lambda: till.service_screen.dialog is not None and till.service_screen.dialog.isVisible(), timeout=10_000)
    return till.service_screen.dialog


def test_identify_redeem_with_the_sms_code_close_and_pay(qtbot, tmp_path, fake, monkeypatch) -> None:
    monkeypatch.setenv("TILL_LOYALTY_API_KEY", KEY)
    till = make_till(qtbot, tmp_path, sync_interval_seconds=0.2)
    try:
        with qtbot.waitSignal(till.controller.ready, timeout=15_000):
            till.connect_service(fake.url)
        window, panel = till.window, till.window.loyalty
        add_products(qtbot, till, COFFEE, COFFEE, COFFEE, COFFEE, MILK)
        identify(qtbot, till, "+375 29 123-45-67")

        assert child(panel, QLabel, "CustomerName").text() == "Анна Ковалёва"
        assert panel.is_online()
        state = till.controller.state
        assert state.customer.tier.name == "Серебро"
        assert state.customer.balance.spendable == Decimal("125.50")
        maximum = state.calculation.max_redeem
        assert maximum == Decimal("33.04"), "half of 66.09, as the fake's program allows"
        assert panel.redemption.value() == maximum

        click(qtbot, child(window.host, QPushButton, "CloseReceiptButton"))
        qtbot.waitUntil(panel.confirmation.is_asking, timeout=10_000)
        assert "***-**-67" in child(panel, QLabel, "ConfirmationPrompt").text()
        assert fake.accounts[ANNA_ACCOUNT].amount == Decimal("125.50"), "nothing charged before the code"
        (code,) = fake.sms_codes.values()
        type_and_enter(qtbot, child(panel, QLineEdit, "ConfirmationCodeInput"), code)
        qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_PAYMENT, timeout=10_000)
        assert fake.accounts[ANNA_ACCOUNT].amount == Decimal("125.50") - maximum

        click(qtbot, child(window.host, QPushButton, "CloseReceiptButton"))
        qtbot.waitUntil(lambda: phase(till) is Phase.CLOSED)
        transaction_id = till.controller.state.sale.transaction_id
        qtbot.waitUntil(lambda: "Balance now" in panel.messages.text(), timeout=15_000)
        order = fake.orders[transaction_id]
        assert order.status == COMPLETE
        assert len(fake.orders) == 1
        kinds = [op["type"] for op in fake.operations if op["order"] == transaction_id]
        assert kinds == ["charge_for_order", "credit_for_order"], "charged once, credited once"
        balance = fake.accounts[ANNA_ACCOUNT].amount
        assert balance == Decimal("125.50") - maximum + order.credit
        assert f"{balance:.2f}".replace(".", ",") in panel.messages.text()
        assert fake.balance_check()
    finally:
        till.shutdown()


def test_check_connection_reports_the_program_or_the_refused_key_and_save_keeps_the_key(
    qtbot, tmp_path, fake, monkeypatch
) -> None:
    monkeypatch.delenv("TILL_LOYALTY_API_KEY", raising=False)
    till = make_till(qtbot, tmp_path, demo=False, host_api_enabled=False)
    try:
        dialog = open_service_screen(qtbot, till)
        qtbot.waitUntil(lambda: dialog.key_state() == "none")
        endpoint = child(dialog, QLineEdit, "ServiceEndpointInput")
        key = child(dialog, QLineEdit, "ServiceKeyInput")
        assert key.echoMode() == QLineEdit.EchoMode.Password and key.text() == ""
        endpoint.setText(fake.url)

        key.setText("wrong-key")
        click(qtbot, child(dialog, QPushButton, "ServiceCheckButton"))
        qtbot.waitUntil(lambda: dialog.check_ok() is not None, timeout=15_000)
        assert dialog.check_ok() is False
        assert "refused the API key" in dialog.result_text()

        key.setText(KEY)
        click(qtbot, child(dialog, QPushButton, "ServiceCheckButton"))
        qtbot.waitUntil(lambda: dialog.check_ok() is True, timeout=15_000)
        text = dialog.result_text()
        assert "Клуб друзей" in text and re.search(r"Серебро \(5\s?%\)", text) and "SMS code" in text

        click(qtbot, child(dialog, QPushButton, "ServiceSaveButton"))
        qtbot.waitUntil(lambda: dialog.key_state() == "stored", timeout=10_000)
        assert key.text() == "", "the key leaves the dialog once stored"
        assert stored_api_key(till.settings) == KEY
        assert till.settings.get("service", "endpoint") == fake.url
        shown = [label.text() for label in dialog.findChildren(QLabel)]
        assert not [t for t in shown if KEY in t], "the key is never shown"

        fake.account_exists = False
        click(qtbot, child(dialog, QPushButton, "ServiceCheckButton"))  # with the stored key
        qtbot.waitUntil(lambda: dialog.check_ok() is False, timeout=15_000)
        assert "no RetailCRM account at this address" in dialog.result_text()
    finally:
        till.shutdown()


def test_a_till_without_a_key_says_so_and_picks_up_the_key_once_stored(qtbot, tmp_path, fake, monkeypatch) -> None:
    monkeypatch.delenv("TILL_LOYALTY_API_KEY", raising=False)
    till = make_till(qtbot, tmp_path, sync_interval_seconds=0.2)
    try:
        with qtbot.waitSignal(till.controller.ready, timeout=15_000):
            till.connect_service(fake.url)
        panel = till.window.loyalty
        qtbot.waitUntil(lambda: "not configured" in panel.messages.text(), timeout=10_000)
        qtbot.waitUntil(lambda: panel.service_status_text() == "Loyalty service not configured", timeout=10_000)
        assert not fake.requests, "nothing sent without a key"

        add_products(qtbot, till, COFFEE)
        identify(qtbot, till, "+375 29 123-45-67")
        assert "not configured" in panel.messages.text() and "call the administrator" in panel.messages.text()

        from app.service.api_key import store_api_key

        store_api_key(till.settings, KEY)  # as Admin > Service or `service set-key` does
        qtbot.waitUntil(panel.is_online, timeout=30_000)
        identify(qtbot, till, "+375 29 123-45-67")
        assert child(panel, QLabel, "CustomerName").text() == "Анна Ковалёва"

        # A sale now goes through and is delivered by the sync, which found the key too.
        type_and_enter(qtbot, child(panel, QLineEdit, "RedeemInput"), "0")
        qtbot.waitUntil(lambda: till.service_worker.pending == 0 and till.controller.state.redeem == 0)
        click(qtbot, child(till.window.host, QPushButton, "CloseReceiptButton"))
        qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_PAYMENT, timeout=10_000)
        click(qtbot, child(till.window.host, QPushButton, "CloseReceiptButton"))
        qtbot.waitUntil(lambda: phase(till) is Phase.CLOSED)
        transaction_id = till.controller.state.sale.transaction_id
        qtbot.waitUntil(lambda: "Balance now" in panel.messages.text(), timeout=15_000)
        assert fake.orders[transaction_id].status == COMPLETE
    finally:
        till.shutdown()


def test_the_demo_runs_against_the_sandbox_speaking_retailcrm(qtbot, tmp_path, monkeypatch) -> None:
    from app.gui import _start_sandbox

    monkeypatch.setenv("TILL_LOYALTY_API_KEY", "someone-elses-key")  # the demo's own key wins, both sides
    till = make_till(qtbot, tmp_path, sync_interval_seconds=0.2)
    sandbox = None
    try:
        with qtbot.waitSignal(till.controller.ready, timeout=60_000):
            sandbox = _start_sandbox(till, "retailcrm")
        assert sandbox.url is not None and sandbox.url.startswith("retailcrm+http://127.0.0.1:")
        codes: list[str] = []
        sandbox.code_sent.connect(lambda code, *_: codes.append(code))
        panel = till.window.loyalty
        add_products(qtbot, till, COFFEE, MILK)
        identify(qtbot, till, "+375 29 123-45-67")
        assert child(panel, QLabel, "CustomerName").text() == "Анна Ковалёва"
        assert panel.is_online()

        click(qtbot, child(till.window.host, QPushButton, "CloseReceiptButton"))
        qtbot.waitUntil(lambda: panel.confirmation.is_asking() and bool(codes), timeout=10_000)
        type_and_enter(qtbot, child(panel, QLineEdit, "ConfirmationCodeInput"), codes[-1])
        qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_PAYMENT, timeout=10_000)
        click(qtbot, child(till.window.host, QPushButton, "CloseReceiptButton"))
        qtbot.waitUntil(lambda: "Balance now" in panel.messages.text(), timeout=15_000)
    finally:
        till.shutdown()
        if sandbox is not None:
            sandbox.stop()
