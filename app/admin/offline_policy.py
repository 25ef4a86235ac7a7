"""The store admin's choice of the offline spending policy: shown, saved to the settings file, applied.

The file is written on the admin worker; the new policy applies to the checkout at once.
"""
from __future__ import annotations

import logging
from decimal import Decimal
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from app.offline.redemption import OfflineRedemptionPolicy
from app.settings import Settings
from app.settings_saving import save_settings_in_background
from app.workers import BackgroundWorker
from widgets.admin.offline_policy_dialog import OfflinePolicyDialog

log = logging.getLogger(__name__)


class OfflinePolicySetup(QObject):
    """Runs the offline selling dialog for the admin (who has given the PIN already)."""

    def __init__(
        self,
        parent_widget: QWidget,
        worker: BackgroundWorker,
        settings: Callable[[], Settings],
        on_saved: Callable[[Settings], None],
    ) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._worker = worker
        self._settings = settings
        self._on_saved = on_saved
        self.dialog: OfflinePolicyDialog | None = None

    def open(self) -> None:
        """Show the dialog with the policy in force."""
        settings = self._settings()
        dialog = OfflinePolicyDialog(self._parent)
        dialog.set_policy(settings.get("offline", "redemption"), settings.get("offline", "redeem_limit_per_day"))
        dialog.save_requested.connect(lambda mode, limit: self._save(dialog, mode, limit))
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _save(self, dialog: OfflinePolicyDialog, mode: str, limit: Decimal) -> None:
        try:
            OfflineRedemptionPolicy.from_setting(mode, limit)
        except ValueError as exc:  # the settings' own check, behind a dialog that offers only valid choices
            log.warning("offline policy not saved: %s", exc)
            dialog.show_error(
                QCoreApplication.translate(
                    "Admin", "This policy cannot be saved: choose one of the modes shown and a daily limit of zero or more."
                )
            )
            return
        settings = self._settings().replace(offline_redemption=mode, offline_redeem_limit_per_day=limit)

        def saved() -> None:
            self._on_saved(settings)
            dialog.accept()

        save_settings_in_background(self._worker, settings, saved, dialog.show_error)
