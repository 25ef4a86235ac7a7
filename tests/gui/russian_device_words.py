"""A stand-in for the shipped Russian translation of a few device sentences (the .ts files are
translated separately): installed, it shows that a text goes through Qt translation."""
from __future__ import annotations

from PySide6.QtCore import QTranslator


class Russian(QTranslator):
    """A few device sentences in Russian, as a shipped translation would give them."""

    WORDS = {
        "The port “%1” must be a number from 1 to 65535.": "Порт «%1» должен быть числом от 1 до 65535.",
        "The receipt printer cannot be used: %1 Ask the admin (Admin > Devices).":
            "Принтер чеков не работает: %1 Обратитесь к администратору (Администрирование > Устройства).",
        "CUPS queue %1": "Очередь CUPS %1",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, ANN201 (Qt override)
        return self.WORDS.get(source, "") if context == "Devices" else ""

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return False
