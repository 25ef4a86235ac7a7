"""The store admin's choice of what a customer may spend while the loyalty service is down."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

REFUSE = "refuse"
CAPPED = "capped"
MAX_LIMIT = Decimal("100000.00")


class OfflinePolicyDialog(QDialog):
    """Refuse spending offline, or allow it with the admin PIN up to a daily limit per customer.

    Save emits `save_requested(mode, limit)` ("refuse" or "capped", a Decimal with 2 places) and
    the dialog stays open until the application answers with `accept()` or `show_error(text)`.
    Object names: OfflineRefuseOption, OfflineCappedOption, OfflineLimitInput, OfflinePolicyError,
    OfflinePolicySaveButton, OfflinePolicyCancelButton.
    """

    save_requested = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OfflinePolicyDialog")
        self.setModal(True)
        self._intro = QLabel()
        self._intro.setWordWrap(True)
        self._refuse = QRadioButton()
        self._refuse.setObjectName("OfflineRefuseOption")
        self._capped = QRadioButton()
        self._capped.setObjectName("OfflineCappedOption")
        self._choice = QButtonGroup(self)
        self._choice.addButton(self._refuse)
        self._choice.addButton(self._capped)
        self._limit_caption = QLabel()
        self._limit = QDoubleSpinBox()
        self._limit.setObjectName("OfflineLimitInput")
        self._limit.setDecimals(2)
        self._limit.setRange(0.0, float(MAX_LIMIT))
        self._limit.setSingleStep(5.0)
        self._limit_caption.setBuddy(self._limit)
        self._hint = QLabel()
        self._hint.setProperty("role", "hint")
        self._hint.setWordWrap(True)
        self._error = QLabel()
        self._error.setObjectName("OfflinePolicyError")
        self._error.setProperty("role", "error-text")
        self._error.setWordWrap(True)
        self._error.hide()
        self._save = QPushButton()
        self._save.setObjectName("OfflinePolicySaveButton")
        self._save.setProperty("role", "primary")
        self._save.setDefault(True)
        self._cancel = QPushButton()
        self._cancel.setObjectName("OfflinePolicyCancelButton")
        self._cancel.setAutoDefault(False)

        limit_row = QHBoxLayout()
        limit_row.setContentsMargins(28, 0, 0, 0)
        limit_row.addWidget(self._limit_caption)
        limit_row.addWidget(self._limit)
        limit_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._save)
        buttons.addWidget(self._cancel)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self._intro)
        layout.addWidget(self._refuse)
        layout.addWidget(self._capped)
        layout.addLayout(limit_row)
        layout.addWidget(self._hint)
        layout.addWidget(self._error)
        layout.addLayout(buttons)

        self._capped.toggled.connect(self._limit.setEnabled)
        self._save.clicked.connect(self._submit)
        self._cancel.clicked.connect(self.reject)
        self.set_policy(REFUSE, Decimal("20.00"))
        self._retranslate()
        self.setMinimumWidth(640)

    # -- public API ---------------------------------------------------------------------------

    def set_policy(self, mode: str, limit: Decimal) -> None:
        """Show the policy in force."""
        (self._capped if mode == CAPPED else self._refuse).setChecked(True)
        self._limit.setValue(float(min(max(limit, Decimal(0)), MAX_LIMIT)))
        self._limit.setEnabled(mode == CAPPED)

    def mode(self) -> str:
        """The option chosen: "refuse" or "capped"."""
        return CAPPED if self._capped.isChecked() else REFUSE

    def limit(self) -> Decimal:
        """The daily limit typed, in points with 2 places."""
        return Decimal(f"{self._limit.value():.2f}")

    def show_error(self, text: str) -> None:
        """Saving failed: say why, keep the dialog open."""
        self._error.setText(text)
        self._error.show()
        self._save.setEnabled(True)

    # -- internals ----------------------------------------------------------------------------

    def _submit(self) -> None:
        if self.mode() == CAPPED and self.limit() <= 0:
            self.show_error(self.tr("Give a daily limit above zero, or refuse spending offline."))
            return
        self._error.hide()
        self._save.setEnabled(False)  # until the application answers
        self.save_requested.emit(self.mode(), self.limit())

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Offline selling"))
        self._intro.setText(
            self.tr(
                "When the loyalty service cannot be reached, sales go on and bonuses are credited later. "
                "May customers spend bonuses meanwhile?"
            )
        )
        self._refuse.setText(self.tr("No, wait for the service (recommended)"))
        self._capped.setText(self.tr("Yes, with the admin PIN each time"))
        self._limit_caption.setText(self.tr("Daily limit per customer, points:"))
        self._hint.setText(
            self.tr(
                "Never more than the balance last seen, less what this till spent since; "
                "not for customers identified by the app's QR code."
            )
        )
        self._save.setText(self.tr("Save"))
        self._cancel.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
