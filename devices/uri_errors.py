"""Why a device URI cannot be used: a reason code with its parameters, and English words for it.

`DeviceUriError` carries a `UriProblem` and the parameters the sentence needs (the option, the
value given, the allowed range...), all as text, plus the role of the device (printer or
scanner) where it is known. `str()` of the error is an English sentence for logs and the
`devices` command line; a user interface words the same code and parameters in its own language
(the till: `app.devices.texts`).
"""
from __future__ import annotations

from enum import Enum
from typing import Any, Mapping


class DeviceRole(str, Enum):
    """Which device a URI configures."""

    PRINTER = "printer"
    SCANNER = "scanner"


class UriProblem(str, Enum):
    """What is wrong with a device URI. The parameters each code carries are in `ENGLISH`."""

    NOT_TEXT = "not_text"
    EMPTY = "empty"
    NO_SCHEME = "no_scheme"
    UNKNOWN_SCHEME = "unknown_scheme"
    BAD_QUERY = "bad_query"
    DUPLICATE_OPTION = "duplicate_option"
    UNKNOWN_OPTION = "unknown_option"
    NOT_ONE_OF = "not_one_of"
    NOT_A_WHOLE_NUMBER = "not_a_whole_number"
    OUT_OF_RANGE = "out_of_range"
    NOT_A_SWITCH = "not_a_switch"
    BAD_WIDTH = "bad_width"
    BAD_TIMEOUT = "bad_timeout"
    TIMEOUT_OUT_OF_RANGE = "timeout_out_of_range"
    TCP_NEEDS_HOST = "tcp_needs_host"
    BAD_HOST = "bad_host"
    UNCLOSED_IPV6 = "unclosed_ipv6"
    TEXT_AFTER_IPV6 = "text_after_ipv6"
    IPV6_NEEDS_BRACKETS = "ipv6_needs_brackets"
    BAD_PORT = "bad_port"
    SERIAL_NEEDS_PORT = "serial_needs_port"
    BAD_SERIAL_PORT = "bad_serial_port"
    USB_NEEDS_ID = "usb_needs_id"
    BAD_USB_ID = "bad_usb_id"
    USB_ID_OUT_OF_RANGE = "usb_id_out_of_range"
    BAD_SERIAL_NUMBER = "bad_serial_number"
    FILE_NEEDS_PATH = "file_needs_path"
    BAD_FILE_PATH = "bad_file_path"
    CUPS_NEEDS_QUEUE = "cups_needs_queue"
    BAD_CUPS_QUEUE = "bad_cups_queue"
    WIN32_NEEDS_NAME = "win32_needs_name"
    BAD_WIN32_NAME = "bad_win32_name"
    GAP_NEEDED = "gap_needed"
    WEDGE_HAS_NO_LOCATION = "wedge_has_no_location"


