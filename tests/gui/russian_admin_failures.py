"""A stand-in for the shipped Russian translation of the admin screens' failure sentences (the .ts
files are translated separately): installed over the real one, it shows that a text goes through
Qt translation."""
from __future__ import annotations

from PySide6.QtCore import QTranslator


# A printer that did not print, as the admin reads it (app/devices/printer_failure_texts.py).
PRINTER_FAILURES = {
    "The printer is out of paper: load a new roll.": "В принтере нет бумаги: вставьте новый рулон.",
    "The printer's cover is open: close it until it clicks.": "Крышка принтера открыта: закройте её до щелчка.",
    "The printer reports an error (cutter jam or overheated head): switch it off, clear the paper and let it"
    " cool down, then switch it on again.":
        "Принтер сообщает об ошибке (застрял нож или перегрелась головка): выключите его, уберите бумагу,"
        " дайте остыть и включите снова.",
    "The printer reports that it is offline: check its paper and cover, or switch it off and on.":
        "Принтер сообщает, что он не в сети: проверьте бумагу и крышку или выключите и включите его.",
    "The printer %1 cannot be opened: check that it is on and plugged in, and that the address is right.":
        "Не удаётся открыть принтер %1: проверьте, что он включён и подключён и что адрес верный.",
    "The printer %1 is not taking data: check that it is on and not busy, then print again.":
        "Принтер %1 не принимает данные: проверьте, что он включён и не занят, и напечатайте снова.",
    "The printer %1 stopped taking data: check that it is on and has paper, then print again.":
        "Принтер %1 перестал принимать данные: проверьте, что он включён и в нём есть бумага, и напечатайте снова.",
    "The printer %1 did not take the whole page: check its paper, cover and power, then print again.":
        "Принтер %1 принял не всю страницу: проверьте бумагу, крышку и питание и напечатайте снова.",
    "Printing to %1 failed: check that the printer is on and connected, then print again. The details are in"
    " the till's log.":
        "Печать на %1 не удалась: проверьте, что принтер включён и подключён, и напечатайте снова. Подробности"
        " в журнале кассы.",
    "The printer %1 is off or unplugged: switch it on and check its cable.":
        "Принтер %1 выключен или отключён: включите его и проверьте кабель.",
    "The till's user may not write to %1: ask support to add it to the printer's group.":
        "Пользователю кассы нельзя писать в %1: попросите поддержку добавить его в группу принтера.",
    "The printer %1 is used by another program: close that program, then print again.":
        "Принтер %1 занят другой программой: закройте её и напечатайте снова.",
    "The printer %1 reports a fault: switch it off and on, then print again. The details are in the till's log.":
        "Принтер %1 сообщает о неисправности: выключите и включите его и напечатайте снова. Подробности в"
        " журнале кассы.",
    "This kind of printer needs software that is not installed on this computer: ask support (the till's log"
    " names it).":
        "Для этого принтера нужна программа, которой нет на этом компьютере: обратитесь в поддержку (она"
        " названа в журнале кассы).",
    "%1 printers cannot be used on this computer: choose a printer of another kind.":
        "Принтеры %1 нельзя использовать на этом компьютере: выберите принтер другого вида.",
    "The till cannot see the USB devices: ask support; the details are in the till's log.":
        "Касса не видит USB-устройства: обратитесь в поддержку; подробности в журнале кассы.",
    "The printer %1 is not connected or is off: check its USB cable and switch it on.":
        "Принтер %1 не подключён или выключен: проверьте кабель USB и включите его.",
    "The printer %1 cannot be used: unplug it and plug it in again; if that does not help, ask support (the"
    " details are in the till's log).":
        "Принтер %1 нельзя использовать: отключите и снова подключите его; если не поможет, обратитесь в"
        " поддержку (подробности в журнале кассы).",
    "The printer does not answer at %1: check its power and network cable, and the address.":
        "Принтер не отвечает по адресу %1: проверьте питание и сетевой кабель, а также адрес.",
    "The printing program %1 cannot be run: ask support to check CUPS on this computer.":
        "Не удаётся запустить программу печати %1: попросите поддержку проверить CUPS на этом компьютере.",
    "CUPS did not take the page for the queue “%1” in time: try again, or restart the computer.":
        "CUPS не принял вовремя страницу для очереди «%1»: попробуйте снова или перезапустите компьютер.",
    "CUPS refused the page for the queue “%1”: check the queue in the printer settings. The details are in the"
    " till's log.":
        "CUPS не принял страницу для очереди «%1»: проверьте очередь в настройках принтеров. Подробности в"
        " журнале кассы.",
    "CUPS has no queue “%1”: choose a found printer, or correct the queue's name.":
        "В CUPS нет очереди «%1»: выберите найденный принтер или исправьте имя очереди.",
    "The CUPS queue “%1” is disabled: enable it in the printer settings.":
        "Очередь CUPS «%1» отключена: включите её в настройках принтеров.",
    "Windows has no printer named “%1”: choose a found printer, or correct the name.":
        "В Windows нет принтера с именем «%1»: выберите найденный принтер или исправьте имя.",
    "Windows refused the page for “%1”: check the printer in the Windows settings. The details are in the"
    " till's log.":
        "Windows не приняла страницу для «%1»: проверьте принтер в настройках Windows. Подробности в журнале"
        " кассы.",
    "The name “%1” could not be looked up in time: check the network, or use the printer's IP address.":
        "Имя «%1» не удалось найти вовремя: проверьте сеть или укажите IP-адрес принтера.",
    "The printer at %1 refuses the connection: check that it is switched on and that the port is right"
    " (usually 9100).":
        "Принтер по адресу %1 не принимает соединение: проверьте, что он включён и порт указан верно (обычно"
        " 9100).",
    "The network does not know the printer “%1”: correct the name, or use the printer's IP address.":
        "В сети нет принтера «%1»: исправьте имя или укажите IP-адрес принтера.",
    "The printer at %1 cannot be reached: check its power and network cable, and the address.":
        "Принтер по адресу %1 недоступен: проверьте питание и сетевой кабель, а также адрес.",
    "The printer at %1 did not answer the status request: check that it is on. If it never answers, add"
    " status=none to its address.":
        "Принтер по адресу %1 не ответил на запрос состояния: проверьте, что он включён. Если он никогда не"
        " отвечает, добавьте к адресу status=none.",
    "The device at %1 did not answer as a receipt printer: check that the address is the printer's.":
        "Устройство по адресу %1 отвечает не как принтер чеков: проверьте, что это адрес принтера.",
    "The printer at %1 broke the connection before taking the page: check its power, paper and network"
    " cable, then print again.":
        "Принтер по адресу %1 разорвал соединение, не приняв страницу: проверьте питание, бумагу и сетевой"
        " кабель и напечатайте снова.",
    "The printer at %1 closed the connection before taking the page: check that it is on and not printing"
    " for another computer, then print again.":
        "Принтер по адресу %1 закрыл соединение, не приняв страницу: проверьте, что он включён и не печатает"
        " для другого компьютера, и напечатайте снова.",
    "The printer is still busy with another job: wait a moment, then print again.":
        "Принтер ещё занят другим заданием: подождите немного и напечатайте снова.",
    "Nothing has been printed yet, so there is nothing to reprint.":
        "Ещё ничего не напечатано, поэтому повторять нечего.",
    "%1 It happened at the end of the page: it may be cut short.":
        "%1 Это произошло в конце страницы: она может быть обрезана.",
}


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
        **PRINTER_FAILURES,
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, ANN201 (Qt override)
        return self.WORDS.get(source) if context == "Admin" else None  # None: not ours, ask the next

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return False

