"""Writing the settings file off the GUI thread, for the admin screens that change settings."""
from __future__ import annotations

from typing import Callable

from app.admin.failure_texts import AdminAction, failure_text
from app.settings import Settings, save_settings
from app.workers import BackgroundWorker


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
        failed(failure_text(AdminAction.SAVE_SETTINGS, exc))  # the detail goes to the log

    worker.submit(write, lambda _: saved(), not_written)
