"""The demo's host panel drives the till through the till's own host API over loopback, as a
real POS does: from a worker thread, with the demo's own token, its refusals said in the panel."""
from __future__ import annotations

import httpx
import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QLineEdit, QPushButton

from app.checkout.session import Phase
from app.demo.pos_client import PosClient
from app.host_api.token import host_api_token
from tests.gui.test_cashier_flow import (
    COFFEE, MILK, add_products, child, click, identify, make_till, phase, type_and_enter,
)


@pytest.fixture
def demo(qtbot, sandbox, tmp_path, monkeypatch):
    threads: list[str] = []
    call = PosClient._call

    def recorded(self, *args, **kwargs):
        threads.append(QThread.currentThread().objectName())
        return call(self, *args, **kwargs)

    monkeypatch.setattr(PosClient, "_call", recorded)
    till = make_till(qtbot, tmp_path, sync_interval_seconds=0.2)
    with qtbot.waitSignal(till.controller.ready, timeout=15_000):
        till.connect_service(sandbox.url)
    qtbot.waitUntil(lambda: till.host_api is not None, timeout=15_000)
    pos = httpx.Client(
        base_url=till.host_api.url, headers={"Authorization": f"Bearer {till.read_host_api_token()}"}, timeout=20
    )
    yield till, pos, threads, sandbox
    pos.close()
    till.shutdown()


def test_the_demo_sale_goes_through_the_host_api(qtbot, demo) -> None:
    till, pos, threads, sandbox = demo
    assert till.host_api.url.startswith("http://127.0.0.1:")
    assert till.read_host_api_token() != host_api_token(till.settings), "the demo has a token of its own"
    add_products(qtbot, till, COFFEE, COFFEE, COFFEE, COFFEE, MILK)
    receipt_id = till.demo_pos.builder.receipt.receipt_id
    assert till.controller.state.from_host, "the receipt came as a POS's"
    seen = pos.get(f"/v1/receipts/{receipt_id}").json()
    assert [line["lineNo"] for line in seen["lines"]] == [1, 2]
    identify(qtbot, till, "+375 29 123-45-67")  # the cashier's side: in the panel
    assert pos.get(f"/v1/receipts/{receipt_id}").json()["customer"]["displayName"] == "Анна Ковалёва"

    close = child(till.window.host, QPushButton, "CloseReceiptButton")
    click(qtbot, close)
    qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_CODE)
    assert pos.get(f"/v1/receipts/{receipt_id}").json()["phase"] == "awaiting_code"
    code = child(till.window.loyalty, QLineEdit, "ConfirmationCodeInput")
    type_and_enter(qtbot, code, sandbox.last_code().code)  # the cashier's side again
    qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_PAYMENT)
    click(qtbot, close)  # "Payment received": the demo POS prints on its registrar and reports it
    qtbot.waitUntil(lambda: phase(till) is Phase.CLOSED)
    printed, _lines = till.demo_pos.registrar.printed[-1]
    answer = pos.get(f"/v1/receipts/{receipt_id}").json()
    assert answer["phase"] == "closed"
    assert answer["fiscalDocumentNumber"] == printed.document_number
    assert till.controller.state.sale.fiscal.document_number == printed.document_number
    assert threads and set(threads) == {"demo-pos"}, "every HTTP call ran on the demo POS's worker"


def test_a_till_the_demo_pos_cannot_reach_is_said_in_the_panel(qtbot, demo) -> None:
    till, _pos, _threads, _sandbox = demo
    add_products(qtbot, till, COFFEE)
    till.host_api.stop()
    click(qtbot, till.window.host.product_button(MILK))
    panel = till.window.loyalty
    qtbot.waitUntil(lambda: "cannot reach the till's host API" in panel.messages.text(), timeout=15_000)
    assert panel.messages.severity() == "error"
    assert len(till.controller.state.receipt.lines) == 1
