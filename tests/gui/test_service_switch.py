"""A running till takes a new API key or address without a restart (the RetailCRM fake and the
sandbox over loopback, the real window): saved in Admin > Service, or stored by `till-loyalty
service set-key` beside it; another kind of service is said to need a restart."""
from __future__ import annotations

import subprocess
import sys
from typing import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from app.service.api_key import store_api_key
from loyalty_client.retailcrm.fake_server import FakeRetailCrm
from tests.gui.test_cashier_flow import COFFEE, add_products, child, click, identify, idle, make_till
from tests.gui.test_retailcrm_till import open_service_screen

OLD_KEY, NEW_KEY = "till-key-2025", "till-key-2026"
ANNA = "+375 29 123-45-67"


@pytest.fixture
def fake() -> Iterator[FakeRetailCrm]:
    with FakeRetailCrm(api_key=OLD_KEY) as server:
        yield server


def started(qtbot, tmp_path, endpoint: str, monkeypatch):
    monkeypatch.delenv("TILL_LOYALTY_API_KEY", raising=False)
    till = make_till(qtbot, tmp_path, sync_interval_seconds=0.2)
    store_api_key(till.settings, OLD_KEY)
    with qtbot.waitSignal(till.controller.ready, timeout=15_000):
        till.connect_service(endpoint)
    add_products(qtbot, till, COFFEE)
    return till


def anna_is_identified(qtbot, till) -> bool:
    """Identify Anna afresh; whether the service named her."""
    till.controller.reset_customer()
    qtbot.waitUntil(lambda: idle(till) and till.controller.state.customer is None, timeout=10_000)
    identify(qtbot, till, ANNA)
    customer = till.controller.state.customer
    return customer is not None and customer.display_name == "Анна Ковалёва" and till.controller.state.customer_as_of is None


def save_in_dialog(qtbot, till, endpoint: str, key: str = "") -> str:
    dialog = open_service_screen(qtbot, till)
    child(dialog, QLineEdit, "ServiceEndpointInput").setText(endpoint)
    child(dialog, QLineEdit, "ServiceKeyInput").setText(key)
    click(qtbot, child(dialog, QPushButton, "ServiceSaveButton"))
    qtbot.waitUntil(lambda: dialog.check_ok() is True, timeout=10_000)
    assert "restart" in child(dialog, QLabel, "ServiceHint").text()
    return dialog.result_text()


def test_a_key_saved_in_admin_service_is_used_at_once(qtbot, tmp_path, fake, monkeypatch) -> None:
    till = started(qtbot, tmp_path, fake.url, monkeypatch)
    try:
        assert anna_is_identified(qtbot, till)
        fake.api_key = NEW_KEY  # the key was rotated in RetailCRM: the old one is refused from now
        assert not anna_is_identified(qtbot, till)
        said = save_in_dialog(qtbot, till, fake.url, NEW_KEY)
        assert "without a restart" in said
        assert anna_is_identified(qtbot, till)
        qtbot.waitUntil(till.window.loyalty.is_online, timeout=15_000)
    finally:
        till.shutdown()


def test_a_key_stored_by_the_command_beside_the_running_till_is_picked_up(qtbot, tmp_path, fake, monkeypatch) -> None:
    till = started(qtbot, tmp_path, fake.url, monkeypatch)
    try:
        assert anna_is_identified(qtbot, till)
        fake.api_key = NEW_KEY
        stored = subprocess.run(
            [sys.executable, "-m", "app", "service", "set-key", "--config", str(tmp_path / "till-loyalty.ini")],
            input=NEW_KEY + "\n",
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert stored.returncode == 0, stored.stderr
        assert anna_is_identified(qtbot, till), "the refused key was read again and the call made with the new one"
    finally:
        till.shutdown()


def test_an_address_saved_in_admin_service_is_used_at_once(qtbot, tmp_path, fake, monkeypatch) -> None:
    with FakeRetailCrm(api_key=OLD_KEY) as moved:
        till = started(qtbot, tmp_path, fake.url, monkeypatch)
        try:
            assert anna_is_identified(qtbot, till)
            assert not moved.requests
            said = save_in_dialog(qtbot, till, moved.url)
            assert "without a restart" in said
            fake.account_exists = False  # the old address answers no more
            assert anna_is_identified(qtbot, till)
            assert ("GET", "/api/v5/loyalty/accounts") in moved.requests, moved.requests
        finally:
            till.shutdown()


def test_another_kind_of_service_is_said_to_need_a_restart(qtbot, tmp_path, sandbox, fake, monkeypatch) -> None:
    till = started(qtbot, tmp_path, sandbox.url, monkeypatch)
    try:
        said = save_in_dialog(qtbot, till, fake.url, OLD_KEY)
        assert "restart the till" in said and "without a restart" not in said
        assert anna_is_identified(qtbot, till), "still the sandbox until the restart"
        assert not fake.requests
    finally:
        till.shutdown()
