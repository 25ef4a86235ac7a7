"""Writing the settings file off the GUI thread, for the admin screens that change settings."""
from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QCoreApplication

from app.settings import Settings, save_settings
from app.workers import BackgroundWorker

log = logging.getLogger(__name__)


def save_settings_in_background(
    worker: BackgroundWorker,
    settings: Settings,
    saved: Callable[[], None],
    failed: Callable[[str], None],
) -> None:
    """Write `settings` to their file on `worker`; then `saved()`, or `failed(text for the admin)`.

    Settings without a file (a test's, a demo's in memory) count as saved at once.
    """

    def write() -> None:
        if settings.path is not None:
            save_settings(settings)

    def not_written(exc: BaseException) -> None:
        log.warning("settings not saved: %s", exc)
        failed(QCoreApplication.translate("Admin", "The settings file could not be written: %1").replace("%1", str(exc)))

    worker.submit(write, lambda _: saved(), not_written)
