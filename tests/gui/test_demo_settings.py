"""The demo till saves its device choices to a settings file of its own, never the real till's."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from app.settings import DEMO_SETTINGS_NAME, default_config_path, load_settings
from app.till import TillApplication
from tests.gui.till_window import close_at_test_end

PRINTER = "tcp://127.0.0.1:9100?width=58"


@pytest.fixture
def home(tmp_path: Path, monkeypatch) -> Path:
    """HOME and the config folder inside the test's folder: the real till's settings file is there."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    assert default_config_path().is_relative_to(tmp_path)
    return tmp_path / "home"


def _save_printer(qtbot, till: TillApplication) -> None:
    till.device_setup.open()
    dialog = till.device_setup.dialog
    assert dialog is not None
    dialog.findChild(QLineEdit, "PrinterUriInput").setText(PRINTER)
    qtbot.mouseClick(dialog.findChild(QPushButton, "SaveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: till.device_setup.dialog is None)


def _start(qtbot, settings, database: Path, *, demo: bool) -> TillApplication:
    till = TillApplication(settings.replace(devices_scanner=""), demo=demo, database_path=database)
    close_at_test_end(qtbot, till)
    return till


def test_the_demo_saves_devices_to_its_own_file(qtbot, home: Path, tmp_path: Path) -> None:
    real = load_settings()  # as `till-loyalty demo` reads it: the real till's file, written if missing
    before = default_config_path().read_bytes()
    workdir = tmp_path / "till-demo"
    till = _start(qtbot, real, workdir / "till.sqlite", demo=True)
    try:
        _save_printer(qtbot, till)
    finally:
        till.shutdown()
    assert default_config_path().read_bytes() == before, "the real till's settings file was rewritten"
    assert till.settings.get("devices", "printer").startswith("tcp://127.0.0.1")
    demo_file = workdir / DEMO_SETTINGS_NAME
    assert load_settings(demo_file, create=False).get("devices", "printer") == till.settings.get("devices", "printer")


def test_the_demo_started_with_a_config_file_saves_to_that_file(qtbot, home: Path, tmp_path: Path) -> None:
    config = tmp_path / "chosen.ini"
    till = _start(qtbot, load_settings(config), tmp_path / "till-demo" / "till.sqlite", demo=True)
    try:
        _save_printer(qtbot, till)
    finally:
        till.shutdown()
    assert load_settings(config, create=False).get("devices", "printer").startswith("tcp://127.0.0.1")
    assert not default_config_path().exists()


def test_the_real_till_saves_devices_to_its_settings_file(qtbot, home: Path, tmp_path: Path) -> None:
    till = _start(qtbot, load_settings(), tmp_path / "till.sqlite", demo=False)
    try:
        _save_printer(qtbot, till)
    finally:
        till.shutdown()
    assert load_settings(create=False).get("devices", "printer").startswith("tcp://127.0.0.1")


def test_a_settings_file_that_cannot_be_written_is_said_and_the_dialog_stays(qtbot, home: Path, tmp_path: Path) -> None:
    config = tmp_path / "chosen.ini"
    settings = load_settings(config)
    config.unlink()
    config.mkdir()  # a folder where the file should be: writing it fails
    till = _start(qtbot, settings, tmp_path / "till.sqlite", demo=False)
    try:
        till.device_setup.open()
        dialog = till.device_setup.dialog
        dialog.findChild(QLineEdit, "PrinterUriInput").setText(PRINTER)
        qtbot.mouseClick(dialog.findChild(QPushButton, "SaveButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.save_error() != "")
        text = dialog.save_error()
        assert text.startswith("The settings were not saved.") and f"The file {config} could not be written" in text
        assert "it is a folder" in text and "Errno" not in text, "the OS's reason in words, not its message"
        assert till.device_setup.dialog is dialog and dialog.isVisible()
        assert till.settings.get("devices", "printer") != PRINTER  # nothing taken that was not saved
    finally:
        till.shutdown()
