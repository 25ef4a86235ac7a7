"""How many bonuses the customer spends on this receipt: an amount field, Maximum and None."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, QRegularExpression, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fiscal.money import ZERO, money
from widgets.enum_properties import set_enum_property
from widgets.formatting import format_points, parse_amount

#: Digits with an optional comma or dot and up to two decimals: "12", "12,5", "12.50".
AMOUNT_PATTERN = r"\d{0,7}([.,]\d{0,2})?"


class RedemptionPanel(QFrame):
    """Edits the bonuses to redeem, as a Decimal with two places, within 0 … the limit.

    `redeem_changed(Decimal)` is emitted only for the cashier's own edits — on Enter, on leaving
    the field, or by the Maximum/None buttons — and only when the value actually changes.
    Values set by the application (`set_value`, `set_limits`) never emit, and never overwrite an
    amount the cashier is still typing (it is committed, and clamped, on Enter or on leaving the
    field). Call `set_limits` before `set_value`: values are clamped to the current limit.
    """

    redeem_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RedemptionPanel")
        self._value = ZERO
        self._limit = ZERO
        self._enabled = True

        self._caption = QLabel()
        self._caption.setObjectName("RedeemCaption")
        self._caption.setProperty("role", "section")
        self._limit_label = QLabel()
        self._limit_label.setObjectName("RedeemLimitText")
        self._limit_label.setProperty("role", "muted")
        self._editor = QLineEdit()
        self._editor.setObjectName("RedeemInput")
        self._editor.setValidator(
            QRegularExpressionValidator(QRegularExpression(AMOUNT_PATTERN), self._editor)
        )
        set_enum_property(self._editor, "alignment", "AlignRight|AlignVCenter")
        set_enum_property(self._editor, "inputMethodHints", "ImhFormattedNumbersOnly")
        self._editor.installEventFilter(self)
        self._caption.setBuddy(self._editor)
        self._maximum = QPushButton()
        self._maximum.setObjectName("RedeemMaximumButton")
        self._none = QPushButton()
        self._none.setObjectName("RedeemNoneButton")
        for button in (self._maximum, self._none):
            # Clicking must not steal focus from the field: the click is the edit.
            set_enum_property(button, "focusPolicy", "TabFocus")
        self._note = QLabel()
        self._note.setObjectName("RedeemNote")
        self._note.setProperty("role", "hint")

        self._compact = False
        head = QHBoxLayout()
        head.addWidget(self._caption)
        head.addStretch(1)
        head.addWidget(self._limit_label)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self._maximum, 1)
        buttons.addWidget(self._none, 1)
        # The amount and its buttons: one row, or the buttons under the amount when compact.
        self._entry = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._entry.setSpacing(8)
        self._entry.addWidget(self._editor, 1)
        self._entry.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addLayout(self._entry)
        layout.addWidget(self._note)

        self._editor.editingFinished.connect(self._commit_text)
        self._maximum.clicked.connect(self.choose_maximum)
        self._none.clicked.connect(self.choose_none)
        self._retranslate()
        self._show_value()
        self._note.hide()

    # -- public API ---------------------------------------------------------------------------

    def set_limits(self, max_redeem: Decimal) -> None:
        """Set the most that may be redeemed; a larger current value is lowered (no signal)."""
        limit = max(ZERO, money(max_redeem))
        if limit != self._limit:
            self._note.hide()
        self._limit = limit
        self._limit_label.setText(self.tr("up to {amount}").format(amount=format_points(self._limit)))
        if self._value > self._limit:
            self._value = self._limit
        self._show_value(keep_typing=True)

    def limit(self) -> Decimal:
        """The most that may be redeemed."""
        return self._limit

    def set_value(self, value: Decimal) -> None:
        """Show *value* (clamped to 0 … limit) without emitting `redeem_changed`."""
        self._value = self._clamp(money(value))
        self._show_value(keep_typing=True)

    def value(self) -> Decimal:
        """The bonuses to redeem, a Decimal with two places."""
        return self._value

    def set_enabled(self, enabled: bool) -> None:
        """Allow or forbid editing (e.g. no customer, offline, receipt being fiscalised)."""
        self._enabled = enabled
        for widget in (self._editor, self._maximum, self._none):
            widget.setEnabled(enabled)

    def is_enabled(self) -> bool:
        """Whether the cashier may edit the amount."""
        return self._enabled

    def choose_maximum(self) -> None:
        """Redeem the limit, as the Maximum button (F4) does; emits if the value changes."""
        if self._enabled:
            self._apply_edit(self._limit, clamped=False)

    def choose_none(self) -> None:
        """Redeem nothing, as the None button does; emits if the value changes."""
        if self._enabled:
            self._apply_edit(ZERO, clamped=False)

    def set_compact(self, compact: bool) -> None:
        """Narrow arrangement: Maximum and None on a row of their own under the amount."""
        if compact != self._compact:
            self._compact = compact
            direction = QBoxLayout.Direction.TopToBottom if compact else QBoxLayout.Direction.LeftToRight
            self._entry.setDirection(direction)

    def focus_input(self) -> None:
        """Put the cursor into the amount field with its text selected."""
        from PySide6.QtCore import Qt  # here: the namespace's enumerations wait for the first paint

        self._editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._editor.selectAll()

    # -- internals ----------------------------------------------------------------------------

    def _clamp(self, value: Decimal) -> Decimal:
        return max(ZERO, min(value, self._limit))

    def _commit_text(self) -> None:
        if not self._enabled:
            return
        try:
            typed = parse_amount(self._editor.text())
        except ValueError:
            self._show_value()
            return
        value = self._clamp(typed)
        self._apply_edit(value, clamped=value != typed)

    def _apply_edit(self, value: Decimal, clamped: bool) -> None:
        if clamped:
            self._note.setText(
                self.tr("Limited to {amount}").format(amount=format_points(self._limit))
            )
            self._note.show()
        else:
            self._note.hide()
        changed = value != self._value
        self._value = value
        self._show_value()
        if changed:
            self.redeem_changed.emit(value)

    def _show_value(self, keep_typing: bool = False) -> None:
        if keep_typing and self._editor.hasFocus() and self._editor.isModified():
            return  # the cashier is typing: Enter or leaving the field will commit it
        self._editor.setText(format_points(self._value).replace("\u00a0", ""))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Select the whole amount when the field gets focus, so typing replaces it."""
        if watched is self._editor and event.type() == QEvent.Type.FocusIn:
            QTimer.singleShot(0, self._editor.selectAll)
        return super().eventFilter(watched, event)

    def _retranslate(self) -> None:
        self._caption.setText(self.tr("Redeem bonuses"))
        self._editor.setAccessibleName(self.tr("Bonuses to redeem"))
        self._maximum.setText(self.tr("Maximum"))
        self._maximum.setToolTip(self.tr("Redeem as much as allowed (F4)"))
        self._none.setText(self.tr("None"))
        self._none.setToolTip(self.tr("Do not redeem bonuses"))
        self._limit_label.setText(self.tr("up to {amount}").format(amount=format_points(self._limit)))
        if self._note.isVisibleTo(self):
            self._note.setText(
                self.tr("Limited to {amount}").format(amount=format_points(self._limit))
            )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
