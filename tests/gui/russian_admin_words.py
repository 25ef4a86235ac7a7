"""A stand-in for the shipped Russian translation of Admin > Service's newer sentences (the .ts
files are translated separately): installed over the real one, it shows that a text goes through
Qt translation."""
from __future__ import annotations

from PySide6.QtCore import QTranslator


class RussianAdmin(QTranslator):
    """Admin > Service's newer sentences in Russian, as a shipped translation would give them."""

    WORDS = {
        "no connection could be made": "не удалось установить соединение",
        "no usable answer came": "не пришёл пригодный ответ",
        "it is neither an http:// or https:// address with a host nor retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE":
            "это не адрес http:// или https:// с именем сервера и не retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE",
        "its port is not a number from 1 to 65535": "порт не является числом от 1 до 65535",
        "a RetailCRM address is retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE":
            "адрес RetailCRM имеет вид retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE",
        "RetailCRM without https is only for a test server on this computer: use retailcrm+https://":
            "RetailCRM без https только для тестового сервера на этом компьютере: используйте retailcrm+https://",
        "it names no site: add ?site=CODE": "в нём не указан магазин: добавьте ?site=CODE",
        "the API key does not belong in the address: type it in the key field":
            "API-ключ не указывают в адресе: введите его в поле ключа",
        "it is not a loyalty service's address": "это не адрес сервиса лояльности",
        "The API key is empty.": "API-ключ пустой.",
        "An API key has no spaces or control characters. Check the key typed.":
            "В API-ключе нет пробелов и управляющих символов. Проверьте введённый ключ.",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, ANN201 (Qt override)
        return self.WORDS.get(source) if context == "Admin" else None  # None: not ours, ask the next

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return False
