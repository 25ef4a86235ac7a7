"""Every translation call in app/ and widgets/ passes its text as a literal: pyside6-lupdate
collects only literals, so a helper that forwards a variable (`def _tr(text): return
translate("Admin", text)`) leaves its sentences out of the .ts files and untranslated. A module
that marks its sentences with QT_TRANSLATE_NOOP where it lists them may translate them by variable."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The one place that forwards on purpose: the Qt-free indirection every module calls through.
FORWARDERS = {ROOT / "app" / "translation.py"}


def _text_argument(call: ast.Call) -> ast.expr | None:
    """The argument holding the text: the second of translate(context, text), the first of tr(text)."""
    function = call.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
    if name == "translate" and len(call.args) >= 2:
        return call.args[1]
    if name == "tr" and isinstance(function, ast.Attribute) and call.args:
        return call.args[0]
    return None


def _forwarded_texts() -> list[str]:
    found = []
    for path in sorted([*(ROOT / "app").rglob("*.py"), *(ROOT / "widgets").rglob("*.py")]):
        if path in FORWARDERS:
            continue
        source = path.read_text(encoding="utf-8")
        if "QT_TRANSLATE_NOOP(" in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call):
                text = _text_argument(node)
                if text is not None and not (isinstance(text, ast.Constant) and isinstance(text.value, str)):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_translated_text_is_a_literal_lupdate_can_collect() -> None:
    assert _forwarded_texts() == []
