"""The whole cashier flow through the real window, against the sandbox over loopback HTTP.

Widgets are driven as a cashier would (clicks, typing, Enter); every service call runs on the
till's worker threads, so the test waits on what the window shows, never on time.
"""
from __future__ import annotations

import threading
import time
from decimal import Decimal

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from app.checkout.session import Phase
from app.demo.host import DEMO_PRODUCTS
from app.demo.pos_client import PosClient
from app.settings import Settings
from app.till import TillApplication
from loyalty_client.types import Identifier, IdentifierKind
from tests.integration.bad_servers import SilentServer
from tests.gui.till_window import close_at_test_end

SKU = {p.name: p.sku for p in DEMO_PRODUCTS}
COFFEE = SKU["Кофе зерновой 250 г"]
MILK = SKU["Молоко 3,2% 1 л"]
ANNA_PHONE = "+375291234567"


def make_till(qtbot, tmp_path, *, demo: bool = True, **settings) -> TillApplication:
    """A till with its window shown; the demo's also serves its host API, which its POS drives."""
    settings.setdefault("devices_scanner", "")  # typed input here; scanners have their own tests
    till = TillApplication(
        Settings.defaults().replace(**settings), demo=demo, database_path=tmp_path / "till.sqlite"
    )
    close_at_test_end(qtbot, till)
    till.window.show()
    if demo:
        till.start_host_api()
    return till


@pytest.fixture
def till(qtbot, sandbox, tmp_path):
    till = make_till(qtbot, tmp_path, sync_interval_seconds=0.2)
    with qtbot.waitSignal(till.controller.ready, timeout=15_000):
        till.connect_service(sandbox.url)
    yield till
    till.shutdown()


def click(qtbot, button: QPushButton) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_and_enter(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.clear()
    if text.isprintable():
        qtbot.keyClicks(field, text)
    else:
        field.insert(text)  # pasted: Qt's test keyboard cannot type control characters
    qtbot.keyClick(field, Qt.Key.Key_Return)


def child(widget, cls, name):
    found = widget.findChild(cls, name)
    assert found is not None, name
    return found


def phase(till) -> Phase | None:
    state = till.controller.state
    return None if state is None else state.phase


def idle(till) -> bool:
    """Nothing waits: neither the demo POS's calls to the host API nor the checkout's steps."""
    return (till.demo_pos is None or till.demo_pos.pending == 0) and till.service_worker.pending == 0


def add_products(qtbot, till, *skus: str) -> None:
    for sku in skus:
        click(qtbot, till.window.host.product_button(sku))
    qtbot.waitUntil(lambda: idle(till) and len(till.controller.state.receipt.lines) == len(set(skus)))


def identify(qtbot, till, text: str) -> None:
    type_and_enter(qtbot, child(till.window.loyalty, QLineEdit, "IdentifyInput"), text)
    qtbot.waitUntil(lambda: idle(till) and not till.window.loyalty.identify.is_busy(), timeout=10_000)


def spendable(sandbox, phone: str) -> Decimal:
    return sandbox.service.identify(Identifier(IdentifierKind.PHONE, phone), "001", "01").balance.spendable


def test_identify_redeem_with_code_pay_and_see_the_new_balance(qtbot, sandbox, till) -> None:
    window = till.window
    panel = window.loyalty
    add_products(qtbot, till, COFFEE, COFFEE, COFFEE, COFFEE, MILK)
    identify(qtbot, till, "+375 29 123-45-67")

    assert child(panel, QLabel, "CustomerName").text() == "Анна Ковалёва"
    assert child(panel, QLineEdit, "IdentifyInput").text() == "", "the typed phone is cleared once found"
    assert panel.is_online()
    assert "***-**-67" in child(panel, QLabel, "CustomerPhone").text()
    shown_texts = [label.text() for label in window.findChildren(QLabel)]
    assert not [t for t in shown_texts if "123-45" in t or "1234567" in t], "the full phone never shows"
    state = till.controller.state
    eligible = Decimal("63.60") + Decimal("2.49")
    assert state.calculation.max_redeem == (eligible / 2).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    assert panel.redemption.value() == state.calculation.max_redeem, "defaults to the maximum"
    assert child(panel, QLabel, "ToPayValue").text().startswith(
        f"{eligible - state.calculation.max_redeem:.2f}".replace(".", ",")
    )

    click(qtbot, child(window.host, QPushButton, "CloseReceiptButton"))
    qtbot.waitUntil(panel.confirmation.is_asking)
    assert "***-**-67" in child(panel, QLabel, "ConfirmationPrompt").text()
    type_and_enter(qtbot, child(panel, QLineEdit, "ConfirmationCodeInput"), sandbox.last_code().code)
    qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_PAYMENT)
    assert window.host.is_awaiting_payment()
    assert spendable(sandbox, ANNA_PHONE) == Decimal("125.50") - state.calculation.max_redeem

    click(qtbot, child(window.host, QPushButton, "CloseReceiptButton"))
    qtbot.waitUntil(lambda: phase(till) is Phase.CLOSED)
    assert "printed" in child(window.host, QLabel, "FiscalResult").text()
    qtbot.waitUntil(lambda: "Balance now" in panel.messages.text(), timeout=10_000)
    balance_after = Decimal("125.50") - state.calculation.max_redeem
    assert f"{balance_after:.2f}".replace(".", ",") in panel.messages.text()
    assert child(panel, QLabel, "SpendableValue").text().startswith(f"{balance_after:.2f}".replace(".", ","))


