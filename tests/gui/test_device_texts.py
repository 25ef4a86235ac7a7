"""The till's words for device codes: every code has a sentence, values filled in, through Qt translation."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication

from app.devices.texts import (
    device_settings_problem_text,
    discovered_device_text,
    fill,
    printer_status_text,
    scanner_status_text,
    uri_error_text,
    uri_problem_texts,
)
from devices.discovery import DeviceKind, DeviceSource, DiscoveredDevice
from devices.printing.printer_status import DeliveryProblem, PrinterState, PrinterStatus, StatusReason
from devices.scanner.serial_scanner import ScannerStatus
from devices.uris import DeviceUriError, UriProblem, parse_printer_uri, parse_scanner_uri
from tests.devices.bad_device_uris import CASES, BadUri
from tests.gui.russian_device_words import Russian

PLACEHOLDER = re.compile(r"%(\d)")


def refusal(case: BadUri) -> DeviceUriError:
    with pytest.raises(DeviceUriError) as caught:
        case.refuse()
    return caught.value


def test_every_uri_problem_has_a_sentence_with_a_place_for_each_value() -> None:
    texts = uri_problem_texts()
    assert set(texts) == set(UriProblem)
    for code, (sentence, names) in texts.items():
        assert sentence.strip(), code
        assert sorted({int(n) for n in PLACEHOLDER.findall(sentence)}) == list(range(1, len(names) + 1)), code


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_refusal_reads_as_a_sentence_with_its_values(case: BadUri) -> None:
    error = refusal(case)
    sentence, names = uri_problem_texts()[error.code]
    assert set(names) <= set(error.params), "the core gives every value the sentence names"
    text = uri_error_text(error)
    assert not PLACEHOLDER.search(text), text
    assert text != str(error)
    for name in names:
        value = error.params[name]
        assert (value if value.isprintable() else repr(value)[1:-1]) in text, (name, text)


def test_a_value_that_looks_like_a_placeholder_is_shown_as_typed() -> None:
    with pytest.raises(DeviceUriError) as caught:
        parse_printer_uri("serial:///dev/ttyUSB0?baudrate=%252")  # baudrate=%2
    assert uri_error_text(caught.value) == "The option baudrate must be a whole number, not “%2”."
    assert fill("%2 then %1", "a%2", "b") == "b then a%2"


def test_the_sentences_are_translated_with_the_values_put_in(qapp) -> None:
    translator = Russian()
    assert QCoreApplication.installTranslator(translator)
    try:
        with pytest.raises(DeviceUriError) as caught:
            parse_printer_uri("tcp://10.0.0.5:99999")
        assert uri_error_text(caught.value) == "Порт «99999» должен быть числом от 1 до 65535."
        assert device_settings_problem_text(caught.value) == (
            "Принтер чеков не работает: Порт «99999» должен быть числом от 1 до 65535. "
            "Обратитесь к администратору (Администрирование > Устройства)."
        )
        queue = DiscoveredDevice("cups://Receipt", DeviceKind.PRINTER, DeviceSource.CUPS_QUEUE, location="Receipt")
        assert discovered_device_text(queue) == "Очередь CUPS Receipt"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_the_cashier_is_told_which_device_cannot_be_used() -> None:
    with pytest.raises(DeviceUriError) as printer:
        parse_printer_uri("tcp://10.0.0.5:99999")
    with pytest.raises(DeviceUriError) as scanner:
        parse_scanner_uri("serial:///dev/ttyACM0?baudrate=fast")
    assert device_settings_problem_text(printer.value) == (
        "The receipt printer cannot be used: The port “99999” must be a number from 1 to 65535. "
        "Ask the admin (Admin > Devices)."
    )
    assert device_settings_problem_text(scanner.value) == (
        "The scanner cannot be used: The option baudrate must be a whole number, not “fast”. "
        "Ask the admin (Admin > Devices)."
    )


@pytest.mark.parametrize(
    ("device", "text"),
    [
        (
            DiscoveredDevice(
                "serial:///dev/ttyACM0", DeviceKind.SCANNER, DeviceSource.SERIAL_PORT, "Honeywell 1900", "/dev/ttyACM0", (0x0C2E, 0x0B61)
            ),
            "Honeywell 1900 [USB 0c2e:0b61]",
        ),
        (
            DiscoveredDevice("serial:///dev/ttyS0", DeviceKind.UNKNOWN, DeviceSource.SERIAL_PORT, location="/dev/ttyS0"),
            "Serial port /dev/ttyS0",
        ),
        (
            DiscoveredDevice("usb://0416:5011", DeviceKind.PRINTER, DeviceSource.USB_PRINTER, usb_id=(0x0416, 0x5011)),
            "USB printer [USB 0416:5011]",
        ),
        (
            DiscoveredDevice("usb://04b8:0202", DeviceKind.PRINTER, DeviceSource.USB_PRINTER, "EPSON TM-T20III", usb_id=(0x04B8, 0x0202)),
            "EPSON TM-T20III [USB 04b8:0202]",
        ),
        (
            DiscoveredDevice("cups://Kitchen", DeviceKind.PRINTER, DeviceSource.CUPS_QUEUE, location="Kitchen"),
            "CUPS queue Kitchen",
        ),
    ],
)
def test_found_devices_are_named_from_their_values(device: DiscoveredDevice, text: str) -> None:
    assert discovered_device_text(device) == text


def test_every_printer_state_and_delivery_problem_has_its_own_words() -> None:
    states = {printer_status_text(PrinterStatus(state)) for state in PrinterState}
    assert len(states) == len(PrinterState)
    problems = {printer_status_text(PrinterStatus.undelivered(problem, StatusReason.CLOSED_EARLY, device="x")) for problem in DeliveryProblem}
    assert len(problems) == len(DeliveryProblem) and not problems & states


def test_every_scanner_state_has_its_own_words() -> None:
    assert len({scanner_status_text(status) for status in ScannerStatus}) == len(ScannerStatus)
