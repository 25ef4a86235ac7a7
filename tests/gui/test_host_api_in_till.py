"""The till's window and the host API together: what a POS sends shows in the panel, what the
cashier does in the panel reaches the POS, and a port in use is said in the panel."""
from __future__ import annotations

import socket
import threading

import httpx
import pytest
from PySide6.QtWidgets import QLabel

from app.checkout.session import Phase
from tests.gui.test_cashier_flow import child, identify, make_till
from tests.integration.host_api_till import events

RECEIPT = {
    "lines": [
        {"lineNo": 1, "sku": "4810001000031", "name": "Кофе зерновой 250 г", "quantity": "4",
         "price": "15.90", "amount": "63.60"},
    ]
}


@pytest.fixture
def api_till(qtbot, sandbox, tmp_path):
    till = make_till(qtbot, tmp_path, sync_interval_seconds=0.2)  # the demo serves its API on a free port
    with qtbot.waitSignal(till.controller.ready, timeout=15_000):
        till.connect_service(sandbox.url)
    qtbot.waitUntil(lambda: till.host_api is not None, timeout=15_000)
    qtbot.waitUntil(lambda: till.controller.state.from_host, timeout=15_000)  # the demo POS's receipt is in
    token = till.read_host_api_token()
    client = httpx.Client(base_url=till.host_api.url, headers={"Authorization": f"Bearer {token}"}, timeout=20)
    yield till, client
    client.close()
    till.shutdown()


def test_a_receipt_sent_by_the_pos_shows_in_the_panel(qtbot, api_till) -> None:
    till, pos = api_till
    answer = pos.put("/v1/receipts/POS-42", json=RECEIPT)
    assert answer.status_code == 200, answer.text
    qtbot.waitUntil(lambda: till.controller.state.receipt.receipt_id == "POS-42")
    to_pay = child(till.window.loyalty, QLabel, "ToPayValue")
    qtbot.waitUntil(lambda: to_pay.text().startswith("63,60"))
    assert till.controller.state.phase is Phase.NO_CUSTOMER


def test_an_identification_in_the_panel_reaches_the_pos_as_an_event(qtbot, api_till) -> None:
    till, pos = api_till
    assert pos.put("/v1/receipts/POS-43", json=RECEIPT).status_code == 200
    qtbot.waitUntil(lambda: till.controller.state.receipt.receipt_id == "POS-43")
    heard: list[dict] = []
    listening = threading.Event()

    def listen() -> None:
        with pos.stream("GET", "/v1/events") as response:
            for state in events(response):
                listening.set()
                heard.append(state)
                if state["customer"] is not None:
                    return

    reader = threading.Thread(target=listen, daemon=True)
    reader.start()
    qtbot.waitUntil(listening.is_set, timeout=10_000)
    identify(qtbot, till, "+375 29 123-45-67")  # typed by the cashier into the panel
    qtbot.waitUntil(lambda: not reader.is_alive(), timeout=15_000)
    assert heard[-1]["receiptId"] == "POS-43"
    assert heard[-1]["customer"]["displayName"] == "Анна Ковалёва"
    assert heard[-1]["calculation"]["maxRedeem"] == "31.80"


def test_a_port_in_use_is_said_in_the_panel_and_the_till_goes_on(qtbot, sandbox, tmp_path) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    till = make_till(qtbot, tmp_path, demo=False, host_api_port=taken.getsockname()[1])
    try:
        with qtbot.waitSignal(till.controller.ready, timeout=15_000):
            till.connect_service(sandbox.url)
        with qtbot.waitSignal(till.host_api_failed, timeout=15_000) as failed:
            till.start_host_api()
        assert "in use by another program" in failed.args[0]
        panel = till.window.loyalty
        assert panel.messages.severity() == "error"
        assert "in use by another program" in panel.messages.text()
        identify(qtbot, till, "+375 29 123-45-67")
        assert till.controller.state.customer is not None, "the till works without the API"
    finally:
        taken.close()
        till.shutdown()
