"""The till's words for what the devices report, in the user interface language.

The device core (`devices/`) reports with codes and values: a `DeviceUriError` with its
`UriProblem`, a `DiscoveredDevice` with its `DeviceSource`, a `PrinterStatus` with its state and
delivery problem, a `ScannerStatus`. Here each code becomes a translated
sentence with the values filled in, for the admin's device settings, the status bar and the
cashier's messages. The sentences are marked for extraction where they are listed and
translated (context "Devices") when shown.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from devices.discovery import DeviceSource, DiscoveredDevice, usb_id_text
from devices.printing.printer_status import DeliveryProblem, PrinterState, PrinterStatus
from devices.scanner.serial_scanner import ScannerStatus
from devices.uri_errors import DeviceRole, DeviceUriError, UriProblem

_PLACEHOLDER = re.compile(r"%([1-9])")


def _translate(source: str) -> str:
    return QCoreApplication.translate("Devices", source)


def fill(text: str, *values: str) -> str:
    """`text` with %1, %2... replaced by `values` in one pass (a value may itself hold "%2")."""
    return _PLACEHOLDER.sub(lambda match: values[int(match.group(1)) - 1], text)


def _shown(value: str) -> str:
    """A value as the admin can read it: control characters written out (\\t, \\x00)."""
    return value if value.isprintable() else repr(value)[1:-1]


# ----- device addresses -----------------------------------------------------------------------


_URI_PROBLEMS: dict[UriProblem, tuple[str, tuple[str, ...]]] = {
    UriProblem.NOT_TEXT: (
        QT_TRANSLATE_NOOP("Devices", "The address must be text."),
        (),
    ),
    UriProblem.EMPTY: (
        QT_TRANSLATE_NOOP("Devices", "The address is empty."),
        (),
    ),
    UriProblem.NO_SCHEME: (
        QT_TRANSLATE_NOOP("Devices", "The address “%1” does not say the kind of device: start it with one of %2."),
        ("uri", "schemes"),
    ),
    UriProblem.UNKNOWN_SCHEME: (
        QT_TRANSLATE_NOOP("Devices", "Unknown kind of device “%1”: use one of %2."),
        ("scheme", "schemes"),
    ),
    UriProblem.BAD_QUERY: (
        QT_TRANSLATE_NOOP("Devices", "The options “%1” cannot be read: write them as name=value joined by &."),
        ("query",),
    ),
    UriProblem.DUPLICATE_OPTION: (
        QT_TRANSLATE_NOOP("Devices", "The option %1 is given twice."),
        ("option",),
    ),
    UriProblem.UNKNOWN_OPTION: (
        QT_TRANSLATE_NOOP("Devices", "The option %1 does not apply to %2:// addresses. Known options: %3."),
        ("option", "scheme", "known"),
    ),
    UriProblem.NOT_ONE_OF: (
        QT_TRANSLATE_NOOP("Devices", "The option %1 cannot be “%2”: use one of %3."),
        ("option", "value", "choices"),
    ),
    UriProblem.NOT_A_WHOLE_NUMBER: (
        QT_TRANSLATE_NOOP("Devices", "The option %1 must be a whole number, not “%2”."),
        ("option", "value"),
    ),
    UriProblem.OUT_OF_RANGE: (
        QT_TRANSLATE_NOOP("Devices", "The option %1 must be from %2 to %3, not %4."),
        ("option", "low", "high", "value"),
    ),
    UriProblem.NOT_A_SWITCH: (
        QT_TRANSLATE_NOOP("Devices", "The option %1 must be 1 (on) or 0 (off), not “%2”."),
        ("option", "value"),
    ),
    UriProblem.BAD_WIDTH: (
        QT_TRANSLATE_NOOP("Devices", "The paper width (width) must be 58 or 80 mm, not “%1”."),
        ("value",),
    ),
    UriProblem.BAD_TIMEOUT: (
        QT_TRANSLATE_NOOP("Devices", "The timeout must be a number of seconds, not “%1”."),
        ("value",),
    ),
    UriProblem.TIMEOUT_OUT_OF_RANGE: (
        QT_TRANSLATE_NOOP("Devices", "The timeout must be above 0 and at most %1 seconds, not %2."),
        ("high", "value"),
    ),
    UriProblem.TCP_NEEDS_HOST: (
        QT_TRANSLATE_NOOP(
            "Devices",
            "A network printer's address needs its host name or IP address, e.g. tcp://10.0.0.5:9100.",
        ),
        (),
    ),
    UriProblem.BAD_HOST: (
        QT_TRANSLATE_NOOP("Devices", "“%1” is not a host name or IP address."),
        ("host",),
    ),
    UriProblem.UNCLOSED_IPV6: (
        QT_TRANSLATE_NOOP("Devices", "The IPv6 address in “%1” has no closing bracket “]”."),
        ("location",),
    ),
    UriProblem.TEXT_AFTER_IPV6: (
        QT_TRANSLATE_NOOP("Devices", "Unexpected “%1” after the IPv6 address: only a port (:9100) may follow it."),
        ("text",),
    ),
    UriProblem.IPV6_NEEDS_BRACKETS: (
        QT_TRANSLATE_NOOP("Devices", "Write an IPv6 address in brackets: tcp://[%1]:9100."),
        ("host",),
    ),
    UriProblem.BAD_PORT: (
        QT_TRANSLATE_NOOP("Devices", "The port “%1” must be a number from 1 to 65535."),
        ("value",),
    ),
    UriProblem.SERIAL_NEEDS_PORT: (
        QT_TRANSLATE_NOOP("Devices", "A serial address needs the port, e.g. serial:///dev/ttyUSB0 or serial://COM3."),
        (),
    ),
    UriProblem.BAD_SERIAL_PORT: (
        QT_TRANSLATE_NOOP("Devices", "“%1” is not a serial port."),
        ("path",),
    ),
    UriProblem.USB_NEEDS_ID: (
        QT_TRANSLATE_NOOP("Devices", "A USB address needs the printer's id VENDOR:PRODUCT, e.g. usb://04b8:0202."),
        (),
    ),
    UriProblem.BAD_USB_ID: (
        QT_TRANSLATE_NOOP("Devices", "The USB id “%1” must be VENDOR:PRODUCT in hexadecimal, e.g. 04b8:0202."),
        ("value",),
    ),
    UriProblem.USB_ID_OUT_OF_RANGE: (
        QT_TRANSLATE_NOOP("Devices", "USB vendor and product ids are 4 hexadecimal digits each (0000 to ffff)."),
        (),
    ),
    UriProblem.BAD_SERIAL_NUMBER: (
        QT_TRANSLATE_NOOP("Devices", "“%1” is not a USB serial number."),
        ("value",),
    ),
    UriProblem.FILE_NEEDS_PATH: (
        QT_TRANSLATE_NOOP(
            "Devices",
            "A file address needs the path of the printer device, e.g. file:///dev/usb/lp0.",
        ),
        (),
    ),
    UriProblem.BAD_FILE_PATH: (
        QT_TRANSLATE_NOOP("Devices", "“%1” is not a path of a printer device."),
        ("path",),
    ),
    UriProblem.CUPS_NEEDS_QUEUE: (
        QT_TRANSLATE_NOOP("Devices", "A CUPS address needs the queue name, e.g. cups://Receipt."),
        (),
    ),
    UriProblem.BAD_CUPS_QUEUE: (
        QT_TRANSLATE_NOOP(
            "Devices",
            "The CUPS queue name “%1” may not contain spaces, control characters, “/” or “#”.",
        ),
        ("queue",),
    ),
    UriProblem.WIN32_NEEDS_NAME: (
        QT_TRANSLATE_NOOP(
            "Devices",
            "A Windows printer's address needs its name, without spaces around it, e.g. win32://POS-80.",
        ),
        (),
    ),
    UriProblem.BAD_WIN32_NAME: (
        QT_TRANSLATE_NOOP("Devices", "The Windows printer name “%1” may not contain control characters."),
        ("name",),
    ),
    UriProblem.GAP_NEEDED: (
        QT_TRANSLATE_NOOP("Devices", "With terminator=none, gap_ms= is needed too, to tell where a code ends."),
        (),
    ),
    UriProblem.WEDGE_HAS_NO_LOCATION: (
        QT_TRANSLATE_NOOP(
            "Devices",
            "A keyboard scanner's address has nothing after wedge:// but options, e.g. wedge://?suffix=Enter.",
        ),
        (),
    ),
}


def uri_problem_texts() -> dict[UriProblem, tuple[str, tuple[str, ...]]]:
    """Each URI problem's translated sentence, and the error parameters that fill its %1, %2..."""
    return {code: (_translate(source), names) for code, (source, names) in _URI_PROBLEMS.items()}


