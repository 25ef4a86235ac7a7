"""The demo POS hands its receipts to the till through the host API: a scan meanwhile waits for
the receipt and is applied on it, and the checkout's notice stays as the POS changes the lines."""
from __future__ import annotations

import pytest

from tests.gui.test_cashier_flow import COFFEE, MILK, add_products, identify, idle, make_till

CARD = "2000000000015"  # Анна Ковалёва's card in the sandbox's demo data
MARIA = "+375 25 111-22-33"  # her card is not activated: the checkout says so


@pytest.fixture
def till(qtbot, sandbox, tmp_path):
    till = make_till(qtbot, tmp_path)
    with qtbot.waitSignal(till.controller.ready, timeout=15_000):
        till.connect_service(sandbox.url)
    qtbot.waitUntil(lambda: idle(till) and till.controller.state.from_host, timeout=10_000)
    yield till
    till.shutdown()


def test_a_scan_while_the_demo_pos_hands_over_its_next_receipt_identifies_on_that_receipt(qtbot, till) -> None:
    first = till.controller.state.receipt.receipt_id
    with qtbot.waitSignal(till.demo_pos.handed_over, timeout=10_000):
        till.window.host.new_receipt_requested.emit()  # "New receipt" on the demo POS
        assert till.demo_pos.handing_over
        till.handle_scan(CARD)  # the scanner's code, as the device controller hands it over
        assert till.window.loyalty.identify.is_busy(), "the scan waits, visibly"
    qtbot.waitUntil(lambda: idle(till) and till.controller.state.customer is not None, timeout=10_000)
    state = till.controller.state
    assert state.receipt.receipt_id != first
    assert state.receipt.receipt_id == till.demo_pos.builder.receipt.receipt_id
    assert state.customer.display_name == "Анна Ковалёва"
    assert not till.window.loyalty.identify.is_busy()


def test_the_checkout_notice_stays_shown_as_the_pos_adds_products(qtbot, till) -> None:
    identify(qtbot, till, MARIA)
    messages = till.window.loyalty.messages
    assert "not activated" in messages.text()
    add_products(qtbot, till, COFFEE)
    add_products(qtbot, till, COFFEE, MILK)
    assert "not activated" in till.controller.state.notice.text
    assert "not activated" in messages.text(), "a receipt update from the POS cleared the notice"
