"""The receipt's phases as the cashier meets them, through the real window and the sandbox.

Which buttons make sense in each phase, the questions asked before an open receipt is dropped,
and the end of a sale: "Sale finished" with the new balance, kept when F8 is pressed again.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QPushButton, QWidget

from app.checkout.session import Phase
from tests.gui.test_cashier_flow import COFFEE, MILK, add_products, child, click, identify, idle, phase, type_and_enter
from tests.gui.test_offline_and_admin import make_till, pay  # noqa: F401 (make_till is a fixture)
from widgets.checkout.receipt_prompts import confirm_new_receipt, confirm_void

ANNA_CARD = "2000000000015"


@pytest.fixture
def till(make_till):  # noqa: F811 (the fixture imported above)
    return make_till()


@pytest.fixture
def answers(monkeypatch):
    """The cashier's answers to the receipt questions, and the questions asked."""
    given = {"void": True, "new": True}
    asked: list[str] = []

    def answer(kind: str):
        return lambda parent: asked.append(kind) or given[kind]

    monkeypatch.setattr("app.checkout.presenter.confirm_void", answer("void"))
    monkeypatch.setattr("app.checkout.presenter.confirm_new_receipt", answer("new"))
    return given, asked


def buttons(till) -> dict[str, bool]:
    host = till.window.host
    return {
        name: child(host, QPushButton, f"{name}ReceiptButton").isEnabled() for name in ("Close", "Void", "New")
    }


def redeem(qtbot, till, amount: str) -> None:
    type_and_enter(qtbot, child(till.window.loyalty, QLineEdit, "RedeemInput"), amount)
    qtbot.waitUntil(lambda: idle(till) and till.controller.state.redeem == Decimal(amount.replace(",", ".")))


def spendable_text(till) -> str:
    return child(till.window.loyalty, QLabel, "SpendableValue").text()


def test_buttons_follow_the_phase(qtbot, till, answers) -> None:
    assert buttons(till) == {"Close": False, "Void": False, "New": True}, "nothing to close or void"
    add_products(qtbot, till, COFFEE)
    identify(qtbot, till, ANNA_CARD)
    redeem(qtbot, till, "5,50")
    assert buttons(till) == {"Close": True, "Void": True, "New": True}
    click(qtbot, child(till.window.host, QPushButton, "CloseReceiptButton"))
    qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_PAYMENT)
    assert buttons(till) == {"Close": True, "Void": True, "New": False}, "payment received, or void"
    click(qtbot, child(till.window.host, QPushButton, "CloseReceiptButton"))
    qtbot.waitUntil(lambda: phase(till) is Phase.CLOSED)
    assert buttons(till) == {"Close": False, "Void": False, "New": True}, "fiscalised: only a new receipt"
    assert till.window.host.product_button(MILK).isEnabled(), "a product starts the next receipt"


def test_sale_finished_shows_the_new_balance_and_a_second_f8_keeps_it(qtbot, sandbox, till, answers) -> None:
    window, panel = till.window, till.window.loyalty
    add_products(qtbot, till, COFFEE)
    identify(qtbot, till, ANNA_CARD)
    before = spendable_text(till)
    assert before.startswith("125,50")
    redeem(qtbot, till, "5,50")
    assert not panel.sale_finished.is_shown() and panel.redemption.isVisible()
    pay(qtbot, till)

    assert panel.sale_finished.is_shown() and not panel.redemption.isVisible()
    assert "Sale finished" in panel.sale_finished.text()
    qtbot.waitUntil(lambda: "Balance now: 120,00" in panel.sale_finished.text(), timeout=10_000)
    assert spendable_text(till).startswith("120,00")

    window.activateWindow()
    with qtbot.assertNotEmitted(window.host.close_requested):
        qtbot.keyClick(window, Qt.Key.Key_F8)
    till.controller.close_receipt()  # the closed state published again, as a second F8 did
    qtbot.waitUntil(lambda: idle(till))
    QApplication.processEvents()
    assert till.controller.state.phase is Phase.CLOSED
    assert spendable_text(till).startswith("120,00"), "not the balance from before the sale"
    assert "Balance now: 120,00" in panel.sale_finished.text()

    click(qtbot, window.host.product_button(MILK))  # the next customer's receipt
    qtbot.waitUntil(lambda: idle(till) and phase(till) is Phase.NO_CUSTOMER)
    assert not panel.sale_finished.is_shown() and panel.redemption.isVisible()
    assert answers[1] == [], "a fiscalised receipt is dropped without asking"


def test_a_sale_finished_offline_says_the_bonuses_come_later(qtbot, sandbox, till, answers) -> None:
    add_products(qtbot, till, MILK)
    identify(qtbot, till, "+375 29 123-45-67")
    sandbox.stop()
    pay(qtbot, till, attempts_offline=1)
    text = till.window.loyalty.sale_finished.text()
    assert "Sale finished" in text and "credited when the connection is back" in text


def test_new_receipt_asks_before_dropping_an_open_one(qtbot, till, answers) -> None:
    given, asked = answers
    new = child(till.window.host, QPushButton, "NewReceiptButton")
    click(qtbot, new)  # empty, no customer: nothing to lose, nothing asked
    qtbot.waitUntil(lambda: idle(till))
    assert asked == []

    add_products(qtbot, till, MILK)
    identify(qtbot, till, ANNA_CARD)
    given["new"] = False
    click(qtbot, new)
    qtbot.waitUntil(lambda: idle(till))
    assert asked == ["new"]
    state = till.controller.state
    assert len(state.receipt.lines) == 1 and state.customer is not None, "kept: the cashier said no"
    assert till.window.host.findChild(QWidget, "ReceiptTable").rowCount() == 1

    given["new"] = True
    click(qtbot, new)
    qtbot.waitUntil(lambda: idle(till) and phase(till) is Phase.NO_CUSTOMER and not till.controller.state.receipt.lines)
    assert asked == ["new", "new"]


def test_void_asks_first(qtbot, till, answers) -> None:
    given, asked = answers
    add_products(qtbot, till, COFFEE)
    identify(qtbot, till, ANNA_CARD)
    redeem(qtbot, till, "5,50")
    click(qtbot, child(till.window.host, QPushButton, "CloseReceiptButton"))
    qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_PAYMENT)
    given["void"] = False
    click(qtbot, child(till.window.host, QPushButton, "VoidReceiptButton"))
    qtbot.waitUntil(lambda: idle(till))
    assert asked == ["void"]
    assert phase(till) is Phase.AWAITING_PAYMENT, "nothing voided: the cashier said no"


@pytest.mark.parametrize("prompt", [confirm_new_receipt, confirm_void])
@pytest.mark.parametrize(("button", "expected"), [("PromptYesButton", True), ("PromptNoButton", False), (None, False)])
def test_the_question_box(qtbot, prompt, button, expected) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[QMessageBox] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)  # not open yet: look again on a later turn of the loop
            return
        seen.append(box)
        if button is None:
            qtbot.keyClick(box, Qt.Key.Key_Escape)
        else:
            box.findChild(QPushButton, button).click()

    QTimer.singleShot(0, answer)
    assert prompt(parent) is expected
    assert len(seen) == 1 and seen[0].defaultButton().objectName() == "PromptNoButton"