def uri_error_text(error: DeviceUriError) -> str:
    """What is wrong with a scanner or printer address, in the admin's language."""
    text, names = uri_problem_texts()[error.code]
    return fill(text, *(_shown(error.params.get(name, "")) for name in names))


def uri_examples_text(role: DeviceRole | str) -> str:
    """Examples of good addresses for the scanner or the printer (the tooltip of an address error)."""
    if DeviceRole(role) is DeviceRole.SCANNER:
        return QCoreApplication.translate("Devices", 
            "This scanner address cannot be used. Examples: wedge:// (keyboard scanner), "
            "serial:///dev/ttyACM0?baudrate=9600."
        )
    return QCoreApplication.translate("Devices", 
        "This printer address cannot be used. Examples: tcp://10.0.0.5:9100, usb://04b8:0202, "
        "serial:///dev/ttyUSB0."
    )


def device_settings_problem_text(error: DeviceUriError) -> str:
    """The cashier's message when a configured device's address cannot be used."""
    if error.role is DeviceRole.SCANNER:
        text = QCoreApplication.translate("Devices", "The scanner cannot be used: %1 Ask the admin (Admin > Devices).")
    elif error.role is DeviceRole.PRINTER:
        text = QCoreApplication.translate(
            "Devices", "The receipt printer cannot be used: %1 Ask the admin (Admin > Devices)."
        )
    else:
        text = QCoreApplication.translate("Devices", "Device settings are wrong: %1 Ask the admin (Admin > Devices).")
    return fill(text, uri_error_text(error))


