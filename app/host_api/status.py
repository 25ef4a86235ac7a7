"""Whether the till's host API is serving, as the admin's Integration screen shows it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HostApiStatus:
    """The host API's address while it serves; otherwise why not (`disabled` in the settings, or
    `problem`: why it could not start). Neither: not started (yet)."""

    running: bool
    url: str = ""
    problem: str = ""
    disabled: bool = False
