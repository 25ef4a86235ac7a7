"""The after-sale slip speaks the till's language: printed through the till's device controller
to a network printer on loopback, read back by the ESC/POS decoder.

The slip's words go through the till's translation (`app/devices/slip_labels.py`). An English
till prints the English source text. On a Russian till each word is the Russian translation
shipped in `resources/i18n/till_loyalty_ru.ts` where it has one (read here from the .ts, not from
the compiled .qm the till loads), else the source text until it is translated.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QWidget

from app.devices.controller import DevicesController
from app.i18n import I18N_DIR, install_translator
from app.workers import BackgroundWorker
from devices.printing.receipt_layout import LoyaltySummary
from loyalty_client.types import BarcodeKind, Offer
from tests.devices.loopback_printer import READY, LoopbackPrinter
from tests.escpos_decoder import decode

COLUMNS = 48  # width=80
PHONE = "+375 29 ***-**-67"
SUMMARY = LoyaltySummary(
    masked_phone=PHONE,
    tier_name="Silver",
    earned=Decimal("4.20"),
    spent=Decimal("10.00"),
    balance_after=Decimal("57.35"),
)
OFFLINE = LoyaltySummary(masked_phone=PHONE, tier_name="Silver", spent=Decimal("10.00"), offline=True)
COFFEE = Offer(
    "o-8", "Coffee 10% off", "Show this coupon at the till.", "9900000001230", date(2026, 12, 31), BarcodeKind.QR
)

# (context, English source) of each word on the slip
HEADING = ("Slip", "Bonus program")
PHONE_LABEL = ("Slip", "Phone")
TIER = ("Slip", "Tier")
EARNED = ("Slip", "Bonuses earned")
SPENT = ("Slip", "Bonuses spent")
BALANCE = ("Slip", "Bonus balance")
OFFERS = ("Slip", "Personal offers")
VALID_UNTIL = ("Slip", "Valid until")
OFFLINE_TEXT = ("Till", "Bonuses will be credited when the connection is back.")


def shipped_word(language: str, word: tuple[str, str]) -> str:
    """The word as the language's .ts file translates it, or its source if it has no translation yet."""
    if language == "en":
        return word[1]
    root = ET.parse(I18N_DIR / f"till_loyalty_{language}.ts").getroot()
    for context in root.iter("context"):
        if context.findtext("name") != word[0]:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if message.findtext("source") == word[1] and translation is not None and translation.text:
                if translation.get("type") not in ("unfinished", "vanished", "obsolete"):
                    return translation.text
    return word[1]


def row(label: str, value: str) -> str:
    return label + value.rjust(COLUMNS - len(label))


@pytest.fixture
def devices(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    worker = BackgroundWorker("test-slip-printer")
    controller = DevicesController(window, worker)
    yield controller
    controller.shutdown()
    assert worker.stop()


def print_slip(qtbot, devices: DevicesController, summary: LoyaltySummary, offers: list[Offer]) -> list[str]:
    """The printed lines of one slip, as the printer on loopback received it."""
    with LoopbackPrinter(READY) as sink:
        devices.configure("", sink.uri("width=80"))
        with qtbot.waitSignal(devices.reprint_available, timeout=15_000):
            devices.print_slip(summary, offers)
        return [line.text for line in decode(sink.next_job(timeout=5)).lines if line.text]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_slip_is_printed_in_the_till_s_language(qtbot, qapp, devices, language: str) -> None:
    install_translator(qapp, language)
    word = lambda key: shipped_word(language, key)  # noqa: E731
    printed = print_slip(qtbot, devices, SUMMARY, [COFFEE])
    assert printed == [
        "-" * COLUMNS,
        word(HEADING),
        row(word(PHONE_LABEL), PHONE),
        row(word(TIER), "Silver"),
        row(word(EARNED), "+4,20"),
        row(word(SPENT), "-10,00"),
        row(word(BALANCE), "57,35"),
        word(OFFERS),
        "=" * COLUMNS,
        "Coffee 10% off",
        "Show this coupon at the till.",
        f"{word(VALID_UNTIL)} 31.12.2026",
    ]
    offline = " ".join(print_slip(qtbot, devices, OFFLINE, []))
    assert word(OFFLINE_TEXT) in offline
    if language == "ru":
        assert "Бонусы будут начислены" in word(OFFLINE_TEXT)  # a real Russian word is checked
        assert OFFLINE_TEXT[1] not in offline
    else:
        assert not any("а" <= ch <= "я" for ch in " ".join(printed + [offline]).lower())

