"""What the store admin (a test print) and the cashier (the printer's tooltip) read when a printer
did not print: what is wrong and what to do, in the till's language, naming the printer (its
address, port, queue or name).

A printer's status carries the system's own words for some failures (an OS error such as
"Connection reset by peer", an exception's text, the bytes a device answered): those are English
and technical, so they go to the till's log, never to the screen.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.admin.failure_texts import unexpected_failure_text
from devices.printing.printer_status import PrinterStatus, StatusReason

log = logging.getLogger(__name__)

# Each failure's sentence; %1 is the printer (address, port, file, queue or name). Reasons that
# only come with a printed page or a ready printer have none, nor have a slip that could not be
# laid out and a transport that raised: only the log has words for those.
_FAILURES: dict[StatusReason, str] = {
    StatusReason.OUT_OF_PAPER: QT_TRANSLATE_NOOP("Admin", "The printer is out of paper: load a new roll."),
    StatusReason.COVER_OPEN: QT_TRANSLATE_NOOP("Admin", "The printer's cover is open: close it until it clicks."),
    StatusReason.PRINTER_ERROR: QT_TRANSLATE_NOOP(
        "Admin",
        "The printer reports an error (cutter jam or overheated head): switch it off, clear the paper and let it"
        " cool down, then switch it on again.",
    ),
    StatusReason.PRINTER_OFFLINE: QT_TRANSLATE_NOOP(
        "Admin", "The printer reports that it is offline: check its paper and cover, or switch it off and on."
    ),
    StatusReason.CANNOT_OPEN: QT_TRANSLATE_NOOP(
        "Admin", "The printer %1 cannot be opened: check that it is on and plugged in, and that the address is right."
    ),
    StatusReason.NOT_TAKING_DATA: QT_TRANSLATE_NOOP(
        "Admin", "The printer %1 is not taking data: check that it is on and not busy, then print again."
    ),
    StatusReason.STOPPED_TAKING_DATA: QT_TRANSLATE_NOOP(
        "Admin", "The printer %1 stopped taking data: check that it is on and has paper, then print again."
    ),
    StatusReason.JOB_NOT_TAKEN: QT_TRANSLATE_NOOP(
        "Admin", "The printer %1 did not take the whole page: check its paper, cover and power, then print again."
    ),
    StatusReason.FAILED: QT_TRANSLATE_NOOP(
        "Admin",
        "Printing to %1 failed: check that the printer is on and connected, then print again. The details are in"
        " the till's log.",
    ),
    StatusReason.UNPLUGGED: QT_TRANSLATE_NOOP(
        "Admin", "The printer %1 is off or unplugged: switch it on and check its cable."
    ),
    StatusReason.NO_PERMISSION: QT_TRANSLATE_NOOP(
        "Admin", "The till's user may not write to %1: ask support to add it to the printer's group."
    ),
    StatusReason.DEVICE_BUSY: QT_TRANSLATE_NOOP(
        "Admin", "The printer %1 is used by another program: close that program, then print again."
    ),
    StatusReason.DEVICE_ERROR: QT_TRANSLATE_NOOP(
        "Admin",
        "The printer %1 reports a fault: switch it off and on, then print again. The details are in the till's log.",
    ),
    StatusReason.SOFTWARE_MISSING: QT_TRANSLATE_NOOP(
        "Admin",
        "This kind of printer needs software that is not installed on this computer: ask support (the till's log"
        " names it).",
    ),
    StatusReason.NOT_ON_THIS_SYSTEM: QT_TRANSLATE_NOOP(
        "Admin", "%1 printers cannot be used on this computer: choose a printer of another kind."
    ),
    StatusReason.USB_LIST_FAILED: QT_TRANSLATE_NOOP(
        "Admin", "The till cannot see the USB devices: ask support; the details are in the till's log."
    ),
    StatusReason.NOT_CONNECTED: QT_TRANSLATE_NOOP(
        "Admin", "The printer %1 is not connected or is off: check its USB cable and switch it on."
    ),
    StatusReason.USB_SETUP_FAILED: QT_TRANSLATE_NOOP(
        "Admin",
        "The printer %1 cannot be used: unplug it and plug it in again; if that does not help, ask support (the"
        " details are in the till's log).",
    ),
    StatusReason.NO_ANSWER_IN_TIME: QT_TRANSLATE_NOOP(
        "Admin", "The printer does not answer at %1: check its power and network cable, and the address."
    ),
    StatusReason.CANNOT_RUN: QT_TRANSLATE_NOOP(
        "Admin", "The printing program %1 cannot be run: ask support to check CUPS on this computer."
    ),
    StatusReason.CUPS_JOB_TIMEOUT: QT_TRANSLATE_NOOP(
        "Admin", "CUPS did not take the page for the queue “%1” in time: try again, or restart the computer."
    ),
    StatusReason.CUPS_REFUSED: QT_TRANSLATE_NOOP(
        "Admin",
        "CUPS refused the page for the queue “%1”: check the queue in the printer settings. The details are in the"
        " till's log.",
    ),
    StatusReason.CUPS_UNKNOWN_QUEUE: QT_TRANSLATE_NOOP(
        "Admin", "CUPS has no queue “%1”: choose a found printer, or correct the queue's name."
    ),
    StatusReason.CUPS_QUEUE_DISABLED: QT_TRANSLATE_NOOP(
        "Admin", "The CUPS queue “%1” is disabled: enable it in the printer settings."
    ),
    StatusReason.WINDOWS_NO_PRINTER: QT_TRANSLATE_NOOP(
        "Admin", "Windows has no printer named “%1”: choose a found printer, or correct the name."
    ),
    StatusReason.WINDOWS_REFUSED: QT_TRANSLATE_NOOP(
        "Admin",
        "Windows refused the page for “%1”: check the printer in the Windows settings. The details are in the"
        " till's log.",
    ),
    StatusReason.NAME_SERVER_SILENT: QT_TRANSLATE_NOOP(
        "Admin", "The name “%1” could not be looked up in time: check the network, or use the printer's IP address."
    ),
    StatusReason.REFUSED: QT_TRANSLATE_NOOP(
        "Admin",
        "The printer at %1 refuses the connection: check that it is switched on and that the port is right"
        " (usually 9100).",
    ),
    StatusReason.UNKNOWN_HOST: QT_TRANSLATE_NOOP(
        "Admin", "The network does not know the printer “%1”: correct the name, or use the printer's IP address."
    ),
    StatusReason.UNREACHABLE: QT_TRANSLATE_NOOP(
        "Admin", "The printer at %1 cannot be reached: check its power and network cable, and the address."
    ),
    StatusReason.NO_STATUS_ANSWER: QT_TRANSLATE_NOOP(
        "Admin",
        "The printer at %1 did not answer the status request: check that it is on. If it never answers, add"
        " status=none to its address.",
    ),
    StatusReason.NOT_A_STATUS: QT_TRANSLATE_NOOP(
        "Admin", "The device at %1 did not answer as a receipt printer: check that the address is the printer's."
    ),
    StatusReason.DROPPED: QT_TRANSLATE_NOOP(
        "Admin",
        "The printer at %1 broke the connection before taking the page: check its power, paper and network"
        " cable, then print again.",
    ),
    StatusReason.CLOSED_EARLY: QT_TRANSLATE_NOOP(
        "Admin",
        "The printer at %1 closed the connection before taking the page: check that it is on and not printing"
        " for another computer, then print again.",
    ),
    StatusReason.STILL_BUSY: QT_TRANSLATE_NOOP(
        "Admin", "The printer is still busy with another job: wait a moment, then print again."
    ),
    StatusReason.NOTHING_TO_REPRINT: QT_TRANSLATE_NOOP(
        "Admin", "Nothing has been printed yet, so there is nothing to reprint."
    ),
}


def printer_failure_texts() -> dict[StatusReason, str]:
    """Each printer failure's translated sentence (%1: the printer)."""
    return {reason: QCoreApplication.translate("Admin", source) for reason, source in _FAILURES.items()}


def printer_failure_text(status: PrinterStatus) -> str:
    """The admin's sentences for a printer that did not print ("" when it did); the status's own
    English message, with the system's words, is logged."""
    if status.ok:
        return ""
    log.info("printer failed: %s: %s", status.state.value, status.message or "no reason given")
    source = _FAILURES.get(status.reason) if status.reason is not None else None
    if source is None:
        return unexpected_failure_text()
    device = status.params.get("device", "")
    text = QCoreApplication.translate("Admin", source).replace(
        "%1", device if device.isprintable() else repr(device)[1:-1]
    )
    if status.after_job:
        ending = QCoreApplication.translate("Admin", "%1 It happened at the end of the page: it may be cut short.")
        text = ending.replace("%1", text)
    return text
