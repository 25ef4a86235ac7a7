"""The seam through which the Qt-free parts of `app/` (the checkout) have their texts translated.

The checkout runs without Qt (the `load` command, a host POS in Python), so it cannot call
`QCoreApplication.translate` itself. It calls `translate(context, text)` here, which gives the
English source text until the Qt side of the till hands in Qt's translator with `use()`. The
source strings are found by `pyside6-lupdate` all the same (it reads `translate("Context", "...")`).
"""
from __future__ import annotations

from typing import Callable

Translator = Callable[[str, str], str]


def _untranslated(context: str, text: str) -> str:
    return text


_translator: Translator = _untranslated


def use(translator: Translator) -> None:
    """Translate from now on with `translator(context, text)` (Qt's `QCoreApplication.translate`)."""
    global _translator
    _translator = translator


def translate(context: str, text: str) -> str:
    """`text` in the till's language, or as written when no translator was handed in."""
    return _translator(context, text)
