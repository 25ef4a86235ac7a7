"""The command line of `demo` and `run` read without building a parser, for a quicker first paint.

argparse builds its parsers and looks up its message catalogue (gettext) before it reads a word:
about as long as a dozen widgets take to make. A command line of the window commands is nearly
always a handful of exact options, so `read_window_arguments` reads those itself and hands back
what argparse would; anything else (an abbreviation, a value that does not pass, help, a word it
does not know) gives None and the caller's argparse answers as it always does. A test holds the
two equal on every command line this reads.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.checks import url_problem
from app.settings import LANGUAGES

WINDOW_COMMANDS = ("demo", "run")
#: What the demo's sandbox speaks: the till's SOAP contract or a stand-in for RetailCRM's API.
SERVICE_KINDS = ("soap", "retailcrm")

#: Options taken before or after the command: destination and how the value is read (None: a flag).
_COMMON: dict[str, tuple[str, Callable[[str], Any] | None]] = {
    "--config": ("config", Path),
    "--db": ("db", str),
    "--service": ("service", str),
    "--language": ("language", str),
    "-v": ("verbose", None),
    "--verbose": ("verbose", None),
    "--exit-when-shown": ("exit_when_shown", None),
}
#: Options of one command, taken after its name.
_OWN: dict[str, dict[str, tuple[str, Callable[[str], Any] | None]]] = {
    "demo": {"--service-kind": ("service_kind", str)},
    "run": {},
}
_DEFAULTS: dict[str, dict[str, Any]] = {
    "demo": {"service_kind": "soap"},
    "run": {},
}
_ALLOWED: dict[str, Callable[[str], bool]] = {
    "service": lambda value: url_problem(value) is None,
    "language": lambda value: value in LANGUAGES,
    "service_kind": lambda value: value in SERVICE_KINDS,
}


def read_window_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The arguments of a `demo` or `run` command line as the whole parser gives them, or None
    when the line holds anything but the exact options this knows with values that pass."""
    values: dict[str, Any] = {
        "config": None, "db": None, "service": None, "language": None, "verbose": False, "exit_when_shown": False,
    }
    command: str | None = None
    index = 0
    while index < len(argv):
        word = argv[index]
        index += 1
        if not word.startswith("-"):
            if command is not None or word not in WINDOW_COMMANDS:
                return None
            command = word
            values.update(_DEFAULTS[command])
            continue
        name, has_value, value = word.partition("=")
        known = _COMMON.get(name) or (_OWN[command].get(name) if command else None)
        if known is None:
            return None
        destination, read = known
        if read is None:
            if has_value:
                return None
            values[destination] = True
            continue
        if not has_value:
            if index >= len(argv) or argv[index].startswith("-"):
                return None
            value = argv[index]
            index += 1
        allowed = _ALLOWED.get(destination)
        if allowed is not None and not allowed(value):
            return None
        values[destination] = read(value)
    if command is None:
        return None
    return argparse.Namespace(**values, command=command)
