"""Scanners and receipt printers: device URIs, discovery, scan classification, serial and
keyboard-wedge scanners, ESC/POS receipt layout and printer transports. No Qt in here."""
import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