# ----- devices found --------------------------------------------------------------------------


def discovered_device_text(device: DiscoveredDevice) -> str:
    """How a device found on this till is listed for the admin."""
    if device.source is DeviceSource.CUPS_QUEUE:
        return fill(QCoreApplication.translate("Devices", "CUPS queue %1"), device.location)
    if device.name:
        label = device.name
    elif device.source is DeviceSource.SERIAL_PORT:
        label = fill(QCoreApplication.translate("Devices", "Serial port %1"), device.location)
    else:
        label = QCoreApplication.translate("Devices", "USB printer")
    if device.usb_id is None:
        return label
    return fill(QCoreApplication.translate("Devices", "%1 [USB %2]"), label, usb_id_text(device.usb_id))


# ----- printer and scanner state --------------------------------------------------------------


def printer_status_text(status: PrinterStatus) -> str:
    """The cashier's words for a printer state, or for why a slip did not go out."""
    problems = {
        DeliveryProblem.NOT_READING: QCoreApplication.translate("Devices", "Printer is not taking the slip"),
        DeliveryProblem.CONNECTION_RESET: QCoreApplication.translate("Devices", "Printer connection was reset"),
        DeliveryProblem.NO_ANSWER: QCoreApplication.translate("Devices", "Printer did not confirm the slip"),
    }
    if status.problem is not None:
        return problems[status.problem]
    texts = {
        PrinterState.OK: QCoreApplication.translate("Devices", "Printed"),
        PrinterState.OFFLINE: QCoreApplication.translate("Devices", "Printer not answering: is it on and connected?"),
        PrinterState.PAPER_OUT: QCoreApplication.translate("Devices", "Printer out of paper"),
        PrinterState.COVER_OPEN: QCoreApplication.translate("Devices", "Printer cover open"),
        PrinterState.ERROR: QCoreApplication.translate("Devices", "Printer error"),
    }
    return texts.get(status.state, texts[PrinterState.ERROR])


def scanner_status_text(status: ScannerStatus) -> str:
    """A short line on the serial scanner's connection, for the admin's scanner test."""
    texts = {
        ScannerStatus.CONNECTED: QCoreApplication.translate("Devices", "Scanner connected"),
        ScannerStatus.DISCONNECTED: QCoreApplication.translate("Devices", "Scanner disconnected"),
        ScannerStatus.RECONNECTING: QCoreApplication.translate("Devices", "Looking for the scanner…"),
        ScannerStatus.STOPPED: QCoreApplication.translate("Devices", "Scanner stopped"),
    }
    return texts[status]
