"""set_enum_property: enumerations given by name take effect, and a wrong name is refused."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from widgets.enum_properties import set_enum_property


def test_names_set_the_enumeration_and_flags_they_name(qtbot) -> None:
    label = QLabel("1 234,50")
    qtbot.addWidget(label)
    set_enum_property(label, "alignment", "AlignRight|AlignVCenter")
    set_enum_property(label, "textFormat", "PlainText")
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert label.textFormat() == Qt.TextFormat.PlainText


@pytest.mark.parametrize(
    ("name", "value"),
    [("focusPolicy", "NoSuchFocus"), ("focusPolicie", "NoFocus"), ("alignment", "AlignRight|Sideways")],
)
def test_a_name_qt_does_not_know_is_refused(qtbot, name, value) -> None:
    button = QPushButton()
    qtbot.addWidget(button)
    before = button.focusPolicy()
    with pytest.raises(ValueError, match=name):
        set_enum_property(button, name, value)
    assert button.focusPolicy() == before
