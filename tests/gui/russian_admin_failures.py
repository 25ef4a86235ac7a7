"""A stand-in for the shipped Russian translation of the admin screens' failure sentences (the .ts
files are translated separately): installed over the real one, it shows that a text goes through
Qt translation."""
from __future__ import annotations

from PySide6.QtCore import QTranslator


class RussianFailures(QTranslator):
    """The admin's failure sentences in Russian, as a shipped translation would give them."""

    WORDS = {
        "The till could not find out whether an API key is stored.":
            "Не удалось узнать, сохранён ли API-ключ.",
        "The connection could not be checked.": "Не удалось проверить соединение.",
        "The API key was not stored.": "API-ключ не сохранён.",
        "The API key was not removed.": "API-ключ не удалён.",
        "The settings were not saved.": "Настройки не сохранены.",
        "The token cannot be read.": "Не удаётся прочитать токен.",
        "The admin screens cannot be opened.": "Не удаётся открыть администрирование.",
        "This could not be done in the queue.": "Это не удалось сделать в очереди.",
        "This computer's key store (keyring) did not answer or is locked. Unlock it or restart the till,"
        " then try again; if it keeps failing, ask support to check the key store.":
            "Хранилище ключей этого компьютера не ответило или заблокировано. Разблокируйте его или"
            " перезапустите кассу и попробуйте снова; если не поможет, обратитесь в поддержку.",
        "Something unexpected went wrong; the details are in the till's log. Try again, and ask support"
        " if it happens again.":
            "Произошла непредвиденная ошибка; подробности в журнале кассы. Попробуйте снова, а если"
            " повторится, обратитесь в поддержку.",
        "The till's user cannot write into the secrets folder %1: the folder must belong to it.":
            "Пользователь кассы не может записывать в папку секретов %1: папка должна принадлежать ему.",
        "The secrets folder %1 is inside the database's folder, so a copy of the data would carry the keys."
        " Name another folder in the settings ([secrets] folder).":
            "Папка секретов %1 находится внутри папки базы данных, и копия данных унесла бы ключи."
            " Укажите другую папку в настройках ([secrets] folder).",
        "The secrets folder %1 belongs to another user: it must belong to the till's user or to root.":
            "Папка секретов %1 принадлежит другому пользователю: она должна принадлежать пользователю"
            " кассы или root.",
        "Other users may write into the secrets folder %1: ask support to run chmod go-w on it.":
            "Другие пользователи могут записывать в папку секретов %1: попросите поддержку выполнить"
            " для неё chmod go-w.",
        "An older copy of the till's secrets, %1, differs from the one in the secrets folder."
        " Ask support which one this database uses.":
            "Старая копия секретов кассы %1 отличается от той, что в папке секретов. Уточните в"
            " поддержке, какая из них используется этой базой.",
        "The secret %1 is not a regular file: ask support to remove it.":
            "Секрет %1 не является обычным файлом: попросите поддержку удалить его.",
        "The secret file %1 belongs to another user, so the till refuses it: it must belong to the till's user.":
            "Файл секрета %1 принадлежит другому пользователю, и касса его не использует: он должен"
            " принадлежать пользователю кассы.",
        "Other users may read the secret file %1, so the till refuses it: ask support to run chmod 600 on it.":
            "Файл секрета %1 могут читать другие пользователи, и касса его не использует: попросите"
            " поддержку выполнить для него chmod 600.",
        "the till's user has no right to it. Give the till's user access to that folder.":
            "у пользователя кассы нет на это прав. Дайте пользователю кассы доступ к этой папке.",
        "the disk is full. Free some space and try again.": "диск заполнен. Освободите место и попробуйте снова.",
        "the till's user has used up its disk quota. Free some space and try again.":
            "пользователь кассы исчерпал дисковую квоту. Освободите место и попробуйте снова.",
        "the disk is mounted read-only. Ask support to make it writable.":
            "диск подключён только для чтения. Попросите поддержку разрешить запись.",
        "its folder does not exist. Check the path in the settings.":
            "его папки не существует. Проверьте путь в настройках.",
        "it is a folder. Name a file in the settings, or remove the folder.":
            "это папка. Укажите в настройках файл или удалите папку.",
        "a file stands where a folder of its path should be. Remove or rename that file.":
            "на месте папки из его пути находится файл. Удалите или переименуйте этот файл.",
        "the system refused it (%1). Ask support; the details are in the till's log.":
            "система отказала (%1). Обратитесь в поддержку; подробности в журнале кассы.",
        "A file could not be used: %1": "Не удалось использовать файл: %1",
        "The file %1 could not be read: %2": "Не удалось прочитать файл %1: %2",
        "The file %1 could not be written: %2": "Не удалось записать файл %1: %2",
        "This row changed meanwhile (it was sent again or set aside): the list is now up to date.":
            "Эта строка тем временем изменилась (её отправили снова или отложили): список обновлён.",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, ANN201 (Qt override)
        return self.WORDS.get(source) if context == "Admin" else None  # None: not ours, ask the next

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return False
