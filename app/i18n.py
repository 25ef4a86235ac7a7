"""The user interface language: loads the till's translation (.qm) and Qt's own, if shipped."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

import resources
from app import translation

LANGUAGES = ("ru", "be", "en")
DEFAULT_LANGUAGE = "ru"
CATALOG = "till_loyalty"
I18N_DIR = Path(resources.__file__).resolve().parent / "i18n"

# Installed translators must stay referenced, or Python would collect them.
_installed: list[QTranslator] = []
# The default locale before a language was chosen, to go back to with the English source.
_locale_before: list[QLocale] = []


def translation_file(language: str) -> Path:
    """Path of the compiled translation of the till for *language* (ru, be or en)."""
    return I18N_DIR / f"{CATALOG}_{language}.qm"


def install_translator(app: QApplication, language: str = DEFAULT_LANGUAGE) -> None:
    """Switch the user interface to *language* ("ru", "be" or "en"), replacing any previous one.

    Open widgets re-translate themselves on the LanguageChange event this causes, before this
    function returns. The language's QLocale becomes the default, so numbers are written (and
    spin boxes read) with its decimal mark in widgets made from then on.
    Raises ValueError for an unknown language and FileNotFoundError if its .qm is missing.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")
    path = translation_file(language)
    translator = QTranslator()
    if not translator.load(str(path)):
        raise FileNotFoundError(f"translation not found or unreadable: {path}")
    remove_translator(app)
    translation.use(QCoreApplication.translate)  # the Qt-free checkout's texts too
    qt_translator = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != "en" and qt_translator.load(QLocale(language), "qtbase", "_", qt_dir):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    app.installTranslator(translator)
    _installed.append(translator)
    if not _locale_before:
        _locale_before.append(QLocale())
    QLocale.setDefault(QLocale(language))
    _deliver_language_change()


def remove_translator(app: QApplication) -> None:
    """Remove the translators installed by `install_translator` (back to the English source)."""
    if not _installed:
        return
    while _installed:
        translator = _installed.pop()
        app.removeTranslator(translator)
        translator.deleteLater()
    if _locale_before:
        QLocale.setDefault(_locale_before.pop())
    _deliver_language_change()


def _deliver_language_change() -> None:
    """Qt posts LanguageChange to the windows; deliver it now so the switch is immediate."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
