"""python-escpos, imported without its import-time side effects.

Importing `escpos.capabilities` (python-escpos 3.1) does three things a till must not allow:
- it calls `logging.basicConfig()`, which installs a stderr handler on the root logger of the
  whole application (the host decides how to log, not a printer library);
- it reads `ESCPOS_CAPABILITIES_PICKLE_DIR` with `mkdtemp()` as the default argument, so a fresh
  folder is created in the system temp directory on every start, even when the variable is set;
- it writes its capabilities cache into that folder.

`load_escpos()` imports the library once with the variable pointing at a cache folder of ours
(`capabilities_cache_dir()`), a placeholder handler on the root logger for the duration of the
import (so `basicConfig()` finds a handler and does nothing), and `tempfile.mkdtemp` answering
with our folder for that moment. Everything is put back right after. Every module of `devices`
reaches python-escpos through here.
"""
from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

import platformdirs

CACHE_ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"
APP_NAME = "till-loyalty"

_lock = threading.Lock()


def capabilities_cache_dir() -> Path:
    """Where python-escpos keeps its parsed printer database: the user's cache folder for the app.

    An existing `ESCPOS_CAPABILITIES_PICKLE_DIR` wins (a packager or a test may set it).
    """
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "escpos"


def _usable_dir(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return folder
    except OSError:
        # A read-only home: fall back to a fixed (not a fresh) folder in the temp directory.
        fallback = Path(tempfile.gettempdir()) / f"{APP_NAME}-escpos-{_user_tag()}"
        fallback.mkdir(mode=0o700, parents=True, exist_ok=True)
        return fallback


def _user_tag() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid is not None else os.environ.get("USERNAME", "user")


def load_escpos() -> ModuleType:
    """The `escpos.printer` module, imported once without touching logging or the temp folder."""
    if "escpos.capabilities" in sys.modules:
        import escpos.printer

        return escpos.printer
    with _lock:
        if "escpos.capabilities" not in sys.modules:
            _import_quietly()
    import escpos.printer

    return escpos.printer


def _import_quietly() -> None:
    folder = _usable_dir(capabilities_cache_dir())
    os.environ[CACHE_ENV] = str(folder)
    root = logging.getLogger()
    placeholder = logging.NullHandler()
    added = not root.handlers
    if added:
        root.addHandler(placeholder)
    original_mkdtemp = tempfile.mkdtemp

    def our_folder(*_args: Any, **_kwargs: Any) -> str:
        return str(folder)

    tempfile.mkdtemp = our_folder  # type: ignore[assignment]
    try:
        import escpos.capabilities  # noqa: F401
        import escpos.printer  # noqa: F401
    finally:
        tempfile.mkdtemp = original_mkdtemp
        if added:
            root.removeHandler(placeholder)


def dummy_printer(*, encoding: str, media_dots: int, dpi: int = 203) -> Any:
    """A python-escpos `Dummy` printer (collects bytes, no device) set up for our receipts.

    Its profile knows the paper's printable width (`media_dots`), so python-escpos neither prints
    a warning about it nor guesses; magic encoding is off and pinned to `encoding` (the page our
    own `ESC t` selected), so the library never slips in a code page switch of its own.
    """
    printer_module = load_escpos()
    from escpos.capabilities import Profile, get_profile

    base = get_profile("default")
    profile = Profile(features=dict(base.features))
    data = dict(base.profile_data)
    data["media"] = {"dpi": dpi, "width": {"mm": 80 if media_dots > 400 else 58, "pixels": media_dots}}
    profile.profile_data = data  # this instance only; the shared database stays as it is
    return printer_module.Dummy(profile=profile, magic_encode_args={"encoding": encoding, "disabled": True})
