"""CustomerCard: who the customer is, status, tier, progress, balances, cached data."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton

from loyalty_client.types import CustomerStatus
from widgets.checkout.customer_card import CustomerCard


def _text(card: CustomerCard, name: str) -> str:
    label = card.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def _shown(card: CustomerCard, name: str) -> bool:
    label = card.findChild(QLabel, name)  # the customer's labels are made with the first customer
    return label is not None and label.isVisibleTo(card)


def test_starts_with_no_customer(qtbot) -> None:
    card = CustomerCard()
    qtbot.addWidget(card)
    assert not card.has_customer()
    assert _text(card, "NoCustomerText") == "No customer"
    assert _shown(card, "NoCustomerText")
    assert not _shown(card, "CustomerName")


def test_shows_who_tier_progress_and_balances(qtbot, sample_customer) -> None:
    card = CustomerCard()
    qtbot.addWidget(card)
    card.show_customer(sample_customer)
    assert card.has_customer()
    assert not _shown(card, "NoCustomerText")
    assert _text(card, "CustomerName") == "Anna Kovaleva"
    assert _text(card, "CustomerPhone") == "+375 29 ***-**-67"
    assert _text(card, "CustomerCardNumber") == "Card 2000000123453"
    assert _text(card, "TierName") == "Silver"
    assert _text(card, "TierBenefit") == "5% bonuses"
    assert _text(card, "NextTierText") == "120,00\u00a0BYN to Gold"
    progress = card.findChild(QProgressBar, "TierProgress")
    assert progress.isVisibleTo(card)
    assert progress.value() == progress.maximum() * 380 // 500
    assert _text(card, "SpendableValue") == "45,20"
    assert _text(card, "BalanceTotalValue") == "1\u00a0257,70"
    assert _text(card, "BalancePendingValue") == "12,50"
    assert _text(card, "ExpiringText") == "8,00 expire on 31.12.2025"
    assert _text(card, "MessagesText") == "• Birthday on 14.12: double bonuses"
    assert not _shown(card, "CustomerStatus")
    assert not _shown(card, "AsOfText")


def test_spendable_is_the_largest_figure(qtbot, sample_customer) -> None:
    from widgets.style import load_stylesheet

    card = CustomerCard()
    qtbot.addWidget(card)
    card.setStyleSheet(load_stylesheet())
    card.show_customer(sample_customer)
    card.ensurePolished()
    sizes = {label.objectName(): label.font().pointSizeF() for label in card.findChildren(QLabel)}
    assert sizes["SpendableValue"] == max(sizes.values())
    assert min(sizes.values()) >= 14


def test_cached_data_says_balance_as_of(qtbot, sample_customer) -> None:
    card = CustomerCard()
    qtbot.addWidget(card)
    as_of = datetime.now().replace(hour=14, minute=32)
    card.show_customer(sample_customer, as_of=as_of)
    assert _shown(card, "AsOfText")
    assert _text(card, "AsOfText") == "Balance as of 14:32 (saved data)"


def test_cached_data_from_another_day_shows_the_date(qtbot, sample_customer) -> None:
    card = CustomerCard()
    qtbot.addWidget(card)
    card.show_customer(sample_customer, as_of=datetime(2020, 3, 9, 8, 5))
    assert _text(card, "AsOfText") == "Balance as of 09.03.2020 08:05 (saved data)"


def test_blocked_and_not_activated_are_shown_clearly(qtbot, sample_customer) -> None:
    card = CustomerCard()
    qtbot.addWidget(card)
    card.show_customer(replace(sample_customer, status=CustomerStatus.BLOCKED))
    status = card.findChild(QLabel, "CustomerStatus")
    assert status.isVisibleTo(card)
    assert status.property("status") == "blocked"
    assert "blocked" in status.text().lower()

    card.show_customer(replace(sample_customer, status=CustomerStatus.NOT_ACTIVATED))
    assert status.isVisibleTo(card)
    assert status.property("status") == "not_activated"
    assert "not activated" in status.text().lower()

    assert card.findChild(QLabel, "SpendableValue").property("dimmed") is True

    card.show_customer(sample_customer)
    assert not status.isVisibleTo(card)
    assert card.findChild(QLabel, "SpendableValue").property("dimmed") is False


def test_top_tier_without_card_pending_or_expiry(qtbot, sample_customer) -> None:
    card = CustomerCard()
    qtbot.addWidget(card)
    plain = replace(
        sample_customer,
        card_number=None,
        next_tier=None,
        messages=(),
        balance=replace(sample_customer.balance, pending=Decimal("0.00"), expiring_amount=None),
    )
    card.show_customer(plain, currency="RUB")
    assert _text(card, "NextTierText") == "Highest tier"
    assert not card.findChild(QProgressBar, "TierProgress").isVisibleTo(card)
    for name in ("CustomerCardNumber", "BalancePendingValue", "ExpiringText", "MessagesText"):
        assert not _shown(card, name), name


def test_currency_of_the_next_tier_amount(qtbot, sample_customer) -> None:
    card = CustomerCard()
    qtbot.addWidget(card)
    card.show_customer(sample_customer, currency="RUB")
    assert _text(card, "NextTierText") == "120,00\u00a0RUB to Gold"


def test_reset_button_and_clear(qtbot, sample_customer) -> None:
    card = CustomerCard()
    qtbot.addWidget(card)
    card.show_customer(sample_customer)
    reset = card.findChild(QPushButton, "ResetCustomerButton")
    assert reset.text() == "Reset customer"
    with qtbot.waitSignal(card.reset_requested):
        qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    card.clear()
    assert not card.has_customer()
    assert _shown(card, "NoCustomerText")
