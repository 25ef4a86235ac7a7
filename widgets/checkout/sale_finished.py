"""The end of a sale at a glance: "Sale finished" and what became of the customer's bonuses."""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from widgets.enum_properties import set_enum_property
from widgets.made_when_needed import MadeWhenNeeded


class SaleFinishedPanel(QFrame):
    """Shown in place of the redemption once the receipt is fiscalised; hidden otherwise.

    `show_finished(detail)` shows the title "Sale finished" and *detail* (the new balance, or
    that the bonuses will be credited later); `hide_panel()` hides it for the next receipt.
    Labels: SaleFinishedTitle, SaleFinishedDetail, made when it is first shown.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SaleFinishedPanel")
        self._labels = MadeWhenNeeded(self._make_labels)
        self.hide()

    def _make_labels(self) -> None:
        self._title = QLabel()
        self._title.setObjectName("SaleFinishedTitle")
        self._title.setWordWrap(True)
        self._detail = QLabel()
        self._detail.setObjectName("SaleFinishedDetail")
        self._detail.setWordWrap(True)
        for label in (self._title, self._detail):
            set_enum_property(label, "textInteractionFlags", "NoTextInteraction")
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        layout.addWidget(self._title)
        layout.addWidget(self._detail)
        self._retranslate()

    def show_finished(self, detail: str) -> None:
        """Show that the sale is finished, with *detail* under the title."""
        self._labels.part()
        self._detail.setText(detail)
        self._detail.setVisible(bool(detail))
        self.show()

    def hide_panel(self) -> None:
        """Hide it: a new receipt is open."""
        if self._labels.is_made():
            self._detail.clear()
        self.hide()

    def is_shown(self) -> bool:
        """Whether the panel is shown (ignoring whether its window is)."""
        return not self.isHidden()

    def text(self) -> str:
        """The title and the detail, as shown."""
        if not self._labels.is_made():
            return ""
        return "\n".join(t for t in (self._title.text(), self._detail.text()) if t)

    def _retranslate(self) -> None:
        self._title.setText("✔ " + self.tr("Sale finished"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange and self._labels.is_made():
            self._retranslate()
        super().changeEvent(event)
