"""LoyaltyPanel: the parts, in the cashier's order, and the service indicator."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from widgets.checkout.confirmation_panel import ConfirmationPanel
from widgets.checkout.customer_card import CustomerCard
from widgets.checkout.identify_panel import IdentifyPanel
from widgets.checkout.loyalty_panel import LoyaltyPanel
from widgets.checkout.message_bar import MessageBar
from widgets.checkout.redemption_panel import RedemptionPanel
from widgets.checkout.totals_panel import TotalsPanel


def test_exposes_its_parts(qtbot) -> None:
    panel = LoyaltyPanel()
    qtbot.addWidget(panel)
    assert isinstance(panel.identify, IdentifyPanel)
    assert isinstance(panel.customer, CustomerCard)
    assert isinstance(panel.totals, TotalsPanel)
    assert isinstance(panel.redemption, RedemptionPanel)
    assert isinstance(panel.confirmation, ConfirmationPanel)
    assert isinstance(panel.messages, MessageBar)
    for part in (panel.identify, panel.customer, panel.totals, panel.redemption, panel.messages):
        assert panel.isAncestorOf(part)
    panel.resize(620, 900)
    panel.show()
    # Search first, then messages, the customer, redemption, and the totals last.
    parts = (panel.identify, panel.messages, panel.customer, panel.redemption, panel.totals)
    tops = [part.mapTo(panel, part.rect().topLeft()).y() for part in parts]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)


def test_service_status(qtbot) -> None:
    panel = LoyaltyPanel()
    qtbot.addWidget(panel)
    text = panel.findChild(QLabel, "ServiceStatusText")
    panel.set_service_status(False, "Offline: 3 sales queued")
    assert not panel.is_online()
    assert text.text() == panel.service_status_text() == "Offline: 3 sales queued"
    assert text.property("service") == "offline"
    panel.set_service_status(True, "Loyalty service online")
    assert panel.is_online() and text.property("service") == "online"


def test_the_next_customer_s_card_lays_out_no_unchanged_wrapped_line_again(qtbot, monkeypatch, sample_customer) -> None:
    """Each layout pass asks the wrapped lines their height, for every page of the card and
    through the scroll area around it: a line whose text did not change is not laid out again."""
    from collections import Counter
    from dataclasses import replace
    from datetime import datetime
    from decimal import Decimal

    from PySide6.QtWidgets import QApplication, QLabel

    from widgets.checkout.loyalty_panel import LoyaltyPanel
    from widgets.style import load_stylesheet

    laid_out: Counter[str] = Counter()
    measure = QLabel.heightForWidth

    def counting(label: QLabel, width: int) -> int:
        laid_out[label.objectName()] += 1
        return measure(label, width)

    monkeypatch.setattr(QLabel, "heightForWidth", counting)  # before the labels are made
    panel = LoyaltyPanel()
    panel.setStyleSheet(load_stylesheet())
    qtbot.addWidget(panel)
    panel.resize(420, 768)
    panel.set_compact(True)
    panel.show()
    qtbot.waitExposed(panel)
    as_of = datetime(2026, 12, 5, 14, 32)
    panel.customer.show_customer(sample_customer, as_of)
    QApplication.processEvents()

    laid_out.clear()
    for number, balance in enumerate(("12.30", "45.20", "7.00")):
        other = replace(
            sample_customer,
            customer_id=f"c-{number}",
            display_name=f"Client {number}",
            balance=replace(sample_customer.balance, spendable=Decimal(balance)),
        )
        panel.customer.show_customer(other, as_of)
        QApplication.processEvents()
        assert panel.customer.findChild(QLabel, "SpendableValue").text().startswith(balance.split(".")[0])
    # (once at most: the scroll bar coming or going gives the lines a width not asked before)
    assert laid_out["AsOfText"] <= 1 and laid_out["NoCustomerHint"] <= 1, laid_out


@pytest.mark.parametrize("compact", [True, False])
def test_offline_the_banner_gives_way_to_a_warning_and_comes_back_once_the_line_is_clear(qtbot, compact) -> None:
    panel = LoyaltyPanel()
    qtbot.addWidget(panel)
    panel.set_compact(compact)
    panel.show()
    panel.offline_banner.show_state(False, 3, 0)
    assert panel.offline_banner.isVisible()

    panel.messages.show_warning("Loyalty service unavailable.", "Bonuses credited later.")
    assert not panel.offline_banner.isVisible() and panel.offline_banner.mode() == "offline"
    panel.offline_banner.show_state(False, 4, 0)  # another sale waits: still the warning's room
    assert not panel.offline_banner.isVisible()

    panel.messages.clear()
    assert panel.offline_banner.isVisible() and "4" in panel.offline_banner.text()

    panel.messages.show_error("Customer not found.")  # not the offline warning: the banner stays
    assert panel.offline_banner.isVisible()
    panel.messages.show_warning("Loyalty service unavailable.")
    panel.offline_banner.show_state(True, 4, 0)  # back online, sending: a quiet line that stays
    assert panel.offline_banner.isVisible() and panel.offline_banner.mode() == "sending"
