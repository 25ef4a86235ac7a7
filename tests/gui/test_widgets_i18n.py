"""Translations: ru and be complete and compiled; installing one translates the widgets."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QPushButton

from app.i18n import I18N_DIR, install_translator, remove_translator, translation_file
from widgets.checkout.identify_panel import IdentifyPanel
from widgets.main_window import TillWindow

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\d|%n")


def _messages(language: str) -> list[tuple[str, str, ET.Element]]:
    tree = ET.parse(I18N_DIR / f"till_loyalty_{language}.ts")
    return [
        (context.findtext("name"), message.findtext("source"), message.find("translation"))
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    ]


def _texts(translation: ET.Element) -> list[str]:
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


@pytest.mark.parametrize("language", ["ru", "be"])
def test_translation_is_complete(language) -> None:
    messages = _messages(language)
    assert messages
    for context, source, translation in messages:
        where = f"{language}: {context}: {source!r}"
        assert translation is not None, where
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), where
        for text in _texts(translation):
            assert text.strip(), where
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), where


def test_belarusian_is_belarusian() -> None:
    texts = " ".join(t for _, _, tr in _messages("be") for t in _texts(tr))
    assert "і" in texts and "ў" in texts
    assert "и" not in texts.replace("QR", "")  # no Russian "и" left behind


@pytest.mark.parametrize("language", ["ru", "be", "en"])
def test_compiled_translation_matches_its_source(language) -> None:
    translator = QTranslator()
    assert translator.load(str(translation_file(language)))
    for context, source, translation in _messages(language):
        if translation.findall("numerusform"):
            continue
        assert translator.translate(context, source) == (translation.text or ""), (context, source)


def test_every_widget_string_is_in_the_translations(tmp_path) -> None:
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed next to this Python")
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [lupdate, "-silent", "-extensions", "py", "widgets", "-ts", str(fresh)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    wanted = {
        (context.findtext("name"), message.findtext("source"))
        for context in ET.parse(fresh).getroot().iter("context")
        for message in context.iter("message")
    }
    shipped = {(context, source) for context, source, _ in _messages("ru")}
    assert wanted and wanted <= shipped, sorted(wanted - shipped)


def test_installing_russian_translates_open_and_new_widgets(qtbot, qapp) -> None:
    panel = IdentifyPanel()
    qtbot.addWidget(panel)
    find = panel.findChild(QPushButton, "FindButton")
    assert find.text() == "Find"
    install_translator(qapp, "ru")
    assert find.text() == "Найти"  # re-translated on the LanguageChange event
    fresh = IdentifyPanel()
    qtbot.addWidget(fresh)
    assert fresh.findChild(QPushButton, "FindButton").text() == "Найти"
    install_translator(qapp, "be")
    assert find.text() == "Знайсці"
    remove_translator(qapp)
    assert find.text() == "Find"


def test_default_language_is_russian(qtbot, qapp) -> None:
    install_translator(qapp)
    window = TillWindow()
    qtbot.addWidget(window)
    assert window.windowTitle() == "Лояльность на кассе"


def test_unknown_language_is_refused(qapp) -> None:
    with pytest.raises(ValueError):
        install_translator(qapp, "de")
