"""Registering a new member at the till through the real window, against the sandbox over loopback:
the code read from what the sandbox sent, the new member earning on the open receipt, consent
sent as chosen, a card scanned into the dialog, and registration refused offline."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.checkout.session import Phase
from loyalty_client.codes import make_ean13
from loyalty_client.sandbox.storage.models import CustomerRow
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from tests.gui.test_cashier_flow import COFFEE, MILK, add_products, child, click, identify, idle, phase, type_and_enter

NEW_PHONE = "+375295556677"
CARD = make_ean13("200000055501")


@pytest.fixture
def till(qtbot, sandbox, tmp_path):
    from tests.gui.test_cashier_flow import make_till

    till = make_till(qtbot, tmp_path, sync_interval_seconds=0.2, ui_code_resend_seconds=1)
    with qtbot.waitSignal(till.controller.ready, timeout=15_000):
        till.connect_service(sandbox.url)
    yield till
    till.shutdown()


def member(sandbox, phone: str) -> CustomerRow | None:
    with Session(sandbox.engine) as session:
        return session.scalars(select(CustomerRow).where(CustomerRow.phone == phone)).first()


def open_registration(qtbot, till, typed: str = "+375 29 555-66-77"):
    identify(qtbot, till, typed)
    panel = till.window.loyalty
    register = child(panel, QPushButton, "RegisterButton")
    assert register.isVisible(), "an unknown phone offers registration"
    click(qtbot, register)
    qtbot.waitUntil(lambda: till.registration.dialog is not None and till.registration.dialog.isVisible())
    return till.registration.dialog


def fill(qtbot, dialog, name: str, birth: str = "") -> None:
    child(dialog, QLineEdit, "RegistrationFirstName").insert(name)  # Qt's test keyboard types no Cyrillic
    if birth:
        qtbot.keyClicks(child(dialog, QLineEdit, "RegistrationBirthDate"), birth)


def send_code(qtbot, till, dialog) -> None:
    click(qtbot, child(dialog, QPushButton, "SendRegistrationCodeButton"))
    qtbot.waitUntil(lambda: dialog.confirmation.is_asking() and idle(till), timeout=10_000)


@pytest.mark.parametrize("tick_consent", [False, True], ids=["consent-left-unticked", "consent-ticked"])
def test_register_an_unknown_phone_and_the_new_member_earns_on_the_open_receipt(
    qtbot, sandbox, till, tick_consent
) -> None:
    add_products(qtbot, till, COFFEE, MILK)
    dialog = open_registration(qtbot, till)
    assert child(dialog, QLineEdit, "RegistrationPhone").text() == NEW_PHONE, "prefilled in E.164"
    consent = child(dialog, QCheckBox, "RegistrationConsent")
    assert not consent.isChecked(), "marketing consent starts unticked"
    assert "withdraw" in child(dialog, QLabel, "RegistrationConsentText").text(), "its whole wording is shown"
    fill(qtbot, dialog, "Светлана", "17.05.1990")
    if tick_consent:
        qtbot.mouseClick(consent, Qt.MouseButton.LeftButton, pos=QPoint(8, consent.height() // 2))  # its box
        assert consent.isChecked()

    till.handle_scan(CARD)  # a scan while registering is the card to link, not a search
    assert child(dialog, QLineEdit, "RegistrationCard").text() == CARD
    assert till.controller.state.customer is None

    send_code(qtbot, till, dialog)
    sent = sandbox.last_code(phone=NEW_PHONE)
    assert sent.purpose.value == "register"
    assert "***-**-77" in child(dialog, QLabel, "ConfirmationPrompt").text()
    type_and_enter(qtbot, child(dialog, QLineEdit, "ConfirmationCodeInput"), sent.code)
    qtbot.waitUntil(lambda: till.registration.dialog is None and idle(till), timeout=10_000)

    state = till.controller.state
    assert state.phase is Phase.IDENTIFIED
    assert state.customer is not None and state.customer.display_name == "Светлана"
    assert child(till.window.loyalty, QLabel, "CustomerName").text() == "Светлана"
    assert not child(till.window.loyalty, QPushButton, "RegisterButton").isVisible()
    accrual = state.calculation.accrual
    assert accrual > Decimal("0.00"), "the new member earns on this receipt"
    row = member(sandbox, NEW_PHONE)
    assert row is not None
    assert row.marketing_consent is tick_consent, "consent is sent as the cashier left it"
    assert row.card_number == CARD
    assert row.birth_date == date(1990, 5, 17)

    close = child(till.window.host, QPushButton, "CloseReceiptButton")
    click(qtbot, close)
    qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_PAYMENT)
    click(qtbot, close)
    qtbot.waitUntil(lambda: phase(till) is Phase.CLOSED)

    def committed() -> list[dict]:
        return [
            entry
            for entry in recorded_transactions(sandbox.engine)
            if entry["customerId"] == row.id and entry["kind"] == "purchase" and entry["state"] == "committed"
        ]

    qtbot.waitUntil(lambda: len(committed()) == 1, timeout=10_000)
    assert Decimal(committed()[0]["accrual"]) > Decimal("0.00")


def test_a_wrong_registration_code_says_the_tries_left_and_registers_nobody(qtbot, sandbox, till) -> None:
    dialog = open_registration(qtbot, till)
    fill(qtbot, dialog, "Олег")
    send_code(qtbot, till, dialog)
    good = sandbox.last_code(phone=NEW_PHONE).code
    type_and_enter(qtbot, child(dialog, QLineEdit, "ConfirmationCodeInput"), "000000" if good != "000000" else "111111")
    qtbot.waitUntil(lambda: "Tries left: 4" in dialog.error_text(), timeout=10_000)
    assert member(sandbox, NEW_PHONE) is None
    assert till.controller.state.customer is None


def test_an_expired_registration_code_points_to_the_newest_and_send_again_gets_one(qtbot, sandbox, till) -> None:
    dialog = open_registration(qtbot, till)
    fill(qtbot, dialog, "Олег")
    send_code(qtbot, till, dialog)
    first = sandbox.last_code(phone=NEW_PHONE).code
    resend = child(dialog, QPushButton, "ResendCodeButton")
    assert not resend.isEnabled(), "Send again waits for its countdown"
    qtbot.waitUntil(resend.isEnabled, timeout=5_000)  # the countdown's timer enables it
    sandbox.clock.advance(200)
    click(qtbot, resend)
    assert not resend.isEnabled(), "pressed, it counts down again"
    qtbot.waitUntil(lambda: len([c for c in sandbox.codes if c.phone == NEW_PHONE]) == 2 and idle(till))
    newest = sandbox.last_code(phone=NEW_PHONE).code
    sandbox.clock.advance(150)  # the first code has expired, the newest has not
    if first == newest:
        pytest.skip("the sandbox drew the same six digits twice")
    type_and_enter(qtbot, child(dialog, QLineEdit, "ConfirmationCodeInput"), first)
    qtbot.waitUntil(lambda: "expired" in dialog.error_text(), timeout=10_000)
    assert "newest" in dialog.error_text()
    type_and_enter(qtbot, child(dialog, QLineEdit, "ConfirmationCodeInput"), newest)
    qtbot.waitUntil(lambda: till.registration.dialog is None and idle(till), timeout=10_000)
    assert till.controller.state.customer is not None
    assert member(sandbox, NEW_PHONE) is not None


def test_registration_offline_is_refused_with_an_explanation_and_nothing_is_saved(qtbot, sandbox, till) -> None:
    add_products(qtbot, till, MILK)
    dialog = open_registration(qtbot, till)
    fill(qtbot, dialog, "Олег")
    with sandbox.refusing():
        click(qtbot, child(dialog, QPushButton, "SendRegistrationCodeButton"))
        qtbot.waitUntil(lambda: "cannot be reached" in dialog.error_text() and idle(till), timeout=10_000)
        assert "Nothing was saved" in dialog.error_text()
        assert not dialog.confirmation.is_asking()
        dialog.reject()
        qtbot.waitUntil(lambda: till.registration.dialog is None)
        qtbot.waitUntil(lambda: not till.window.loyalty.is_online(), timeout=10_000)
        # Known offline now: Register explains at once, and no dialog opens.
        till.registration.open(NEW_PHONE)
        assert till.registration.dialog is None
        assert "cannot be reached" in till.window.loyalty.messages.text()
    assert not [c for c in sandbox.codes if c.phone == NEW_PHONE], "no code went out"
    assert member(sandbox, NEW_PHONE) is None
    assert till.controller.state.customer is None
    assert len(till.controller.state.receipt.lines) == 1, "the receipt is kept"