def test_partial_redemption_needs_no_code_and_void_releases_it(qtbot, sandbox, till, monkeypatch) -> None:
    asked: list[object] = []
    monkeypatch.setattr("app.checkout.presenter.confirm_void", lambda parent: asked.append(parent) or True)
    window, panel = till.window, till.window.loyalty
    add_products(qtbot, till, COFFEE)
    identify(qtbot, till, "2000000000015")
    type_and_enter(qtbot, child(panel, QLineEdit, "RedeemInput"), "5,50")
    qtbot.waitUntil(lambda: idle(till) and till.controller.state.redeem == Decimal("5.50"))
    click(qtbot, child(window.host, QPushButton, "CloseReceiptButton"))
    qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_PAYMENT)
    assert not panel.confirmation.is_asking()
    assert spendable(sandbox, ANNA_PHONE) == Decimal("120.00")

    click(qtbot, child(window.host, QPushButton, "VoidReceiptButton"))
    # The demo POS voids it through the host API: shown voided until the POS's next receipt.
    qtbot.waitUntil(lambda: phase(till) is Phase.VOIDED)
    assert asked == [window], "the cashier was asked before voiding"
    assert "voided" in panel.messages.text()
    qtbot.waitUntil(lambda: spendable(sandbox, ANNA_PHONE) == Decimal("125.50"), timeout=10_000)


def test_a_receipt_awaiting_payment_when_the_till_stopped_is_open_again_and_a_void_releases_it(
    qtbot, sandbox, tmp_path
) -> None:
    first = make_till(qtbot, tmp_path)
    with qtbot.waitSignal(first.controller.ready, timeout=15_000):
        first.connect_service(sandbox.url)
    add_products(qtbot, first, COFFEE)
    identify(qtbot, first, "2000000000015")
    type_and_enter(qtbot, child(first.window.loyalty, QLineEdit, "RedeemInput"), "5,50")
    qtbot.waitUntil(lambda: idle(first) and first.controller.state.redeem == Decimal("5.50"))
    click(qtbot, child(first.window.host, QPushButton, "CloseReceiptButton"))
    qtbot.waitUntil(lambda: phase(first) is Phase.AWAITING_PAYMENT)
    receipt_id = first.controller.state.receipt.receipt_id
    first.shutdown()  # gone while the customer pays: the reservation is left on the service
    assert spendable(sandbox, ANNA_PHONE) == Decimal("120.00")

    # The POS may still report it paid: the till shows it again, holding the points, until the
    # POS says paid or void (here the POS voids it over the host API).
    again = make_till(qtbot, tmp_path, sync_interval_seconds=0.2)
    with qtbot.waitSignal(again.controller.ready, timeout=15_000):
        again.connect_service(sandbox.url)
    try:
        qtbot.waitUntil(lambda: again.controller.state.receipt.receipt_id == receipt_id)
        assert phase(again) is Phase.AWAITING_PAYMENT
        assert spendable(sandbox, ANNA_PHONE) == Decimal("120.00")
        qtbot.waitUntil(lambda: again.host_api is not None, timeout=15_000)
        pos = PosClient(again.host_api.url, again.read_host_api_token())
        assert pos.void(receipt_id)["phase"] == "voided"
        pos.close()
        qtbot.waitUntil(lambda: spendable(sandbox, ANNA_PHONE) == Decimal("125.50"), timeout=10_000)
    finally:
        again.shutdown()


