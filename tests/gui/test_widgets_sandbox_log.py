"""SandboxLog: a read-only log with the last one-time code made easy to read."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from widgets.demo.sandbox_log import SandboxLog
from widgets.style import load_stylesheet


def test_lines_and_the_last_code(qtbot) -> None:
    log = SandboxLog()
    qtbot.addWidget(log)
    log.setStyleSheet(load_stylesheet())
    assert log.last_code() == ""
    assert log.findChild(QLabel, "SandboxCodeRecipient").text() == "No code sent yet"
    log.append_line("IdentifyCustomer → c-1001")
    log.show_code("4821", "+375 29 ***-**-67")
    assert log.last_code() == "4821"
    code = log.findChild(QLabel, "SandboxCode")
    assert code.text() == "4821" and code.isVisibleTo(log)
    assert log.findChild(QLabel, "SandboxCodeRecipient").text() == "sent to +375 29 ***-**-67"
    assert log.lines() == ["IdentifyCustomer → c-1001", "Code 4821 sent to +375 29 ***-**-67"]
    log.ensurePolished()
    sizes = [label.font().pointSizeF() for label in log.findChildren(QLabel)]
    assert code.font().pointSizeF() == max(sizes) >= 28
    assert log.findChild(QPlainTextEdit, "SandboxLines").isReadOnly()