# The English sentence of each code. Besides the code's parameters a template may use {role}
# ("printer", "scanner") and, where the parameters name a `scheme`, {device} ("network printer"...).
ENGLISH: Mapping[UriProblem, str] = {
    UriProblem.NOT_TEXT: "a {role} URI must be text",
    UriProblem.EMPTY: "empty {role} URI",
    UriProblem.NO_SCHEME: "{role} URI {uri!r} has no scheme: start it with one of {schemes}",
    UriProblem.UNKNOWN_SCHEME: "unknown {role} kind {scheme!r} in {uri!r}; use one of {schemes}",
    UriProblem.BAD_QUERY: "cannot read the options {query!r} of {uri!r}",
    UriProblem.DUPLICATE_OPTION: "option {option!r} is given twice in {uri!r}",
    UriProblem.UNKNOWN_OPTION: "unknown option {option!r} for a {device}; known options: {known}",
    UriProblem.NOT_ONE_OF: "{option}={value!r} is not one of {choices}",
    UriProblem.NOT_A_WHOLE_NUMBER: "{option}={value!r} must be a whole number",
    UriProblem.OUT_OF_RANGE: "{option}={value} is out of range {low}..{high}",
    UriProblem.NOT_A_SWITCH: "{option}={value!r} must be 1 or 0",
    UriProblem.BAD_WIDTH: "width={value!r} must be 58 or 80 (paper width in mm)",
    UriProblem.BAD_TIMEOUT: "timeout={value!r} must be a number of seconds",
    UriProblem.TIMEOUT_OUT_OF_RANGE: "timeout={value} must be above 0 and at most {high} seconds",
    UriProblem.TCP_NEEDS_HOST: "tcp URI needs a host, e.g. tcp://10.0.0.5:9100",
    UriProblem.BAD_HOST: "bad host {host!r} for a network printer",
    UriProblem.UNCLOSED_IPV6: "unclosed IPv6 address in {location!r}",
    UriProblem.TEXT_AFTER_IPV6: "unexpected {text!r} after the IPv6 address",
    UriProblem.IPV6_NEEDS_BRACKETS: "write an IPv6 host in brackets: tcp://[{host}]:9100",
    UriProblem.BAD_PORT: "port {value!r} must be a number from 1 to 65535",
    UriProblem.SERIAL_NEEDS_PORT: "serial URI needs a port, e.g. serial:///dev/ttyUSB0 or serial://COM3",
    UriProblem.BAD_SERIAL_PORT: "bad serial port path {path!r}",
    UriProblem.USB_NEEDS_ID: "usb URI needs VENDOR:PRODUCT, e.g. usb://04b8:0202",
    UriProblem.BAD_USB_ID: "{name} {value!r} must be VENDOR:PRODUCT in hexadecimal, e.g. 04b8:0202",
    UriProblem.USB_ID_OUT_OF_RANGE: "USB vendor and product ids are 16-bit numbers (0000-ffff)",
    UriProblem.BAD_SERIAL_NUMBER: "bad USB serial number {value!r}",
    UriProblem.FILE_NEEDS_PATH: "file URI needs a path, e.g. file:///dev/usb/lp0",
    UriProblem.BAD_FILE_PATH: "bad printer file path {path!r}",
    UriProblem.CUPS_NEEDS_QUEUE: "cups URI needs a queue name, e.g. cups://Receipt",
    UriProblem.BAD_CUPS_QUEUE: "CUPS queue name {queue!r} may not contain spaces, control characters, '/' or '#'",
    UriProblem.WIN32_NEEDS_NAME: "win32 URI needs a printer name without surrounding spaces, e.g. win32://POS-80",
    UriProblem.BAD_WIN32_NAME: "Windows printer name {name!r} may not contain control characters",
    UriProblem.GAP_NEEDED: "terminator=none needs gap_ms= to tell where a code ends",
    UriProblem.WEDGE_HAS_NO_LOCATION: "a wedge URI has no location: write wedge://?prefix=...&suffix=Enter",
}

# What each kind of URI configures, in the English sentences ("unknown option 'x' for a ...").
_DEVICE_NAMES: Mapping[tuple[DeviceRole, str], str] = {
    (DeviceRole.PRINTER, "tcp"): "network printer",
    (DeviceRole.PRINTER, "serial"): "serial printer",
    (DeviceRole.PRINTER, "usb"): "USB printer",
    (DeviceRole.PRINTER, "file"): "printer device file",
    (DeviceRole.PRINTER, "cups"): "CUPS printer",
    (DeviceRole.PRINTER, "win32"): "Windows printer",
    (DeviceRole.SCANNER, "serial"): "serial scanner",
    (DeviceRole.SCANNER, "wedge"): "keyboard-wedge scanner",
}


class DeviceUriError(ValueError):
    """A device URI that cannot be used: `code` says what is wrong, `params` with what values.

    `role` is the device the URI was for, once known (parsing fills it in). `str()` is English.
    """

    def __init__(self, code: UriProblem, *, role: DeviceRole | None = None, **params: str) -> None:
        super().__init__(code, params)
        self.code = UriProblem(code)
        self.role = role
        self.params: dict[str, str] = {name: str(value) for name, value in params.items()}

    def __str__(self) -> str:
        role = self.role.value if self.role is not None else "device"
        scheme = self.params.get("scheme", "")
        device = _DEVICE_NAMES.get((self.role, scheme), f"{scheme} device") if self.role else f"{scheme} device"
        fields: dict[str, Any] = {"role": role, "device": device, **self.params}
        return ENGLISH[self.code].format(**fields)

    def __repr__(self) -> str:
        role = self.role.name if self.role is not None else None
        return f"DeviceUriError({self.code.name}, role={role}, params={self.params!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.code, self.role, self.params))


def _rebuild(code: UriProblem, role: DeviceRole | None, params: dict[str, str]) -> DeviceUriError:
    return DeviceUriError(code, role=role, **params)