@pytest.mark.parametrize(
    "typed, shown",
    [
        ("+375 29 555-55-55", "Customer not found"),
        ("+375 44 700-00-01", "blocked"),
        ("2000000000016", "check digit"),
        ("4810001000011", "Unknown code"),
        ("x" * 500, "Unknown code"),
        ("\x00\x1b[2J;DROP TABLE", "Unknown code"),
    ],
)
def test_errors_are_shown_in_the_panel_and_the_receipt_stays(qtbot, till, typed, shown) -> None:
    add_products(qtbot, till, MILK)
    identify(qtbot, till, typed)
    panel = till.window.loyalty
    assert panel.messages.severity() == "error"
    assert shown in panel.messages.text()
    assert not panel.customer.has_customer()
    assert len(till.controller.state.receipt.lines) == 1


def test_a_hanging_service_costs_the_cashier_a_message_not_a_frozen_window(qtbot, tmp_path) -> None:
    with SilentServer() as silent:
        till = make_till(qtbot, tmp_path, service_timeout_seconds=2.0)
        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        probe = QTimer()
        probe.setInterval(20)
        probe.timeout.connect(lambda: gaps.append(clock.restart() / 1000))
        probe.start()
        started = time.monotonic()
        # Starting up asks the service for the program: that call hangs until its timeout.
        with qtbot.waitSignal(till.controller.ready, timeout=15_000):
            till.connect_service(silent.url)
        add_products(qtbot, till, MILK)
        identify(qtbot, till, "+375 29 123-45-67")
        waited = time.monotonic() - started
        probe.stop()
        till.shutdown()

    panel = till.window.loyalty
    assert "unavailable" in panel.messages.text()
    assert not panel.is_online()
    assert waited >= 1.5, "a call really hung until its timeout"
    # The event loop kept turning the whole time: no gap near the 2 s the call was stuck.
    assert max(gaps) < 0.5, f"GUI thread stalled for {max(gaps):.2f} s"


def test_the_card_shows_the_customer_before_the_offers_and_the_quote_arrive(qtbot, sandbox, till) -> None:
    from loyalty_client.sandbox.faults import FaultKind, FaultRule

    add_products(qtbot, till, COFFEE)
    held = threading.Event()
    sandbox.faults.add_hold_observer(lambda fault: held.set())
    sandbox.faults.schedule(FaultRule(FaultKind.SLOW, "GetOffers", times=1, delay=30))
    type_and_enter(qtbot, child(till.window.loyalty, QLineEdit, "IdentifyInput"), ANNA_PHONE)

    def name_shown() -> bool:  # the card's labels are made with its first customer
        name = till.window.loyalty.findChild(QLabel, "CustomerName")
        return name is not None and "Анна" in name.text()

    qtbot.waitUntil(lambda: held.is_set() and name_shown(), timeout=10_000)
    state = till.controller.state
    assert state.phase is Phase.IDENTIFIED and state.calculation is None, "shown while the offers are still asked for"
    assert not idle(till), "the step itself goes on"

    sandbox.faults.release()
    qtbot.waitUntil(lambda: idle(till) and till.controller.state.calculation is not None, timeout=15_000)
    assert till.controller.state.customer.customer_id == state.customer.customer_id
    assert till.controller.state.offers, "the offers came after the card"


def test_the_sending_queue_is_asked_after_the_new_state_s_frame_not_before_it(qtbot, sandbox, till) -> None:
    """A drain started as the state arrives takes the interpreter from the GUI thread while it
    lays the card out: the queue is nudged once the posted paint has had its turn."""
    import sys

    add_products(qtbot, till, COFFEE)
    qtbot.waitUntil(lambda: idle(till), timeout=10_000)
    nudged_while_showing: list[bool] = []
    nudge = till.sync.nudge

    def noting_nudge() -> None:
        frame, callers = sys._getframe(1), set()
        while frame is not None:
            callers.add(frame.f_code.co_name)
            frame = frame.f_back
        nudged_while_showing.append(bool({"_publish", "_after_state"} & callers))
        nudge()

    till.sync.nudge = noting_nudge  # type: ignore[method-assign]
    type_and_enter(qtbot, child(till.window.loyalty, QLineEdit, "IdentifyInput"), ANNA_PHONE)
    qtbot.waitUntil(lambda: idle(till) and till.controller.state.calculation is not None, timeout=10_000)
    qtbot.waitUntil(lambda: len(nudged_while_showing) >= 2, timeout=10_000)  # the card, then the quote
    assert not any(nudged_while_showing), "never while a state is being shown"
