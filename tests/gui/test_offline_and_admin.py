"""Offline selling and the admin's queue, through the real window and the sandbox."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QLineEdit, QPushButton, QRadioButton

from app.checkout.session import Phase
from app.settings import Settings, load_settings
from app.till import TillApplication
from cache.database import open_database
from cache.transactions.outbox import Outbox
from cache.tables import OutboxState
from loyalty_client.sandbox import start_sandbox
from tests.gui.test_cashier_flow import (
    COFFEE,
    MILK,
    add_products,
    child,
    click,
    identify,
    idle,
    phase,
    type_and_enter,
)
from tests.gui.test_widgets_offline_policy import choose
from tests.gui.till_window import close_at_test_end


@pytest.fixture
def make_till(qtbot, sandbox, tmp_path):
    tills: list[TillApplication] = []

    def make(config: Path | None = None, **settings) -> TillApplication:
        settings = {"sync_interval_seconds": 0.2, "devices_scanner": "", **settings}
        base = load_settings(config) if config is not None else Settings.defaults()
        till = TillApplication(base.replace(**settings), demo=True, database_path=tmp_path / "till.sqlite")
        tills.append(till)
        close_at_test_end(qtbot, till)
        till.window.show()
        till.start_host_api()  # the demo POS drives the till through it
        with qtbot.waitSignal(till.controller.ready, timeout=15_000):
            till.connect_service(sandbox.url)
        return till

    yield make
    for till in tills:
        till.shutdown()


@pytest.fixture
def till(make_till):
    return make_till()


def pay(qtbot, till, attempts_offline: int = 0) -> None:
    """Close and take payment; `attempts_offline`: closes that fall back to offline first."""
    button = child(till.window.host, QPushButton, "CloseReceiptButton")
    for _ in range(attempts_offline):  # the reservation fails, the sale turns offline
        click(qtbot, button)
        qtbot.waitUntil(lambda: till.controller.state.customer_as_of is not None and idle(till), timeout=10_000)
    click(qtbot, button)
    qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_PAYMENT)
    click(qtbot, button)
    qtbot.waitUntil(lambda: phase(till) is Phase.CLOSED)


def test_offline_the_banner_shows_the_waiting_sale_and_a_known_customer_is_served_from_cache(
    qtbot, sandbox, till, tmp_path
) -> None:
    panel = till.window.loyalty
    identify(qtbot, till, "+375 29 123-45-67")  # seen once online
    click(qtbot, child(panel, QPushButton, "ResetCustomerButton"))
    sandbox.stop()

    add_products(qtbot, till, COFFEE)
    identify(qtbot, till, "80291234567")
    assert child(panel, QLabel, "CustomerName").text() == "Анна Ковалёва"
    assert "as of" in child(panel, QLabel, "AsOfText").text()
    assert panel.messages.severity() == "warning"
    assert not panel.redemption.is_enabled(), "no redemption offline"
    qtbot.waitUntil(lambda: panel.offline_banner.mode() == "offline")

    type_and_enter(qtbot, child(panel, QLineEdit, "RedeemInput"), "5")
    assert till.controller.state.redeem == 0
    pay(qtbot, till)
    qtbot.waitUntil(lambda: till.waiting == 1, timeout=10_000)
    assert "1" in panel.offline_banner.text()
    with open_database(tmp_path / "till.sqlite") as db:
        (item,) = Outbox(db).items()
        assert item.payload["offline"] is True and item.payload["redeem"] == "0.00"
        assert item.state is OutboxState.PENDING

    # The service comes back: the probe notices, the queue drains by itself, the banner goes.
    back = start_sandbox(sandbox.db_url, port=int(sandbox.url.rsplit(":", 1)[1].strip("/")), clock=sandbox.clock)
    try:
        qtbot.waitUntil(lambda: till.waiting == 0 and panel.offline_banner.mode() == "hidden", timeout=30_000)
        assert panel.is_online()
        with open_database(tmp_path / "till.sqlite") as db:
            (item,) = Outbox(db).items()
            assert item.state is OutboxState.DONE
    finally:
        back.stop()


def test_the_queue_is_behind_a_pin_created_on_first_use_and_lists_what_waits(qtbot, sandbox, till) -> None:
    add_products(qtbot, till, MILK)
    identify(qtbot, till, "+375 29 123-45-67")
    sandbox.stop()
    pay(qtbot, till, attempts_offline=1)
    qtbot.waitUntil(lambda: till.waiting == 1, timeout=10_000)

    till.window.admin_requested.emit("queue")
    qtbot.waitUntil(lambda: till.admin.pin_dialog is not None and till.admin.pin_dialog.isVisible())
    dialog = till.admin.pin_dialog
    assert dialog.mode() == "create"
    type_and_enter(qtbot, child(dialog, QLineEdit, "PinNewInput"), "246813")
    type_and_enter(qtbot, child(dialog, QLineEdit, "PinRepeatInput"), "246813")
    qtbot.waitUntil(lambda: till.admin.queue_dialog is not None, timeout=10_000)
    queue = till.admin.queue_dialog
    qtbot.waitUntil(lambda: len(queue.shown_rows()) == 1, timeout=10_000)
    (row,) = queue.shown_rows()
    assert (row.state, row.operation) == ("pending", "commit")
    queue.close()

    till.window.admin_requested.emit("queue")
    qtbot.waitUntil(lambda: till.admin.pin_dialog is not dialog and till.admin.pin_dialog.isVisible())
    second = till.admin.pin_dialog
    assert second.mode() == "enter"
    type_and_enter(qtbot, child(second, QLineEdit, "PinInput"), "111111")
    qtbot.waitUntil(lambda: "Wrong PIN" in child(second, QLabel, "PinError").text(), timeout=10_000)
    assert till.admin.queue_dialog is None


def test_closing_with_undelivered_sales_asks_first(qtbot, sandbox, till, monkeypatch) -> None:
    add_products(qtbot, till, MILK)
    identify(qtbot, till, "+375 29 123-45-67")
    sandbox.stop()
    pay(qtbot, till, attempts_offline=1)
    qtbot.waitUntil(lambda: till.waiting == 1, timeout=10_000)
    asked: list[int] = []
    monkeypatch.setattr("app.till.confirm_close_with_waiting", lambda parent, n: asked.append(n) or False)
    assert not till.window.close()
    assert asked == [1] and till.window.isVisible()


def test_offline_spending_under_the_capped_policy_needs_the_admin_pin(qtbot, sandbox, make_till, tmp_path) -> None:
    from app.admin.controller import AdminStore

    AdminStore(tmp_path / "till.sqlite").pin.create("246813")
    till = make_till(offline_redemption="capped", offline_redeem_limit_per_day=Decimal("20"))
    panel = till.window.loyalty
    identify(qtbot, till, "+375 29 123-45-67")  # seen once online
    click(qtbot, child(panel, QPushButton, "ResetCustomerButton"))
    sandbox.stop()

    add_products(qtbot, till, COFFEE, COFFEE, COFFEE, COFFEE)
    identify(qtbot, till, "80291234567")
    assert "as of" in child(panel, QLabel, "AsOfText").text()
    assert "admin PIN" in panel.messages.text()
    assert panel.redemption.is_enabled(), "the store allows spending offline, within limits"
    type_and_enter(qtbot, child(panel, QLineEdit, "RedeemInput"), "25")
    qtbot.waitUntil(lambda: idle(till) and till.controller.state.redeem == Decimal("20.00"))

    # The cashier cancels the PIN prompt: nothing is spent, the receipt stays.
    click(qtbot, child(till.window.host, QPushButton, "CloseReceiptButton"))
    qtbot.waitUntil(lambda: till.admin.pin_dialog is not None and till.admin.pin_dialog.isVisible())
    first = till.admin.pin_dialog
    assert till.window.host.is_locked(), "the receipt is frozen while the admin decides"
    click(qtbot, child(first, QPushButton, "PinCancelButton"))
    qtbot.waitUntil(lambda: idle(till) and phase(till) is Phase.IDENTIFIED and till.controller.state.redeem == 0)
    assert "not approved" in panel.messages.text()

    type_and_enter(qtbot, child(panel, QLineEdit, "RedeemInput"), "12")
    qtbot.waitUntil(lambda: idle(till) and till.controller.state.redeem == Decimal("12.00"))
    click(qtbot, child(till.window.host, QPushButton, "CloseReceiptButton"))
    qtbot.waitUntil(lambda: till.admin.pin_dialog is not first and till.admin.pin_dialog.isVisible())
    dialog = till.admin.pin_dialog
    assert "12" in child(dialog, QLabel, "PinPrompt").text()
    type_and_enter(qtbot, child(dialog, QLineEdit, "PinInput"), "111111")
    qtbot.waitUntil(lambda: "Wrong PIN" in child(dialog, QLabel, "PinError").text(), timeout=10_000)
    assert phase(till) is Phase.AWAITING_APPROVAL
    type_and_enter(qtbot, child(dialog, QLineEdit, "PinInput"), "246813")
    qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_PAYMENT, timeout=10_000)
    click(qtbot, child(till.window.host, QPushButton, "CloseReceiptButton"))
    qtbot.waitUntil(lambda: phase(till) is Phase.CLOSED)
    qtbot.waitUntil(lambda: till.waiting == 1, timeout=10_000)
    with open_database(tmp_path / "till.sqlite") as db:
        (item,) = Outbox(db).items()
        assert item.payload["offline"] is True and item.payload["redeem"] == "12.00"


def test_the_admin_allows_spending_offline_and_the_till_applies_it_at_once(qtbot, sandbox, make_till, tmp_path) -> None:
    from app.admin.controller import AdminStore

    AdminStore(tmp_path / "till.sqlite").pin.create("246813")
    config = tmp_path / "till.ini"
    till = make_till(config)
    panel = till.window.loyalty
    identify(qtbot, till, "+375 29 123-45-67")
    click(qtbot, child(panel, QPushButton, "ResetCustomerButton"))
    sandbox.stop()
    add_products(qtbot, till, COFFEE, COFFEE, COFFEE, COFFEE)
    identify(qtbot, till, "80291234567")
    assert not panel.redemption.is_enabled(), "refused by default"

    till.window.admin_requested.emit("offline")
    qtbot.waitUntil(lambda: till.admin.pin_dialog is not None and till.admin.pin_dialog.isVisible())
    type_and_enter(qtbot, child(till.admin.pin_dialog, QLineEdit, "PinInput"), "246813")
    qtbot.waitUntil(lambda: till.offline_setup.dialog is not None and till.offline_setup.dialog.isVisible())
    dialog = till.offline_setup.dialog
    assert child(dialog, QRadioButton, "OfflineRefuseOption").isChecked()
    choose(qtbot, child(dialog, QRadioButton, "OfflineCappedOption"))
    child(dialog, QDoubleSpinBox, "OfflineLimitInput").setValue(15.0)
    click(qtbot, child(dialog, QPushButton, "OfflinePolicySaveButton"))
    qtbot.waitUntil(lambda: till.offline_setup.dialog is None, timeout=10_000)

    saved = load_settings(config)
    assert saved.get("offline", "redemption") == "capped"
    assert saved.get("offline", "redeem_limit_per_day") == Decimal("15.00")
    qtbot.waitUntil(lambda: idle(till) and panel.redemption.is_enabled(), timeout=10_000)
    assert till.controller.state.calculation.max_redeem == Decimal("15.00"), "the new limit, on the open receipt"


def test_without_an_admin_pin_nobody_can_approve_spending_offline(qtbot, sandbox, make_till) -> None:
    till = make_till(offline_redemption="capped", offline_redeem_limit_per_day=Decimal("20"))
    panel = till.window.loyalty
    identify(qtbot, till, "+375 29 123-45-67")
    click(qtbot, child(panel, QPushButton, "ResetCustomerButton"))
    sandbox.stop()
    add_products(qtbot, till, COFFEE, COFFEE)
    identify(qtbot, till, "80291234567")
    type_and_enter(qtbot, child(panel, QLineEdit, "RedeemInput"), "5")
    qtbot.waitUntil(lambda: idle(till) and till.controller.state.redeem == Decimal("5.00"))
    click(qtbot, child(till.window.host, QPushButton, "CloseReceiptButton"))
    qtbot.waitUntil(lambda: "No admin PIN" in panel.messages.text(), timeout=10_000)
    assert till.admin.pin_dialog is None, "the cashier is not offered to create the PIN that approves"
    assert phase(till) is Phase.IDENTIFIED and till.controller.state.redeem == 0


def test_an_old_four_digit_pin_still_opens_and_the_admin_is_asked_for_a_longer_one(
    qtbot, make_till, tmp_path
) -> None:
    import hashlib
    import hmac

    from app.admin.pin import HASH_KEY, default_hasher
    from app.secrets_store import till_secret
    from cache.till_state import TillState

    pepper = till_secret("admin-pin-pepper", tmp_path)
    with open_database(tmp_path / "till.sqlite") as db:  # the PIN as an older version stored it
        TillState(db).put(HASH_KEY, default_hasher().hash(hmac.new(pepper, b"2468", hashlib.sha256).digest()))
    till = make_till()

    def open_queue_with(pin: str) -> None:
        till.window.admin_requested.emit("queue")
        qtbot.waitUntil(lambda: till.admin.pin_dialog is not None and till.admin.pin_dialog.mode() == "enter")
        type_and_enter(qtbot, child(till.admin.pin_dialog, QLineEdit, "PinInput"), pin)
        qtbot.waitUntil(lambda: till.admin.pin_dialog.mode() == "create", timeout=10_000)  # argon2 takes a while

    open_queue_with("2468")
    renew = till.admin.pin_dialog
    assert "too short" in child(renew, QLabel, "PinPrompt").text()
    assert till.admin.queue_dialog is None, "asked before the screen opens"
    click(qtbot, child(renew, QPushButton, "PinCancelButton"))  # "Later": the screen opens all the same
    qtbot.waitUntil(lambda: till.admin.queue_dialog is not None, timeout=10_000)
    till.admin.queue_dialog.close()
    till.admin.queue_dialog = None

    open_queue_with("2468")
    qtbot.waitUntil(lambda: till.admin.pin_dialog is not renew and till.admin.pin_dialog.mode() == "create")
    renew = till.admin.pin_dialog
    type_and_enter(qtbot, child(renew, QLineEdit, "PinNewInput"), "1357")
    type_and_enter(qtbot, child(renew, QLineEdit, "PinRepeatInput"), "1357")
    assert renew.isVisible(), "four digits are not enough for a new PIN"
    type_and_enter(qtbot, child(renew, QLineEdit, "PinNewInput"), "135791")
    type_and_enter(qtbot, child(renew, QLineEdit, "PinRepeatInput"), "135791")
    qtbot.waitUntil(lambda: till.admin.queue_dialog is not None, timeout=10_000)
    assert not renew.isVisible()

    from app.admin.controller import AdminStore

    store = AdminStore(tmp_path / "till.sqlite")
    try:
        result = store.pin.check("135791")
        assert result.ok and not result.change_needed
        assert not store.pin.check("2468").ok
    finally:
        store.database.close()


def test_the_secrets_folder_of_the_settings_holds_the_till_s_secrets(
    qtbot, make_till, tmp_path, tmp_path_factory
) -> None:
    from app.secrets_store import default_secrets_folder

    chosen = tmp_path_factory.mktemp("etc") / "till-loyalty" / "secrets"  # away from the database's folder
    till = make_till(secrets_folder=str(chosen))
    till.window.admin_requested.emit("queue")
    qtbot.waitUntil(lambda: till.admin.pin_dialog is not None and till.admin.pin_dialog.isVisible())
    dialog = till.admin.pin_dialog
    type_and_enter(qtbot, child(dialog, QLineEdit, "PinNewInput"), "246813")
    type_and_enter(qtbot, child(dialog, QLineEdit, "PinRepeatInput"), "246813")
    qtbot.waitUntil(lambda: till.admin.queue_dialog is not None, timeout=10_000)
    assert sorted(p.name for p in chosen.iterdir()) == ["admin-pin-pepper.key", "customer-cache-key.key"]
    assert not list(tmp_path.glob("*.key")) and not list(tmp_path.glob(".*.key")), "nothing beside the database"
    assert not default_secrets_folder().exists()


def test_a_backlog_longer_than_one_drain_goes_out_at_once_not_a_timer_tick_per_drain(
    qtbot, sandbox, make_till, tmp_path
) -> None:
    from app.offline.sync_controller import DRAIN_LIMIT
    from tests.integration.test_deliver_batch import record_backlog
    from tests.integration.test_drain_lost_answers import enrol

    waiting = DRAIN_LIMIT + 150
    database = open_database(tmp_path / "till.sqlite")
    record_backlog(database, enrol(sandbox, waiting), refunds=0)
    database.close()

    till = make_till(sync_interval_seconds=3600)  # no timer tick comes during the test
    outbox = Outbox(open_database(tmp_path / "till.sqlite"))
    qtbot.waitUntil(lambda: outbox.counts()[OutboxState.DONE] == waiting, timeout=60_000)
    assert sandbox.served()["DeliverBatch"] >= waiting // 100, "in batches"
