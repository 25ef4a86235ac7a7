"""ElidedLabel: one line, shortened with "…", the whole text in its tooltip while shortened."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from widgets.elided_label import ElidedLabel

LONG = "Александра Константиновна Преображенская-Ковалёва"


class ToolTipChanges(QObject):
    """Counts the ToolTipChange events a widget is sent."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ToolTipChange:
            self.count += 1
        return False


def test_the_tooltip_follows_the_elision_and_is_not_set_again_unchanged(qtbot) -> None:
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.resize(120, 30)
    label.show()
    changes = ToolTipChanges()
    label.installEventFilter(changes)

    label.setText(LONG)
    assert label.is_elided() and label.toolTip() == LONG
    assert changes.count == 1
    for _ in range(3):  # the checkout shows every state: the same name again
        label.setText(LONG)
    label.resize(121, 30)
    QApplication.processEvents()
    assert label.toolTip() == LONG and changes.count == 1, "an unchanged tooltip sends no event"

    label.setText("Анна")
    assert not label.is_elided() and label.toolTip() == ""
    assert changes.count == 2
