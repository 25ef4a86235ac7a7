"""GUI tests run on Qt's offscreen platform: no display needed, same result everywhere.

QT_QPA_PLATFORM is set here, at import time, before any QApplication exists (pytest-qt creates
it lazily for the first test that asks for `qapp`/`qtbot`).
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

_GUI_DIR = Path(__file__).resolve().parent

# The offscreen platform cannot resize native windows to size hints and says so for every
# top-level widget that is shown, nor raise a popped-up menu or let it grab the keyboard; that is
# the platform, not the code under test.
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise)\(\)|grabbing the keyboard"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test in tests/gui as `gui` and tolerate the offscreen platform's noise."""
    for item in items:
        if _GUI_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.gui)
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, extend=True))


@pytest.fixture(autouse=True)
def _source_language() -> Iterator[None]:
    """Each test starts and ends with the English source texts (no translator installed)."""
    yield
    from PySide6.QtWidgets import QApplication

    from app.i18n import remove_translator

    app = QApplication.instance()
    if app is not None:
        remove_translator(app)


@pytest.fixture
def sample_customer():
    """A Silver customer 120 BYN short of Gold, with points expiring and a service message."""
    from datetime import date
    from decimal import Decimal

    from loyalty_client.types import Balance, Customer, CustomerStatus, NextTier, Tier

    return Customer(
        customer_id="c-1001",
        display_name="Anna Kovaleva",
        masked_phone="+375 29 ***-**-67",
        status=CustomerStatus.ACTIVE,
        tier=Tier("silver", "Silver", Decimal("5.00")),
        balance=Balance(
            spendable=Decimal("45.20"),
            total=Decimal("1257.70"),
            pending=Decimal("12.50"),
            expiring_amount=Decimal("8.00"),
            expiring_on=date(2025, 12, 31),
        ),
        card_number="2000000123453",
        next_tier=NextTier("gold", "Gold", Decimal("500.00"), Decimal("120.00")),
        messages=("Birthday on 14.12: double bonuses",),
    )


@pytest.fixture
def sample_receipt():
    """An open receipt with four lines, one of them weighed."""
    from datetime import datetime
    from decimal import Decimal as D

    from fiscal.receipt import Receipt, ReceiptLine

    lines = (
        ReceiptLine(1, "4810001", "Milk 3.2% 1 l", D("2"), D("2.49"), D("4.98")),
        ReceiptLine(2, "4810003", "Cheese 200 g", D("1"), D("6.99"), D("6.99")),
        ReceiptLine(3, "4810005", "Apples, kg", D("1.350"), D("3.20"), D("4.32")),
        ReceiptLine(4, "4810004", "Ground coffee 250 g", D("1"), D("12.40"), D("12.40")),
    )
    return Receipt("000457", "minsk-01", "till-3", datetime(2025, 11, 22, 14, 30), lines)


@pytest.fixture
def show_active(qtbot):
    """Show a top-level widget and make it the active window (shortcuts and focus need that)."""
    from PySide6.QtWidgets import QApplication

    def show(widget):
        qtbot.addWidget(widget)
        widget.show()
        widget.activateWindow()
        QApplication.processEvents()  # deliver the activation now; nothing is waited for
        assert QApplication.activeWindow() is widget
        return widget

    return show


@pytest.fixture
def russian_admin(qapp) -> Iterator[None]:
    """The shipped Russian translation with the admin failures' stand-in installed over it
    (`russian_admin_failures.py`: sentences newer than the shipped translation)."""
    from PySide6.QtCore import QCoreApplication

    from app.i18n import install_translator
    from tests.gui.russian_admin_failures import RussianFailures

    install_translator(qapp, "ru")
    newer = RussianFailures()
    assert QCoreApplication.installTranslator(newer)
    yield
    QCoreApplication.removeTranslator(newer)
