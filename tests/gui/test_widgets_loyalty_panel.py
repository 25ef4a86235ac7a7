"""LoyaltyPanel: the parts, in the cashier's order, and the service indicator."""
from __future__ import annotations

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
