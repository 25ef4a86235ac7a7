"""`till-loyalty run` is a real till: no demo products, no demo registrar, the loyalty panel alone,
and "Waiting for the POS" until the POS hands over a receipt through the host API."""
from __future__ import annotations

import httpx
import pytest
from PySide6.QtWidgets import QLabel

from app.checkout.session import Phase
from app.host_api.token import host_api_token
from app.settings import Settings
from app.till import TillApplication
from tests.gui.test_cashier_flow import child
from tests.gui.test_host_api_in_till import RECEIPT
from tests.gui.till_window import close_at_test_end


@pytest.fixture
def run_till(qtbot, sandbox, tmp_path):
    settings = Settings.defaults().replace(devices_scanner="", host_api_port=0)
    till = TillApplication(settings, demo=False, database_path=tmp_path / "till.sqlite")
    close_at_test_end(qtbot, till)
    till.window.resize(1366, 768)
    till.window.show()
    with qtbot.waitSignal(till.controller.ready, timeout=15_000):
        till.connect_service(sandbox.url)
    with qtbot.waitSignal(till.host_api_started, timeout=15_000) as started:
        till.start_host_api()
    client = httpx.Client(
        base_url=started.args[0], headers={"Authorization": f"Bearer {host_api_token(till.settings)}"}, timeout=20
    )
    yield till, client
    client.close()
    till.shutdown()


def test_a_real_till_is_the_loyalty_panel_alone_waiting_for_the_pos(qtbot, run_till) -> None:
    till, pos = run_till
    window, panel = till.window, till.window.loyalty
    assert till.demo_pos is None, "no demo products, no demo registrar"
    assert not window.host.isVisible(), "no host column, even at 1366 pixels"
    assert window.layout_mode() == "panel"
    assert panel.width() > 1000, "the loyalty panel takes the window"
    waiting = child(panel, QLabel, "WaitingForPos")
    assert waiting.isVisible() and "Waiting for the POS" in waiting.text()

    answer = pos.put("/v1/receipts/POS-7", json=RECEIPT)
    assert answer.status_code == 200, answer.text
    qtbot.waitUntil(lambda: not waiting.isVisible())
    assert till.controller.state.receipt.receipt_id == "POS-7"
    qtbot.waitUntil(lambda: child(panel, QLabel, "ToPayValue").text().startswith("63,60"))
    assert till.controller.state.phase is Phase.NO_CUSTOMER


def test_a_real_till_settles_a_sale_with_the_pos_fiscal_document(qtbot, run_till) -> None:
    till, pos = run_till
    assert pos.put("/v1/receipts/POS-8", json=RECEIPT).status_code == 200
    assert pos.post("/v1/receipts/POS-8/close").json()["phase"] == "awaiting_payment"
    paid = pos.post(
        "/v1/receipts/POS-8/paid",
        json={"fiscal": {"documentNumber": "FD-1", "closedAt": "2026-01-05T10:00:00+03:00"}},
    )
    assert paid.status_code == 200, paid.text
    assert paid.json()["fiscalDocumentNumber"] == "FD-1"
    qtbot.waitUntil(lambda: till.controller.state.phase is Phase.CLOSED)
    assert not till.window.loyalty.is_waiting_for_pos(), "a finished POS receipt is not 'waiting'"
    from widgets.demo.demo_host import DemoHostPanel

    assert till.window.findChild(DemoHostPanel) is None, "the demo's host column is never made for a real till"


def test_a_real_till_with_the_api_off_says_the_pos_cannot_send_receipts(qtbot, tmp_path) -> None:
    settings = Settings.defaults().replace(devices_scanner="", host_api_enabled=False)
    till = TillApplication(settings, demo=False, database_path=tmp_path / "till.sqlite")
    close_at_test_end(qtbot, till)
    try:
        till.start_host_api()
        panel = till.window.loyalty
        assert panel.messages.severity() == "warning"
        assert "off in the settings" in panel.messages.text()
        assert till.host_api_state.disabled and not till.host_api_state.running
        assert panel.is_waiting_for_pos()
    finally:
        till.shutdown()
