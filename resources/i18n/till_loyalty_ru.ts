<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>Admin</name>
    <message>
        <location filename="../../app/admin/controller.py" line="+30"/>
        <source>The PIN must be digits only.</source>
        <translation>PIN-код должен состоять только из цифр.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The PIN must have 6 to 12 digits.</source>
        <translation>PIN-код должен содержать от 6 до 12 цифр.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PIN is already set on this till.</source>
        <translation>На этой кассе PIN-код уже задан.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong PIN.</source>
        <translation>Неверный PIN-код.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Too many wrong attempts. Wait and try again.</source>
        <translation>Слишком много неверных попыток. Подождите и попробуйте снова.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The PIN was changed meanwhile. Try again.</source>
        <translation>PIN-код тем временем был изменён. Попробуйте снова.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The stored PIN is damaged. Ask support to reset it.</source>
        <translation>Сохранённый PIN-код повреждён. Обратитесь в поддержку для сброса.</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>No admin PIN is set on this till.</source>
        <translation>На этой кассе не задан PIN-код администратора.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Admin PIN</source>
        <translation>PIN-код администратора</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Current PIN</source>
        <translation>Текущий PIN-код</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Queued to be sent again.</source>
        <translation>Поставлено на повторную отправку.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Set aside. It stays in the journal with your reason.</source>
        <translation>Отложено. Запись остаётся в журнале с указанной причиной.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This row changed meanwhile (it was sent again or set aside): the list is now up to date.</source>
        <translation>Эта строка тем временем изменилась (её отправили снова или отложили): список обновлён.</translation>
    </message>
    <message>
        <location filename="../../app/admin/service_texts.py" line="+18"/>
        <source>RetailCRM: retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE and the API key made for the till. The till&apos;s own SOAP service: http://host:port/. A new address or key is used as soon as it is saved; switching between RetailCRM and the SOAP service takes a restart of the till.</source>
        <translation>RetailCRM: retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE и API-ключ, созданный для кассы. Собственный SOAP-сервис кассы: http://host:port/. Новый адрес или ключ действует сразу после сохранения; переход между RetailCRM и SOAP-сервисом требует перезапуска кассы.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saved. The till uses the new address and key now, without a restart.</source>
        <translation>Сохранено. Касса уже использует новый адрес и ключ, без перезапуска.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved. This address is another kind of loyalty service than the one the till started with: restart the till to use it.</source>
        <translation>Сохранено. Этот адрес — сервис лояльности другого вида, чем тот, с которым запущена касса: перезапустите кассу, чтобы его использовать.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Spending points is confirmed by an SMS code.</source>
        <translation>Списание бонусов подтверждается кодом из SMS.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spending points needs no SMS code.</source>
        <translation>Для списания бонусов код из SMS не нужен.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected. Program: %1. Levels: %2.</source>
        <translation>Подключено. Программа: %1. Уровни: %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no connection could be made</source>
        <translation>не удалось установить соединение</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no usable answer came</source>
        <translation>не пришёл пригодный ответ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service cannot be reached (%1). Check the address and the network.</source>
        <translation>Сервис недоступен (%1). Проверьте адрес и сеть.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No API key: type the key made for the till in RetailCRM.</source>
        <translation>Нет API-ключа: введите ключ, созданный для кассы в RetailCRM.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service refused the API key. Check the key.</source>
        <translation>Сервис не принял API-ключ. Проверьте ключ.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no RetailCRM account at this address. Check the account name.</source>
        <translation>По этому адресу нет аккаунта RetailCRM. Проверьте имя аккаунта.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>RetailCRM has no site “%1”. Check ?site= in the address.</source>
        <translation>В RetailCRM нет магазина «%1». Проверьте ?site= в адресе.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No active loyalty program for site “%1”. Activate one in RetailCRM.</source>
        <translation>Для магазина «%1» нет активной программы лояльности. Включите её в RetailCRM.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service refused the check: %1</source>
        <translation>Сервис отклонил проверку: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>it is neither an http:// or https:// address with a host nor retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE</source>
        <translation>это не адрес http:// или https:// с именем сервера и не retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its port is not a number from 1 to 65535</source>
        <translation>порт не является числом от 1 до 65535</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a RetailCRM address is retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE</source>
        <translation>адрес RetailCRM имеет вид retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>RetailCRM without https is only for a test server on this computer: use retailcrm+https://</source>
        <translation>RetailCRM без https только для тестового сервера на этом компьютере: используйте retailcrm+https://</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it names no site: add ?site=CODE</source>
        <translation>в нём не указан магазин: добавьте ?site=CODE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the API key does not belong in the address: type it in the key field</source>
        <translation>API-ключ не указывают в адресе: введите его в поле ключа</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it is not a loyalty service&apos;s address</source>
        <translation>это не адрес сервиса лояльности</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address cannot be used: %1</source>
        <translation>Этот адрес использовать нельзя: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The API key is empty.</source>
        <translation>API-ключ пустой.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An API key has no spaces or control characters. Check the key typed.</source>
        <translation>В API-ключе нет пробелов и управляющих символов. Проверьте введённый ключ.</translation>
    </message>
    <message>
        <location filename="../../app/admin/failure_texts.py" line="+70"/>
        <source>The till could not find out whether an API key is stored.</source>
        <translation>Касса не смогла узнать, сохранён ли API-ключ.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connection could not be checked.</source>
        <translation>Не удалось проверить соединение.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The API key was not stored.</source>
        <translation>API-ключ не сохранён.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The API key was not removed.</source>
        <translation>API-ключ не удалён.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The settings were not saved.</source>
        <translation>Настройки не сохранены.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token cannot be read.</source>
        <translation>Не удаётся прочитать токен.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The admin screens cannot be opened.</source>
        <translation>Не удаётся открыть администрирование.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This could not be done in the queue.</source>
        <translation>Это не удалось сделать в очереди.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This computer&apos;s key store (keyring) did not answer or is locked. Unlock it or restart the till, then try again; if it keeps failing, ask support to check the key store.</source>
        <translation>Хранилище ключей этого компьютера (keyring) не ответило или заблокировано. Разблокируйте его или перезапустите кассу и попробуйте снова; если не поможет, попросите поддержку проверить хранилище ключей.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Something unexpected went wrong; the details are in the till&apos;s log. Try again, and ask support if it happens again.</source>
        <translation>Произошла непредвиденная ошибка; подробности в журнале кассы. Попробуйте снова, а если повторится, обратитесь в поддержку.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The till&apos;s user cannot write into the secrets folder %1: the folder must belong to it.</source>
        <translation>Пользователь кассы не может писать в папку секретов %1: папка должна принадлежать ему.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The secrets folder %1 is inside the database&apos;s folder, so a copy of the data would carry the keys. Name another folder in the settings ([secrets] folder).</source>
        <translation>Папка секретов %1 находится внутри папки базы данных, и копия данных унесла бы ключи. Укажите другую папку в настройках ([secrets] folder).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The secrets folder %1 belongs to another user: it must belong to the till&apos;s user or to root.</source>
        <translation>Папка секретов %1 принадлежит другому пользователю: она должна принадлежать пользователю кассы или root.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Other users may write into the secrets folder %1: ask support to run chmod go-w on it.</source>
        <translation>Другие пользователи могут писать в папку секретов %1: попросите поддержку выполнить для неё chmod go-w.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An older copy of the till&apos;s secrets, %1, differs from the one in the secrets folder. Ask support which one this database uses.</source>
        <translation>Старая копия секретов кассы, %1, отличается от той, что в папке секретов. Спросите поддержку, какую из них использует эта база данных.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The secret %1 is not a regular file: ask support to remove it.</source>
        <translation>Секрет %1 — не обычный файл: попросите поддержку удалить его.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The secret file %1 belongs to another user, so the till refuses it: it must belong to the till&apos;s user.</source>
        <translation>Файл секрета %1 принадлежит другому пользователю, поэтому касса его не принимает: он должен принадлежать пользователю кассы.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Other users may read the secret file %1, so the till refuses it: ask support to run chmod 600 on it.</source>
        <translation>Другие пользователи могут читать файл секрета %1, поэтому касса его не принимает: попросите поддержку выполнить для него chmod 600.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the till&apos;s user has no right to it. Give the till&apos;s user access to that folder.</source>
        <translation>у пользователя кассы нет на это прав. Дайте пользователю кассы доступ к этой папке.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the disk is full. Free some space and try again.</source>
        <translation>диск заполнен. Освободите место и попробуйте снова.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the till&apos;s user has used up its disk quota. Free some space and try again.</source>
        <translation>пользователь кассы исчерпал свою дисковую квоту. Освободите место и попробуйте снова.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the disk is mounted read-only. Ask support to make it writable.</source>
        <translation>диск подключён только для чтения. Попросите поддержку разрешить запись.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its folder does not exist. Check the path in the settings.</source>
        <translation>его папки не существует. Проверьте путь в настройках.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is a folder. Name a file in the settings, or remove the folder.</source>
        <translation>это папка. Укажите в настройках файл или удалите папку.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a file stands where a folder of its path should be. Remove or rename that file.</source>
        <translation>на месте папки из его пути стоит файл. Удалите или переименуйте этот файл.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the system refused it (%1). Ask support; the details are in the till&apos;s log.</source>
        <translation>система отказала (%1). Обратитесь в поддержку; подробности в журнале кассы.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A file could not be used: %1</source>
        <translation>Не удалось использовать файл: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file %1 could not be read: %2</source>
        <translation>Не удалось прочитать файл %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file %1 could not be written: %2</source>
        <translation>Не удалось записать файл %1: %2</translation>
    </message>
    <message>
        <location filename="../../app/devices/printer_failure_texts.py" line="+24"/>
        <source>The printer is out of paper: load a new roll.</source>
        <translation>В принтере нет бумаги: вставьте новый рулон.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The printer&apos;s cover is open: close it until it clicks.</source>
        <translation>Крышка принтера открыта: закройте её до щелчка.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The printer reports an error (cutter jam or overheated head): switch it off, clear the paper and let it cool down, then switch it on again.</source>
        <translation>Принтер сообщает об ошибке (заело резак или перегрелась головка): выключите его, уберите застрявшую бумагу, дайте ему остыть и включите снова.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer reports that it is offline: check its paper and cover, or switch it off and on.</source>
        <translation>Принтер сообщает, что он не в сети: проверьте бумагу и крышку или выключите и включите его.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 cannot be opened: check that it is on and plugged in, and that the address is right.</source>
        <translation>Не удаётся открыть принтер %1: проверьте, что он включён и подключён и что адрес указан верно.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 is not taking data: check that it is on and not busy, then print again.</source>
        <translation>Принтер %1 не принимает данные: проверьте, что он включён и не занят, и напечатайте снова.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 stopped taking data: check that it is on and has paper, then print again.</source>
        <translation>Принтер %1 перестал принимать данные: проверьте, что он включён и в нём есть бумага, и напечатайте снова.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 did not take the whole page: check its paper, cover and power, then print again.</source>
        <translation>Принтер %1 принял не всю страницу: проверьте бумагу, крышку и питание и напечатайте снова.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Printing to %1 failed: check that the printer is on and connected, then print again. The details are in the till&apos;s log.</source>
        <translation>Не удалось напечатать на %1: проверьте, что принтер включён и подключён, и напечатайте снова. Подробности — в журнале кассы.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer %1 is off or unplugged: switch it on and check its cable.</source>
        <translation>Принтер %1 выключен или не подключён: включите его и проверьте кабель.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The till&apos;s user may not write to %1: ask support to add it to the printer&apos;s group.</source>
        <translation>Пользователю кассы запрещена запись в %1: попросите поддержку добавить его в группу принтера.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 is used by another program: close that program, then print again.</source>
        <translation>Принтер %1 занят другой программой: закройте её и напечатайте снова.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 reports a fault: switch it off and on, then print again. The details are in the till&apos;s log.</source>
        <translation>Принтер %1 сообщает о неисправности: выключите и включите его и напечатайте снова. Подробности — в журнале кассы.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This kind of printer needs software that is not installed on this computer: ask support (the till&apos;s log names it).</source>
        <translation>Для принтера такого типа нужна программа, которая не установлена на этом компьютере: обратитесь в поддержку (её название — в журнале кассы).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 printers cannot be used on this computer: choose a printer of another kind.</source>
        <translation>Принтеры %1 нельзя использовать на этом компьютере: выберите принтер другого типа.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The till cannot see the USB devices: ask support; the details are in the till&apos;s log.</source>
        <translation>Касса не видит USB-устройства: обратитесь в поддержку; подробности — в журнале кассы.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 is not connected or is off: check its USB cable and switch it on.</source>
        <translation>Принтер %1 не подключён или выключен: проверьте USB-кабель и включите его.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 cannot be used: unplug it and plug it in again; if that does not help, ask support (the details are in the till&apos;s log).</source>
        <translation>Принтер %1 нельзя использовать: отключите и снова подключите его; если не поможет, обратитесь в поддержку (подробности — в журнале кассы).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer does not answer at %1: check its power and network cable, and the address.</source>
        <translation>Принтер не отвечает по адресу %1: проверьте питание, сетевой кабель и адрес.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printing program %1 cannot be run: ask support to check CUPS on this computer.</source>
        <translation>Не удаётся запустить программу печати %1: попросите поддержку проверить CUPS на этом компьютере.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CUPS did not take the page for the queue “%1” in time: try again, or restart the computer.</source>
        <translation>CUPS не принял страницу для очереди «%1» вовремя: попробуйте снова или перезагрузите компьютер.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CUPS refused the page for the queue “%1”: check the queue in the printer settings. The details are in the till&apos;s log.</source>
        <translation>CUPS отказался принять страницу для очереди «%1»: проверьте очередь в настройках принтера. Подробности — в журнале кассы.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CUPS has no queue “%1”: choose a found printer, or correct the queue&apos;s name.</source>
        <translation>В CUPS нет очереди «%1»: выберите найденный принтер или исправьте имя очереди.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The CUPS queue “%1” is disabled: enable it in the printer settings.</source>
        <translation>Очередь CUPS «%1» отключена: включите её в настройках принтера.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Windows has no printer named “%1”: choose a found printer, or correct the name.</source>
        <translation>В Windows нет принтера с именем «%1»: выберите найденный принтер или исправьте имя.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Windows refused the page for “%1”: check the printer in the Windows settings. The details are in the till&apos;s log.</source>
        <translation>Windows отказалась принять страницу для «%1»: проверьте принтер в параметрах Windows. Подробности — в журнале кассы.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The name “%1” could not be looked up in time: check the network, or use the printer&apos;s IP address.</source>
        <translation>Имя «%1» не удалось найти вовремя: проверьте сеть или укажите IP-адрес принтера.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer at %1 refuses the connection: check that it is switched on and that the port is right (usually 9100).</source>
        <translation>Принтер по адресу %1 отклоняет подключение: проверьте, что он включён и что порт указан верно (обычно 9100).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The network does not know the printer “%1”: correct the name, or use the printer&apos;s IP address.</source>
        <translation>Принтер «%1» в сети не найден: исправьте имя или укажите IP-адрес принтера.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer at %1 cannot be reached: check its power and network cable, and the address.</source>
        <translation>Принтер по адресу %1 недоступен: проверьте питание, сетевой кабель и адрес.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer at %1 did not answer the status request: check that it is on. If it never answers, add status=none to its address.</source>
        <translation>Принтер по адресу %1 не ответил на запрос состояния: проверьте, что он включён. Если он никогда не отвечает, добавьте к адресу status=none.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The device at %1 did not answer as a receipt printer: check that the address is the printer&apos;s.</source>
        <translation>Устройство по адресу %1 ответило не как чековый принтер: проверьте, что это адрес принтера.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer at %1 broke the connection before taking the page: check its power, paper and network cable, then print again.</source>
        <translation>Принтер по адресу %1 разорвал соединение, не приняв страницу: проверьте питание, бумагу и сетевой кабель и напечатайте снова.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer at %1 closed the connection before taking the page: check that it is on and not printing for another computer, then print again.</source>
        <translation>Принтер по адресу %1 закрыл соединение, не приняв страницу: проверьте, что он включён и не печатает для другого компьютера, и напечатайте снова.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer is still busy with another job: wait a moment, then print again.</source>
        <translation>Принтер ещё занят другим заданием: подождите немного и напечатайте снова.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing has been printed yet, so there is nothing to reprint.</source>
        <translation>Ещё ничего не напечатано, поэтому повторять нечего.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 It happened at the end of the page: it may be cut short.</source>
        <translation>%1 Это произошло в конце страницы: она может быть обрезана.</translation>
    </message>
    <message>
        <location filename="../../app/admin/offline_policy.py" line="+56"/>
        <source>This policy cannot be saved: choose one of the modes shown and a daily limit of zero or more.</source>
        <translation>Эту политику нельзя сохранить: выберите один из показанных режимов и дневной лимит не меньше нуля.</translation>
    </message>
</context>
<context>
    <name>Checkout</name>
    <message>
        <location filename="../../app/checkout/controller.py" line="+267"/>
        <location line="+9"/>
        <source>Unexpected error: %1. The receipt is kept; try again.</source>
        <translation>Непредвиденная ошибка: %1. Чек сохранён, повторите попытку.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/session.py" line="+669"/>
        <source>The receipt is empty.</source>
        <translation>Чек пуст.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The amount to spend changed; check it and close again.</source>
        <translation>Сумма списания изменилась: проверьте её и закройте чек снова.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Spending bonuses offline was not approved.</source>
        <translation>Списание бонусов без связи не подтверждено.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Waiting for the POS to report the payment.</source>
        <translation>Ждём от кассовой программы подтверждения оплаты.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Code entry cancelled: no bonuses will be spent on this receipt.</source>
        <translation>Ввод кода отменён: бонусы по этому чеку списаны не будут.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A new code was sent to %1. Use the code from the newest message.</source>
        <translation>Новый код отправлен на %1. Используйте код из последнего сообщения.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Receipt voided. Reserved bonuses released.</source>
        <translation>Чек аннулирован. Зарезервированные бонусы возвращены.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/host_receipts.py" line="+309"/>
        <location filename="../../app/checkout/session.py" line="+2"/>
        <source>Receipt voided.</source>
        <translation>Чек аннулирован.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/session.py" line="+69"/>
        <source>Spending %1 offline needs the admin PIN.</source>
        <translation>Для списания %1 без связи нужен PIN-код администратора.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>To pay: %1. Waiting for the POS to report the payment.</source>
        <translation>К оплате: %1. Ждём от кассовой программы подтверждения оплаты.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To pay: %1. Take payment, then press Payment received (F8).</source>
        <translation>К оплате: %1. Примите оплату и нажмите «Оплата получена» (F8).</translation>
    </message>
    <message>
        <location filename="../../app/checkout/host_receipts.py" line="+55"/>
        <location filename="../../app/checkout/session.py" line="+90"/>
        <source>Receipt closed. Fiscal document No. %1.</source>
        <translation>Чек закрыт. Фискальный документ № %1.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/offline_texts.py" line="+21"/>
        <source>Loyalty service unavailable. Bonuses will be credited when the connection is back; up to %1 may be spent now with the admin PIN.</source>
        <translation>Сервис лояльности недоступен. Бонусы начислятся, когда связь восстановится; списать сейчас можно до %1 с PIN-кодом администратора.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Offline: spending needs the admin PIN.</source>
        <translation>Нет связи: списание — с PIN администратора.</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Loyalty service unavailable. Bonuses will be credited when the connection is back; they cannot be spent now.</source>
        <translation>Сервис лояльности недоступен. Бонусы начислятся, когда связь восстановится; списать их сейчас нельзя.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Offline: spending by admin PIN; coupons not applied.</source>
        <translation>Нет связи: списание с PIN, купоны не применены.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Offline: no spending; coupons not applied.</source>
        <translation>Нет связи: без списания, купоны не применены.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline: no bonuses can be spent now.</source>
        <translation>Нет связи: бонусы сейчас не списать.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Loyalty service unavailable.</source>
        <translation>Сервис лояльности недоступен.</translation>
    </message>
    <message>
        <location filename="../../widgets/checkout/customer_card.py" line="+405"/>
        <source>Balance as of %1.</source>
        <translation>Баланс на %1.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/session.py" line="+100"/>
        <source>This customer has not been seen at this till before.</source>
        <translation>Этот покупатель ещё не обслуживался на этой кассе.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Card not activated: bonuses are earned but cannot be spent yet.</source>
        <translation>Карта не активирована: бонусы начисляются, но списать их пока нельзя.</translation>
    </message>
</context>
<context>
    <name>ClosePrompt</name>
    <message>
        <location filename="../../widgets/checkout/close_prompt.py" line="+13"/>
        <source>Transactions not sent yet</source>
        <translation>Транзакции ещё не отправлены</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 loyalty transactions have not reached the service yet. They are kept safely and will be sent when the till starts again. Close the till now?</source>
        <translation>Транзакций лояльности, ещё не дошедших до сервиса: %1. Они надёжно сохранены и будут отправлены при следующем запуске кассы. Закрыть кассу сейчас?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close anyway</source>
        <translation>Всё равно закрыть</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the till open</source>
        <translation>Не закрывать кассу</translation>
    </message>
</context>
<context>
    <name>ConfirmationPanel</name>
    <message numerus="yes">
        <location filename="../../widgets/checkout/confirmation_panel.py" line="+271"/>
        <source>Send again in %n s</source>
        <extracomment>Seconds before &quot;Send again&quot; may be pressed after a code was sent (SMS take a while to arrive).</extracomment>
        <translation>
            <numerusform>Отправить снова через %n с</numerusform>
            <numerusform>Отправить снова через %n с</numerusform>
            <numerusform>Отправить снова через %n с</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send again</source>
        <translation>Отправить снова</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Code sent to {phone}, valid {minutes} min</source>
        <translation>Код отправлен на {phone}, действует {minutes}&#xa0;мин</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmation code</source>
        <translation>Код подтверждения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm</source>
        <translation>Подтвердить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the customer a new code; then type the newest one</source>
        <translation>Отправить покупателю новый код; затем введите самый новый</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Register</source>
        <translation>Зарегистрировать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the registration (Esc)</source>
        <translation>Прекратить регистрацию (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel: the customer is not registered and nothing is saved.</source>
        <translation>Отмена: покупатель не зарегистрирован, ничего не сохранено.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop waiting for the code: no bonuses will be spent (Esc)</source>
        <translation>Не ждать код: бонусы списаны не будут (Esc)</translation>
    </message>
</context>
<context>
    <name>CouponList</name>
    <message>
        <location filename="../../widgets/checkout/coupon_list.py" line="+97"/>
        <location line="+70"/>
        <source>Remove coupon</source>
        <translation>Убрать купон</translation>
    </message>
    <message>
        <location line="-69"/>
        <location line="+70"/>
        <source>Take this coupon off the receipt</source>
        <translation>Убрать этот купон из чека</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Coupons</source>
        <translation>Купоны</translation>
    </message>
</context>
<context>
    <name>Coupons</name>
    <message>
        <location filename="../../app/checkout/coupon_texts.py" line="+16"/>
        <source>not checked: the loyalty service is unavailable</source>
        <translation>не проверен: программа лояльности недоступна</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+42"/>
        <source>+%1 bonuses</source>
        <translation>+%1 бонусов</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>applies</source>
        <translation>применён</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>valid on purchases from %1</source>
        <translation>действует с покупки от %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expired on %1</source>
        <translation>истёк %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no such coupon</source>
        <translation>такого купона нет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>already used</source>
        <translation>уже использован</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expired</source>
        <translation>истёк</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not valid yet</source>
        <translation>ещё не действует</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the purchase is below the coupon&apos;s minimum</source>
        <translation>сумма покупки меньше минимальной для купона</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only for its owner</source>
        <translation>только для владельца</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing on the receipt it applies to</source>
        <translation>в чеке нет товаров, к которым он применим</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>held by another receipt</source>
        <translation>занят другим чеком</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>does not apply</source>
        <translation>не применяется</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Coupon %1</source>
        <translation>Купон %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>−%1 %</source>
        <translation>−%1 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>×%1 bonuses</source>
        <translation>×%1 бонусов</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>from %1</source>
        <translation>от %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>until %1</source>
        <translation>до %1</translation>
    </message>
    <message>
        <location filename="../../app/checkout/offline_texts.py" line="-7"/>
        <source>Coupons cannot be checked offline: the coupon is not applied. Keep it for the next visit.</source>
        <translation>Без связи купоны проверить нельзя: купон не применён. Сохраните его до следующей покупки.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/session.py" line="-670"/>
        <source>This is not a coupon code: a coupon&apos;s code starts with 99.</source>
        <translation>Это не код купона: код купона начинается с 99.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This receipt is finished: scan the coupon on the next receipt.</source>
        <translation>Этот чек завершён: отсканируйте купон в следующем чеке.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This coupon is already on the receipt.</source>
        <translation>Этот купон уже в чеке.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No such coupon. Check the code.</source>
        <translation>Такого купона нет. Проверьте код.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This loyalty service does not take coupons: the coupon is not applied.</source>
        <translation>Эта программа лояльности не принимает купоны: купон не применён.</translation>
    </message>
</context>
<context>
    <name>CustomerCard</name>
    <message>
        <location filename="../../widgets/checkout/customer_card.py" line="-42"/>
        <source>Card {number}</source>
        <translation>Карта {number}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Card blocked: bonuses cannot be earned or spent</source>
        <translation>Карта заблокирована: бонусы не начисляются и не списываются</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Card not activated: bonuses cannot be spent yet</source>
        <translation>Карта не активирована: бонусы пока нельзя списать</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{percent} bonuses</source>
        <translation>начисление {percent}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{amount} expire on {date}</source>
        <translation>Сгорят {date}: {amount}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Balance as of {time} (saved data)</source>
        <translation>Баланс на {time} (сохранённые данные)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Highest tier</source>
        <translation>Высший уровень</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{amount} to {tier}</source>
        <translation>До «{tier}»: {amount}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No customer</source>
        <translation>Клиент не выбран</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the card or type the phone number (F2)</source>
        <translation>Отсканируйте карту или введите номер телефона (F2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset customer</source>
        <translation>Сбросить клиента</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove the customer from this receipt (Esc)</source>
        <translation>Убрать клиента из этого чека (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available
bonuses</source>
        <translation>Доступно
бонусов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>Всего</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>Ожидают</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offers</source>
        <translation>Предложения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress to the next tier</source>
        <translation>Прогресс до следующего уровня</translation>
    </message>
</context>
<context>
    <name>DemoHostPanel</name>
    <message>
        <location filename="../../widgets/demo/demo_host.py" line="+364"/>
        <source>Receipt</source>
        <extracomment>Narrower than this per column, the buttons take fewer columns (down to two). The POS column beside the loyalty panel at 1024 px takes four: a third row of products left the receipt one row. The product buttons&apos; type sizes, largest first (`fit` in till.qss): a narrow button takes the largest in which the whole name fits in two lines, by whole words. Where none does, the smallest type takes three lines and breaks a word too long for one with a hyphen; only what still does not fit is left out, by words, after an ellipsis. The room a product name leaves inside its button: the stylesheet&apos;s padding and border. Table columns: No, name, qty, price, amount, loyalty discount, final. Below this table width the number, price and amount columns give their room to the names. A receipt row&apos;s height beyond its lines of text: the cell&apos;s padding (till.qss) and grid line.</extracomment>
        <translation>Чек</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Receipt {number}</source>
        <translation>Чек {number}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total {total}   Discount {discount}   To pay {final}</source>
        <translation>Сумма {total}   Скидка {discount}   К оплате {final}</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>No</source>
        <translation>№</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qty</source>
        <translation>Кол.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount</source>
        <translation>Скидка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final</source>
        <translation>Итог</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment received</source>
        <translation>Оплата получена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer has paid: fiscalise the receipt (F8)</source>
        <translation>Покупатель оплатил: пробить фискальный чек (F8)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close receipt</source>
        <translation>Закрыть чек</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reserve the bonuses and ask for payment (F8)</source>
        <translation>Зарезервировать бонусы и перейти к оплате (F8)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Void receipt</source>
        <translation>Аннулировать чек</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New receipt</source>
        <translation>Новый чек</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return…</source>
        <translation>Возврат…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goods of a paid receipt come back: the POS reports the return to the till</source>
        <translation>Товары оплаченного чека возвращают: касса сообщает о возврате программе лояльности</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete removes the selected line</source>
        <translation>Delete удаляет выбранную строку</translation>
    </message>
</context>
<context>
    <name>DemoPos</name>
    <message>
        <location filename="../../app/demo/pos.py" line="+175"/>
        <source>The demo POS cannot reach the till&apos;s host API: %1</source>
        <translation>Демо-касса не может связаться с API кассы: %1</translation>
    </message>
</context>
<context>
    <name>DemoReturnDialog</name>
    <message>
        <location filename="../../widgets/demo/return_dialog.py" line="+82"/>
        <source>Return (demo POS)</source>
        <translation>Возврат (демо-касса)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The POS&apos;s return: pick the receipt and tick what the customer brings back.</source>
        <translation>Возврат на кассе: выберите чек и отметьте, что возвращает покупатель.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No receipt was paid in this demo yet.</source>
        <translation>В этом демо ещё не оплачено ни одного чека.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Return</source>
        <translation>Возврат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsDialog</name>
    <message>
        <location filename="../../widgets/admin/device_settings.py" line="+347"/>
        <source>Sending a test page…</source>
        <translation>Отправляем тестовую страницу…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Loyalty card</source>
        <translation>Карта лояльности</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App QR code</source>
        <translation>QR-код из приложения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon</source>
        <translation>Купон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown code</source>
        <translation>Неизвестный код</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a found scanner…</source>
        <translation>Выберите найденный сканер…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No scanners found</source>
        <translation>Сканеры не найдены</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a found printer…</source>
        <translation>Выберите найденный принтер…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No printers found</source>
        <translation>Принтеры не найдены</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Devices</source>
        <translation>Устройства</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Barcode scanner</source>
        <translation>Сканер штрихкодов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt printer</source>
        <translation>Принтер чеков</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Found</source>
        <translation>Найдены</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Device address, e.g. serial:///dev/ttyACM0?baudrate=9600&amp;terminator=CR or wedge://</source>
        <translation>Адрес устройства, например serial:///dev/ttyACM0?baudrate=9600&amp;terminator=CR или wedge://</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device address, e.g. tcp://10.0.0.5:9100, usb://04b8:0202 or serial:///dev/ttyUSB0</source>
        <translation>Адрес устройства, например tcp://10.0.0.5:9100, usb://04b8:0202 или serial:///dev/ttyUSB0</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test: scan any code, it appears below.</source>
        <translation>Проверка: отсканируйте любой код — он появится ниже.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper</source>
        <translation>Бумага</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code page</source>
        <translation>Кодовая страница</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QR codes</source>
        <translation>QR-коды</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>80 mm (48 characters)</source>
        <translation>80 мм (48 символов)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>58 mm (32 characters)</source>
        <translation>58 мм (32 символа)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic</source>
        <translation>Автоматически</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CP1251 (needed for і, ў)</source>
        <translation>CP1251 (нужна для і, ў)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CP866 (no Belarusian і)</source>
        <translation>CP866 (без белорусской і)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed by the printer</source>
        <translation>Печатает сам принтер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent as an image</source>
        <translation>Отправляется картинкой</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test print</source>
        <translation>Пробная печать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find devices again</source>
        <translation>Искать устройства снова</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>Devices</name>
    <message>
        <location filename="../../app/devices/controller.py" line="+170"/>
        <source>Printing…</source>
        <translation>Печать…</translation>
    </message>
    <message>
        <location filename="../../app/devices/texts.py" line="+43"/>
        <source>The address must be text.</source>
        <translation>Адрес должен быть текстом.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The address is empty.</source>
        <translation>Адрес не указан.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The address “%1” does not say the kind of device: start it with one of %2.</source>
        <translation>В адресе «%1» не указан тип устройства: начните его с одного из вариантов: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown kind of device “%1”: use one of %2.</source>
        <translation>Неизвестный тип устройства «%1». Допустимые: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The options “%1” cannot be read: write them as name=value joined by &amp;.</source>
        <translation>Не удаётся разобрать параметры «%1»: запишите их в виде name=value через &amp;.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 is given twice.</source>
        <translation>Параметр %1 указан дважды.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 does not apply to %2:// addresses. Known options: %3.</source>
        <translation>Параметр %1 не подходит для адресов %2://. Допустимые параметры: %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 cannot be “%2”: use one of %3.</source>
        <translation>Параметр %1 не может иметь значение «%2». Допустимые значения: %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 must be a whole number, not “%2”.</source>
        <translation>Параметр %1 должен быть целым числом, а не «%2».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 must be from %2 to %3, not %4.</source>
        <translation>Параметр %1 должен быть от %2 до %3, а не %4.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 must be 1 (on) or 0 (off), not “%2”.</source>
        <translation>Параметр %1 должен быть 1 (вкл.) или 0 (выкл.), а не «%2».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The paper width (width) must be 58 or 80 mm, not “%1”.</source>
        <translation>Ширина бумаги (width) должна быть 58 или 80 мм, а не «%1».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The timeout must be a number of seconds, not “%1”.</source>
        <translation>Тайм-аут должен быть числом секунд, а не «%1».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The timeout must be above 0 and at most %1 seconds, not %2.</source>
        <translation>Тайм-аут должен быть больше 0 и не больше %1 с, а не %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A network printer&apos;s address needs its host name or IP address, e.g. tcp://10.0.0.5:9100.</source>
        <translation>В адресе сетевого принтера нужно указать имя хоста или IP-адрес, например tcp://10.0.0.5:9100.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” is not a host name or IP address.</source>
        <translation>«%1» — не имя хоста и не IP-адрес.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The IPv6 address in “%1” has no closing bracket “]”.</source>
        <translation>В IPv6-адресе «%1» нет закрывающей скобки «]».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unexpected “%1” after the IPv6 address: only a port (:9100) may follow it.</source>
        <translation>Лишнее «%1» после IPv6-адреса: за ним может идти только порт (:9100).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write an IPv6 address in brackets: tcp://[%1]:9100.</source>
        <translation>Запишите IPv6-адрес в квадратных скобках: tcp://[%1]:9100.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The port “%1” must be a number from 1 to 65535.</source>
        <translation>Порт «%1» должен быть числом от 1 до 65535.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A serial address needs the port, e.g. serial:///dev/ttyUSB0 or serial://COM3.</source>
        <translation>В адресе serial:// нужно указать порт, например serial:///dev/ttyUSB0 или serial://COM3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” is not a serial port.</source>
        <translation>«%1» — не последовательный порт.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A USB address needs the printer&apos;s id VENDOR:PRODUCT, e.g. usb://04b8:0202.</source>
        <translation>В USB-адресе нужно указать идентификатор принтера VENDOR:PRODUCT, например usb://04b8:0202.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The USB id “%1” must be VENDOR:PRODUCT in hexadecimal, e.g. 04b8:0202.</source>
        <translation>Идентификатор USB «%1» должен иметь вид VENDOR:PRODUCT в шестнадцатеричной записи, например 04b8:0202.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>USB vendor and product ids are 4 hexadecimal digits each (0000 to ffff).</source>
        <translation>Коды производителя и устройства USB — по 4 шестнадцатеричные цифры (от 0000 до ffff).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” is not a USB serial number.</source>
        <translation>«%1» — не серийный номер USB-устройства.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A file address needs the path of the printer device, e.g. file:///dev/usb/lp0.</source>
        <translation>В адресе file:// нужно указать путь к устройству принтера, например file:///dev/usb/lp0.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” is not a path of a printer device.</source>
        <translation>«%1» — не путь к устройству принтера.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A CUPS address needs the queue name, e.g. cups://Receipt.</source>
        <translation>В адресе CUPS нужно указать имя очереди, например cups://Receipt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The CUPS queue name “%1” may not contain spaces, control characters, “/” or “#”.</source>
        <translation>Имя очереди CUPS «%1» не должно содержать пробелов, управляющих символов, «/» и «#».</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A Windows printer&apos;s address needs its name, without spaces around it, e.g. win32://POS-80.</source>
        <translation>В адресе принтера Windows нужно указать его имя без пробелов по краям, например win32://POS-80.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The Windows printer name “%1” may not contain control characters.</source>
        <translation>Имя принтера Windows «%1» не должно содержать управляющих символов.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With terminator=none, gap_ms= is needed too, to tell where a code ends.</source>
        <translation>При terminator=none нужен ещё и gap_ms=, чтобы определять, где заканчивается код.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A keyboard scanner&apos;s address has nothing after wedge:// but options, e.g. wedge://?suffix=Enter.</source>
        <translation>В адресе сканера в режиме клавиатуры после wedge:// указываются только параметры, например wedge://?suffix=Enter.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>This scanner address cannot be used. Examples: wedge:// (keyboard scanner), serial:///dev/ttyACM0?baudrate=9600.</source>
        <translation>Этот адрес сканера не подходит. Примеры: wedge:// (сканер в режиме клавиатуры), serial:///dev/ttyACM0?baudrate=9600.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This printer address cannot be used. Examples: tcp://10.0.0.5:9100, usb://04b8:0202, serial:///dev/ttyUSB0.</source>
        <translation>Этот адрес принтера не подходит. Примеры: tcp://10.0.0.5:9100, usb://04b8:0202, serial:///dev/ttyUSB0.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The scanner cannot be used: %1 Ask the admin (Admin &gt; Devices).</source>
        <translation>Сканер нельзя использовать: %1 Обратитесь к администратору (Администратор &gt; Устройства).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The receipt printer cannot be used: %1 Ask the admin (Admin &gt; Devices).</source>
        <translation>Принтер чеков нельзя использовать: %1 Обратитесь к администратору (Администратор &gt; Устройства).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Device settings are wrong: %1 Ask the admin (Admin &gt; Devices).</source>
        <translation>Ошибка в настройках устройств: %1 Обратитесь к администратору (Администратор &gt; Устройства).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>CUPS queue %1</source>
        <translation>Очередь CUPS %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Serial port %1</source>
        <translation>Последовательный порт %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>USB printer</source>
        <translation>USB-принтер</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 [USB %2]</source>
        <translation>%1 [USB %2]</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Printer is not taking the slip</source>
        <translation>Принтер не принимает чек</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer connection was reset</source>
        <translation>Соединение с принтером сброшено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer did not confirm the slip</source>
        <translation>Принтер не подтвердил печать чека</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printed</source>
        <translation>Напечатано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer not answering: is it on and connected?</source>
        <translation>Принтер не отвечает: он включён и подключён?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer out of paper</source>
        <translation>В принтере закончилась бумага</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer cover open</source>
        <translation>Открыта крышка принтера</translation>
    </message>
    <message>
        <location filename="../../app/devices/controller.py" line="+10"/>
        <location filename="../../app/devices/texts.py" line="+1"/>
        <source>Printer error</source>
        <translation>Ошибка принтера</translation>
    </message>
    <message>
        <location filename="../../app/devices/texts.py" line="+8"/>
        <source>Scanner connected</source>
        <translation>Сканер подключён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner disconnected</source>
        <translation>Сканер отключён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Looking for the scanner…</source>
        <translation>Поиск сканера…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner stopped</source>
        <translation>Сканер остановлен</translation>
    </message>
    <message>
        <location filename="../../app/devices/setup.py" line="+129"/>
        <source>Nothing was printed: the printer address is not valid.</source>
        <extracomment>Added to the printer&apos;s own timeout before a test print is given up on screen: the job may wait for the test worker&apos;s thread and the transport&apos;s last status read.</extracomment>
        <translation>Ничего не напечатано: неверный адрес принтера.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The printer did not answer within %1 s: is it on and connected?</source>
        <translation>Принтер не ответил за %1 с: он включён и подключён?</translation>
    </message>
</context>
<context>
    <name>DiscardReasonDialog</name>
    <message>
        <location filename="../../widgets/admin/queue_dialog.py" line="+165"/>
        <location line="+7"/>
        <source>Discard</source>
        <extracomment>Filter values emitted by `filter_changed` (&quot;&quot; = all states).</extracomment>
        <translation>Убрать из очереди</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>{what}
It will never reach the loyalty service. Write why (required), for example: the customer&apos;s points were corrected by the head office.</source>
        <translation>{what}
Операция так и не попадёт в сервис лояльности. Укажите причину (обязательно), например: баллы клиента исправлены в головном офисе.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>HostApi</name>
    <message>
        <location filename="../../app/checkout/host_receipts.py" line="-240"/>
        <source>Receipt %1 awaits payment: report it paid or void first.</source>
        <translation>Чек %1 ожидает оплаты: сначала сообщите об оплате или аннулируйте его.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Identify the customer first.</source>
        <translation>Сначала определите клиента.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Receipt %1 was paid with fiscal document No. %2.</source>
        <translation>Чек %1 оплачен, фискальный документ № %2.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Receipt %1 is paid: make a return instead.</source>
        <translation>Чек %1 оплачен: оформите возврат.</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>No receipt %1 is open at this till.</source>
        <translation>На этой кассе нет открытого чека %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Receipt %1 is already paid.</source>
        <translation>Чек %1 уже оплачен.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receipt %1 is voided.</source>
        <translation>Чек %1 аннулирован.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Receipt %1 cannot do that now: it is at %2.</source>
        <translation>С чеком %1 сейчас этого сделать нельзя: его состояние — %2.</translation>
    </message>
    <message>
        <location filename="../../app/host_api/api.py" line="+131"/>
        <location line="+23"/>
        <location line="+120"/>
        <source>The till did not answer in time; repeat the call.</source>
        <translation>Касса не ответила вовремя; повторите запрос.</translation>
    </message>
    <message>
        <location line="-138"/>
        <location line="+132"/>
        <source>The till is starting; repeat the call shortly.</source>
        <translation>Касса запускается; повторите запрос чуть позже.</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>Unexpected error in the till; the receipt is kept. Repeat the call.</source>
        <translation>Непредвиденная ошибка кассы; чек сохранён. Повторите запрос.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This till takes no returns.</source>
        <translation>Эта касса не принимает возвраты.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Unexpected error in the till; the return was not made. Repeat the call.</source>
        <translation>Непредвиденная ошибка кассы; возврат не оформлен. Повторите запрос.</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>Unexpected error in the till. Repeat the call.</source>
        <translation>Непредвиденная ошибка кассы. Повторите запрос.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The shift must end after it starts: give &quot;to&quot; later than &quot;from&quot;.</source>
        <translation>Конец смены должен быть позже начала: укажите &quot;to&quot; позже, чем &quot;from&quot;.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; is not a time in ISO 8601 with its UTC offset, e.g. 2026-12-05T08:00:00+03:00.</source>
        <translation>«%1» — не время в формате ISO 8601 со смещением от UTC, например 2026-12-05T08:00:00+03:00.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No such path in the host API: see /v1/openapi.json.</source>
        <translation>В API кассы нет такого пути: см. /v1/openapi.json.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This path does not take that method: see /v1/openapi.json.</source>
        <translation>Этот путь не принимает такой метод: см. /v1/openapi.json.</translation>
    </message>
    <message>
        <location filename="../../app/host_api/errors.py" line="+59"/>
        <source>A receipt may have at most 1000 lines.</source>
        <translation>В чеке может быть не больше 1000 строк.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The body is not valid JSON.</source>
        <translation>Тело запроса — не корректный JSON.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The request is not valid: %1 (%2).</source>
        <translation>Запрос неверен: %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../app/host_api/guard.py" line="+63"/>
        <source>This API answers only requests to 127.0.0.1, localhost or [::1].</source>
        <translation>Этот API отвечает только на запросы к 127.0.0.1, localhost или [::1].</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give the till&apos;s token: Authorization: Bearer &lt;token&gt;.</source>
        <translation>Укажите токен кассы: Authorization: Bearer &lt;token&gt;.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The request is too large: at most 1 MiB.</source>
        <translation>Запрос слишком большой: не больше 1 МиБ.</translation>
    </message>
</context>
<context>
    <name>Identify</name>
    <message>
        <location filename="../../app/checkout/identify_input.py" line="+19"/>
        <source>Type a phone number or scan a card.</source>
        <translation>Введите номер телефона или отсканируйте карту.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Too long for a phone or a card.</source>
        <translation>Слишком длинно для телефона или карты.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong card number: the check digit does not match.</source>
        <translation>Неверный номер карты: не совпадает контрольная цифра.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrong coupon code: the check digit does not match.</source>
        <translation>Неверный код купона: не совпадает контрольная цифра.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The app QR was not read correctly. Scan it again.</source>
        <translation>QR-код приложения считан с ошибкой. Отсканируйте его ещё раз.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is not a phone number.</source>
        <translation>Это не номер телефона.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown code: not a loyalty card, app QR or coupon.</source>
        <translation>Неизвестный код: это не карта лояльности, не QR-код приложения и не купон.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>That is a product barcode, not a loyalty card.</source>
        <translation>Это штрихкод товара, а не карта лояльности.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The scan could not be read. Scan again.</source>
        <translation>Код не прочитан. Отсканируйте ещё раз.</translation>
    </message>
</context>
<context>
    <name>IdentifyPanel</name>
    <message>
        <location filename="../../widgets/checkout/identify_panel.py" line="+111"/>
        <location line="+1"/>
        <source>Phone, card or code</source>
        <translation>Телефон, карта или код</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Searching…</source>
        <translation>Поиск…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Find</source>
        <translation>Найти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find the customer (F2 puts the cursor here)</source>
        <translation>Найти клиента (F2 ставит курсор сюда)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register</source>
        <translation>Зарегистрировать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register the customer in the loyalty program with this phone</source>
        <translation>Зарегистрировать покупателя в программе лояльности с этим телефоном</translation>
    </message>
</context>
<context>
    <name>IntegrationDialog</name>
    <message>
        <location filename="../../widgets/admin/integration_dialog.py" line="+125"/>
        <location line="+38"/>
        <source>Hide</source>
        <translation>Скрыть</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+38"/>
        <source>Show</source>
        <translation>Показать</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>The token is on the clipboard: paste it into the POS&apos;s settings.</source>
        <translation>Токен скопирован в буфер обмена: вставьте его в настройки кассовой программы.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Running: the POS on this computer can reach the till.</source>
        <translation>Работает: кассовая программа на этом компьютере может связаться с кассой.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off in the settings ([host_api] enabled).</source>
        <translation>Выключен в настройках ([host_api] enabled).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off: %1</source>
        <translation>Выключен: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not started yet.</source>
        <translation>Ещё не запущен.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Integration with the POS</source>
        <translation>Связь с кассовой программой</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Token</source>
        <translation>Токен</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hidden: press Show</source>
        <translation>Скрыт: нажмите «Показать»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The POS sends it as: Authorization: Bearer &lt;token&gt;</source>
        <translation>Кассовая программа передаёт его так: Authorization: Bearer &lt;token&gt;</translation>
    </message>
</context>
<context>
    <name>LoyaltyPanel</name>
    <message>
        <location filename="../../widgets/checkout/loyalty_panel.py" line="+205"/>
        <source>Waiting for the POS: the receipt shows here when the POS sends it.</source>
        <translation>Ждём кассовую программу: чек появится здесь, когда она его пришлёт.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../widgets/checkout/message_bar.py" line="+186"/>
        <source>Dismiss the message</source>
        <extracomment>Severities, as the `severity` property the stylesheet colours by. A warning with a short form shows that form where its whole text would take more lines than this: the customer&apos;s card under the line keeps its room.</extracomment>
        <translation>Скрыть сообщение</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <location filename="../../app/checkout/notices.py" line="+50"/>
        <source>The loyalty service is busy (too many requests). Try again in a moment.</source>
        <translation>Программа лояльности перегружена (слишком много запросов). Повторите через мгновение.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loyalty service unavailable. Sell without bonuses or try again.</source>
        <translation>Сервис лояльности недоступен. Продайте без бонусов или повторите попытку.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The loyalty service refused the till&apos;s key. Sell without bonuses and call the administrator.</source>
        <translation>Программа лояльности не приняла ключ кассы. Продавайте без бонусов и позовите администратора.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The loyalty service&apos;s address is wrong (no such account). Sell without bonuses and call the administrator.</source>
        <translation>Неверный адрес программы лояльности (нет такого аккаунта). Продавайте без бонусов и позовите администратора.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The till&apos;s loyalty settings are wrong. Sell without bonuses and call the administrator.</source>
        <translation>Настройки программы лояльности на кассе неверны. Продавайте без бонусов и позовите администратора.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The loyalty service cannot do this. Nothing was changed for bonuses.</source>
        <translation>Программа лояльности этого не умеет. Бонусы не изменились.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customer not found. Check the number or card.</source>
        <translation>Клиент не найден. Проверьте номер или карту.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This card is blocked. Bonuses cannot be used.</source>
        <translation>Эта карта заблокирована. Бонусы использовать нельзя.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card not activated: bonuses are earned but cannot be spent yet.</source>
        <translation>Карта не активирована: бонусы начисляются, но пока не списываются.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not enough bonuses for this redemption.</source>
        <translation>Недостаточно бонусов для такого списания.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That is more than can be redeemed on this receipt.</source>
        <translation>Это больше, чем можно списать по этому чеку.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A code from the customer&apos;s phone is needed to redeem this amount.</source>
        <translation>Чтобы списать эту сумму, нужен код с телефона клиента.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+21"/>
        <source>Wrong or expired code. Ask again.</source>
        <translation>Неверный или просроченный код. Запросите снова.</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>The loyalty service does not know this sale.</source>
        <translation>Сервис лояльности не знает эту продажу.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More returned than was bought.</source>
        <translation>Возвращено больше, чем было куплено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loyalty service refused the request.</source>
        <translation>Сервис лояльности отклонил запрос.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loyalty service error: %1</source>
        <translation>Ошибка сервиса лояльности: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This code has expired. Ask for the code from the newest message: that one still works.</source>
        <translation>Срок действия этого кода истёк. Попросите код из последнего сообщения: он ещё действует.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No valid code is left to try. Press Send again for a new code.</source>
        <translation>Действующих кодов не осталось. Нажмите «Отправить снова», чтобы получить новый код.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrong code. Tries left: %1.</source>
        <translation>Неверный код. Осталось попыток: %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The loyalty service is not configured on this till (no API key). Sell without bonuses and call the administrator.</source>
        <translation>Программа лояльности на этой кассе не настроена (нет API-ключа). Продавайте без бонусов и позовите администратора.</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <location filename="../../widgets/checkout/offline_banner.py" line="+81"/>
        <source>No connection to the loyalty service. Waiting to be sent: {count}</source>
        <extracomment>Modes, as the `mode` property the stylesheet colours by.</extracomment>
        <translation>Нет связи с сервисом. Ждут отправки: {count}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No connection to the loyalty service.</source>
        <translation>Нет связи с сервисом.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sending to the service: {count}…</source>
        <translation>Отправляется в сервис: {count}…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Need attention (admin): {count}</source>
        <translation>Требуют внимания администратора: {count}</translation>
    </message>
</context>
<context>
    <name>OfflinePolicyDialog</name>
    <message>
        <location filename="../../widgets/admin/offline_policy_dialog.py" line="+123"/>
        <source>Give a daily limit above zero, or refuse spending offline.</source>
        <translation>Укажите дневной лимит больше нуля или запретите списание без связи.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Offline selling</source>
        <translation>Продажи без связи</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When the loyalty service cannot be reached, sales go on and bonuses are credited later. May customers spend bonuses meanwhile?</source>
        <translation>Когда сервис лояльности недоступен, продажи продолжаются, а бонусы начисляются позже. Можно ли клиентам в это время списывать бонусы?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No, wait for the service (recommended)</source>
        <translation>Нет, ждать связи с сервисом (рекомендуется)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes, with the admin PIN each time</source>
        <translation>Да, каждый раз с PIN-кодом администратора</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Daily limit per customer, points:</source>
        <translation>Дневной лимит на клиента, бонусов:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Never more than the balance last seen, less what this till spent since; not for customers identified by the app&apos;s QR code.</source>
        <translation>Не больше последнего известного баланса за вычетом списанного с тех пор на этой кассе; не для клиентов, найденных по QR-коду приложения.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../widgets/admin/pin_dialog.py" line="+257"/>
        <source>The two PINs are different. Type the new PIN again.</source>
        <translation>PIN-коды не совпадают. Введите новый PIN ещё раз.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Too many wrong attempts. Try again in {seconds} s.</source>
        <translation>Слишком много неверных попыток. Повторите через {seconds} с.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+14"/>
        <source>Admin PIN</source>
        <translation>PIN администратора</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Enter the admin PIN</source>
        <translation>Введите PIN администратора</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Approval</source>
        <translation>Подтверждение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The admin approves it with the PIN.</source>
        <translation>Администратор подтверждает это PIN-кодом.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>Digits only</source>
        <translation>Только цифры</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Approve</source>
        <translation>Подтвердить</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>New admin PIN</source>
        <translation>Новый PIN администратора</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The admin PIN is too short now. Choose a new one: 6 to 12 digits</source>
        <translation>PIN администратора короче, чем теперь требуется. Задайте новый: от 6 до 12 цифр</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Later</source>
        <translation>Позже</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+5"/>
        <source>The PIN protects the device settings and the sending queue.</source>
        <translation>PIN защищает настройки устройств и очередь отправки.</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+5"/>
        <source>Save PIN</source>
        <translation>Сохранить PIN</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Choose the admin PIN: 6 to 12 digits</source>
        <translation>Задайте PIN администратора: от 6 до 12 цифр</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>New PIN</source>
        <translation>Новый PIN</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Repeat</source>
        <translation>Ещё раз</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repeat the new PIN</source>
        <translation>Повторите новый PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>PrinterStatusIndicator</name>
    <message>
        <location filename="../../widgets/admin/printer_status.py" line="+79"/>
        <source>Printer ready</source>
        <translation>Принтер готов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printing…</source>
        <translation>Печать…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer not responding</source>
        <translation>Принтер не отвечает</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer: no paper</source>
        <translation>Принтер: нет бумаги</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No printer</source>
        <translation>Нет принтера</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reprint</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Printer: cover open</source>
        <translation>Принтер: открыта крышка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer error</source>
        <translation>Ошибка принтера</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Print the last loyalty slip again</source>
        <translation>Ещё раз напечатать последний бонусный чек</translation>
    </message>
</context>
<context>
    <name>QueueDialog</name>
    <message>
        <location filename="../../widgets/admin/queue_dialog.py" line="+177"/>
        <location line="+199"/>
        <source>Waiting</source>
        <translation>Ждёт</translation>
    </message>
    <message>
        <location line="-198"/>
        <location line="+199"/>
        <source>Being sent</source>
        <translation>Отправляется</translation>
    </message>
    <message>
        <location line="-198"/>
        <location line="+199"/>
        <source>Delivered</source>
        <translation>Доставлено</translation>
    </message>
    <message>
        <location line="-198"/>
        <source>✖ Failed</source>
        <translation>✖ Ошибка</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sale</source>
        <translation>Продажа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancellation</source>
        <translation>Аннулирование</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund</source>
        <translation>Возврат</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Failed: {count}</source>
        <translation>С ошибкой: {count}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waiting: {count}</source>
        <translation>Ждут: {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Being sent: {count}</source>
        <translation>Отправляются: {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered: {count}</source>
        <translation>Доставлено: {count}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Set aside by the admin: {note}</source>
        <translation>Отложено администратором: {note}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The loyalty service could not be reached; it will be sent again automatically.</source>
        <translation>Нет связи с сервисом лояльности; отправка повторится автоматически.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The loyalty service does not know this customer.</source>
        <translation>Сервис лояльности не знает этого клиента.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s card is blocked.</source>
        <translation>Карта клиента заблокирована.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s card is not activated: points cannot be spent.</source>
        <translation>Карта клиента не активирована: списывать баллы нельзя.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer did not have enough points for this receipt.</source>
        <translation>У клиента не хватило баллов для этого чека.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More points were spent than the program allows on this receipt.</source>
        <translation>Списано больше баллов, чем программа разрешает по этому чеку.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loyalty service asks for the customer&apos;s one-time code.</source>
        <translation>Сервис лояльности запрашивает одноразовый код клиента.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s one-time code was wrong or has expired.</source>
        <translation>Одноразовый код клиента неверный или просрочен.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loyalty service does not know the sale this refers to.</source>
        <translation>Сервис лояльности не знает продажу, к которой это относится.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More is being returned than was bought in the sale.</source>
        <translation>Возвращается больше, чем было куплено в этой продаже.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loyalty service refused the receipt&apos;s data. Call support.</source>
        <translation>Сервис лояльности отклонил данные чека. Обратитесь в поддержку.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The till&apos;s record of this receipt is damaged and cannot be sent. Call support.</source>
        <translation>Запись этого чека на кассе повреждена, её нельзя отправить. Обратитесь в поддержку.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The till failed while sending; it will try again automatically.</source>
        <translation>Сбой кассы при отправке; касса повторит попытку автоматически.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The loyalty service refused it. Call support.</source>
        <translation>Сервис лояльности отклонил операцию. Обратитесь в поддержку.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sale No. {number}</source>
        <translation>Продажа № {number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancellation of sale No. {number}</source>
        <translation>Аннулирование продажи № {number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund for sale No. {number}</source>
        <translation>Возврат по продаже № {number}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not known at this till</source>
        <translation>Неизвестен на этой кассе</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No. {number}</source>
        <translation>№ {number}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Transaction {id}</source>
        <translation>Транзакция {id}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>customer number {id}</source>
        <translation>номер клиента {id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attempts: {count}</source>
        <translation>попыток: {count}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Technical reason: {error}</source>
        <translation>Техническая причина: {error}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Next attempt at {time}.</source>
        <translation>Следующая попытка в {time}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select a line to see its details.</source>
        <translation>Выберите строку, чтобы увидеть подробности.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{operation} of {time}, customer: {customer}.</source>
        <translation>{operation} от {time}, клиент: {customer}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No errors.</source>
        <translation>Ошибок нет.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Discard {operation} of {time}, customer: {customer}?</source>
        <translation>Убрать из очереди: {operation} от {time}, клиент: {customer}?</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sending queue</source>
        <translation>Очередь отправки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show</source>
        <translation>Показать</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Failed</source>
        <translation>С ошибкой</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt</source>
        <translation>Чек</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>Баллы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Points spent on the receipt</source>
        <translation>Баллы, списанные по чеку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing here</source>
        <translation>Здесь пусто</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the selected failed item again</source>
        <translation>Отправить выбранную операцию с ошибкой ещё раз</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard…</source>
        <translation>Убрать из очереди…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give up on the selected failed item, with a reason</source>
        <translation>Больше не отправлять выбранную операцию (с указанием причины)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send now</source>
        <translation>Отправить сейчас</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>ReceiptPrompts</name>
    <message>
        <location filename="../../widgets/checkout/receipt_prompts.py" line="+29"/>
        <source>Start a new receipt?</source>
        <translation>Начать новый чек?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The open receipt has lines or a customer. Starting a new receipt drops them, and any bonuses set aside for it are released.</source>
        <translation>В открытом чеке есть товары или клиент. Новый чек их сбросит, а отложенные для него бонусы будут освобождены.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New receipt</source>
        <translation>Новый чек</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>Keep this receipt</source>
        <translation>Оставить этот чек</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Void the receipt?</source>
        <translation>Аннулировать чек?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The receipt is cancelled and any bonuses set aside for it are released. This cannot be undone.</source>
        <translation>Чек будет аннулирован, а отложенные для него бонусы освобождены. Это нельзя отменить.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Void receipt</source>
        <translation>Аннулировать чек</translation>
    </message>
</context>
<context>
    <name>RedemptionPanel</name>
    <message>
        <location filename="../../widgets/checkout/redemption_panel.py" line="+108"/>
        <location line="+100"/>
        <source>up to {amount}</source>
        <extracomment>Digits with an optional comma or dot and up to two decimals: &quot;12&quot;, &quot;12,5&quot;, &quot;12.50&quot;.</extracomment>
        <translation>до {amount}</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+32"/>
        <source>Limited to {amount}</source>
        <translation>Не больше {amount}</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Redeem bonuses</source>
        <translation>Списать бонусы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bonuses to redeem</source>
        <translation>Бонусы к списанию</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum</source>
        <translation>Максимум</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redeem as much as allowed (F4)</source>
        <translation>Списать максимум (F4)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None</source>
        <translation>Не списывать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do not redeem bonuses</source>
        <translation>Не списывать бонусы</translation>
    </message>
</context>
<context>
    <name>Registration</name>
    <message>
        <location filename="../../app/registration/enrolment.py" line="+51"/>
        <source>Registration needs the loyalty service, which cannot be reached now. Nothing was saved; register the customer once the connection is back.</source>
        <translation>Для регистрации нужна программа лояльности, а она сейчас недоступна. Ничего не сохранено; зарегистрируйте покупателя, когда связь восстановится.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Type the customer&apos;s first name.</source>
        <translation>Введите имя покупателя.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is not a loyalty card number. Scan the card or type its 13 digits.</source>
        <translation>Это не номер карты лояльности. Отсканируйте карту или введите её 13 цифр.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the code the customer received.</source>
        <translation>Введите код, который получил покупатель.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>This loyalty service does not take registrations at the till.</source>
        <translation>Эта программа лояльности не принимает регистрацию на кассе.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The loyalty service refused the registration: %1</source>
        <translation>Программа лояльности отказала в регистрации: %1</translation>
    </message>
    <message>
        <location filename="../../app/registration/screen.py" line="+105"/>
        <source>Registration cancelled: the customer is not registered, nothing was saved.</source>
        <translation>Регистрация отменена: покупатель не зарегистрирован, ничего не сохранено.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>That is not a loyalty card: scan the printed card to link.</source>
        <translation>Это не карта лояльности: отсканируйте печатную карту, чтобы привязать её.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/session.py" line="+32"/>
        <source>%1 is registered and earns bonuses on this receipt.</source>
        <translation>%1 зарегистрирован(а) и получает бонусы по этому чеку.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Type the customer&apos;s mobile phone number.</source>
        <translation>Введите номер мобильного телефона покупателя.</translation>
    </message>
</context>
<context>
    <name>RegistrationDialog</name>
    <message>
        <location filename="../../widgets/registration/dialog.py" line="+217"/>
        <source>Type the customer&apos;s mobile phone number.</source>
        <translation>Введите номер мобильного телефона покупателя.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the customer&apos;s first name.</source>
        <translation>Введите имя покупателя.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Birth date: type it as DD.MM.YYYY, or leave it empty.</source>
        <translation>Дата рождения: введите как ДД.ММ.ГГГГ или оставьте пустой.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A card number has 13 digits: scan the card or leave the field empty.</source>
        <translation>В номере карты 13 цифр: отсканируйте карту или оставьте поле пустым.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Register a customer</source>
        <translation>Регистрация покупателя</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>First name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Birth date (optional)</source>
        <translation>Дата рождения (необязательно)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card (optional)</source>
        <translation>Карта (необязательно)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DD.MM.YYYY</source>
        <translation>ДД.ММ.ГГГГ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan or type the printed card</source>
        <translation>Отсканируйте или введите печатную карту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agrees to receive offers</source>
        <translation>Согласен(на) получать предложения</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>I agree that the store may send me news and personal offers of its loyalty program by SMS and messengers, and may process my phone number, name and birth date for this purpose. I may withdraw this consent at any time at the till or by replying STOP.</source>
        <translation>Я согласен(на), что магазин может присылать мне новости и персональные предложения программы лояльности по SMS и в мессенджерах и обрабатывать для этого мои номер телефона, имя и дату рождения. Я могу отозвать согласие в любой момент на кассе или ответив STOP.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Send code</source>
        <translation>Отправить код</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a one-time code to the customer&apos;s phone</source>
        <translation>Отправить одноразовый код на телефон покупателя</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the registration: nothing is saved (Esc)</source>
        <translation>Прекратить регистрацию: ничего не сохранится (Esc)</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../widgets/returns/return_dialog.py" line="+205"/>
        <source>Receipt %1 of %2, %3</source>
        <translation>Чек %1 от %2, %3</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The till did not keep this sale&apos;s points per line: the loyalty program counts them.</source>
        <translation>Касса не сохранила бонусы этой продажи по строкам: их посчитает программа лояльности.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Points taken back: %1
Points given back: %2</source>
        <translation>Будет снято бонусов: %1
Будет возвращено бонусов: %2</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Looking for receipt %1…</source>
        <translation>Ищем чек %1…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Opening receipt %1…</source>
        <translation>Открываем чек %1…</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+61"/>
        <source>Tick the lines that come back.</source>
        <translation>Отметьте возвращаемые строки.</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Making the return…</source>
        <translation>Оформляем возврат…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>earned %1</source>
        <translation>начислено %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Today&apos;s sales with a customer</source>
        <translation>Сегодняшние продажи с покупателем</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No sales with a customer today</source>
        <translation>Сегодня нет продаж с покупателем</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Return</source>
        <translation>Возврат</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan the original receipt, type its number, or pick it from today&apos;s sales.</source>
        <translation>Отсканируйте исходный чек, введите его номер или выберите из сегодняшних продаж.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receipt number</source>
        <translation>Номер чека</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find</source>
        <translation>Найти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of the POS&apos;s return receipt</source>
        <translation>Номер чека возврата на кассе</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other receipt</source>
        <translation>Другой чек</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm return</source>
        <translation>Подтвердить возврат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick the lines that come back and type the number of the POS&apos;s return receipt</source>
        <translation>Отметьте возвращаемые строки и введите номер чека возврата на кассе</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>ReturnLineRow</name>
    <message>
        <location filename="../../widgets/returns/return_lines.py" line="+139"/>
        <source>sold %1 for %2</source>
        <translation>продано %1 на %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>earned %1</source>
        <translation>начислено %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paid with points %1</source>
        <translation>оплачено бонусами %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned in full</source>
        <translation>возвращено полностью</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned before %1</source>
        <translation>уже возвращено %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How much comes back: at most %1</source>
        <translation>Сколько возвращается: не больше %1</translation>
    </message>
</context>
<context>
    <name>Returns</name>
    <message>
        <location filename="../../app/returns/texts.py" line="+27"/>
        <source>No sale of receipt %1 with a customer on this till. For a sale made on another till, give its original transaction id.</source>
        <translation>На этой кассе нет продажи по чеку %1 с покупателем. Для продажи на другой кассе укажите её исходный идентификатор транзакции.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Line %1: %2 sold, %3 returned before; %4 more cannot be returned.</source>
        <translation>Строка %1: продано %2, уже возвращено %3; ещё %4 вернуть нельзя.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The sale has no line %1.</source>
        <translation>В продаже нет строки %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line %1: the quantity returned must be above zero.</source>
        <translation>Строка %1: возвращаемое количество должно быть больше нуля.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>List the lines returned, each line once.</source>
        <translation>Перечислите возвращаемые строки, каждую один раз.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Return %1 was made before with other lines or another receipt.</source>
        <translation>Возврат %1 уже оформлен с другими строками или по другому чеку.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No return %1 on this till.</source>
        <translation>На этой кассе нет возврата %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The return cannot be made.</source>
        <translation>Возврат оформить нельзя.</translation>
    </message>
    <message>
        <location filename="../../app/returns/screen.py" line="+128"/>
        <location line="+166"/>
        <source>Confirmed by the loyalty program: %1 points taken back, %2 given back. Balance now: %3.</source>
        <translation>Подтверждено программой лояльности: снято %1 бонусов, возвращено %2. Баланс теперь: %3.</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>The loyalty program has not answered yet: the return waits in the queue and is sent again. The slip shows the till&apos;s figures, not yet confirmed.</source>
        <translation>Программа лояльности ещё не ответила: возврат ждёт в очереди и будет отправлен снова. На чеке — расчёт кассы, ещё не подтверждённый.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Everything on this receipt has been returned already.</source>
        <translation>Всё по этому чеку уже возвращено.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>No sale of receipt %1 with a customer on this till. Check the number; a sale without a customer needs no return here, and a sale of another till is returned there.</source>
        <translation>На этой кассе нет продажи по чеку %1 с покупателем. Проверьте номер; продажа без покупателя здесь не возвращается, а продажа другой кассы возвращается на ней.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The till could not do it: %1. Nothing was returned; try again.</source>
        <translation>Касса не смогла это сделать: %1. Ничего не возвращено; попробуйте ещё раз.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Return saved. The loyalty program will count the points when it receives it.</source>
        <translation>Возврат сохранён. Программа лояльности посчитает бонусы, когда получит его.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Return saved: %1 points to be taken back, %2 to be given back.</source>
        <translation>Возврат сохранён: будет снято %1 бонусов, возвращено %2.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The loyalty program refused this return. %1 The customer&apos;s points were not changed, and the slip says its figures are not confirmed. Tell the administrator: the refund is listed as failed in the sending queue.</source>
        <translation>Программа лояльности отклонила этот возврат. %1 Баллы покупателя не изменились, а на чеке указано, что суммы не подтверждены. Сообщите администратору: возврат отмечен как неудачный в очереди отправки.</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>The till is offline: the return waits in the queue and is sent when the connection is back.</source>
        <translation>Касса без связи: возврат ждёт в очереди и будет отправлен, когда связь восстановится.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sending it to the loyalty program…</source>
        <translation>Отправляем в программу лояльности…</translation>
    </message>
</context>
<context>
    <name>SaleFinishedPanel</name>
    <message>
        <location filename="../../widgets/checkout/sale_finished.py" line="+64"/>
        <source>Sale finished</source>
        <translation>Продажа завершена</translation>
    </message>
</context>
<context>
    <name>Sandbox</name>
    <message>
        <location filename="../../app/demo/sandbox_process.py" line="+94"/>
        <source>it could not be started</source>
        <translation>его не удалось запустить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it crashed</source>
        <translation>аварийное завершение</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it failed (%1)</source>
        <translation>ошибка (%1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it ended with exit code %1</source>
        <translation>код завершения %1</translation>
    </message>
</context>
<context>
    <name>SandboxLog</name>
    <message>
        <location filename="../../widgets/demo/sandbox_log.py" line="+59"/>
        <source>Code {code} sent to {to}</source>
        <translation>Код {code} отправлен на {to}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No code sent yet</source>
        <translation>Кодов ещё не было</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>sent to {to}</source>
        <translation>отправлен на {to}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sandbox service: what the customer receives</source>
        <translation>Тестовый сервис: что получает клиент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox service log</source>
        <translation>Журнал тестового сервиса</translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <location filename="../../widgets/admin/service_dialog.py" line="+133"/>
        <source>Checking…</source>
        <translation>Проверяем…</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>A key is stored on this till (hidden).</source>
        <translation>Ключ сохранён на этой кассе (скрыт).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No key stored.</source>
        <translation>Ключ не сохранён.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The key is given by the environment (TILL_LOYALTY_API_KEY).</source>
        <translation>Ключ задан в окружении (TILL_LOYALTY_API_KEY).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loyalty service</source>
        <translation>Программа лояльности</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>API key</source>
        <translation>API-ключ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New key</source>
        <translation>Новый ключ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type a key to store it; empty keeps the stored one</source>
        <translation>Введите ключ, чтобы сохранить его; пустое поле оставит сохранённый</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove key</source>
        <translation>Удалить ключ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check connection</source>
        <translation>Проверить подключение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>Shift</name>
    <message>
        <location filename="../../app/shift/screen.py" line="+88"/>
        <source>The shift&apos;s figures cannot be read: %1</source>
        <translation>Итоги смены не удалось прочитать: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The shift slip is sent to the slip printer.</source>
        <translation>Отчёт смены отправлен на принтер.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No slip printer is set up: see Admin &gt; Devices.</source>
        <translation>Принтер не настроен: см. Администратор &gt; Устройства.</translation>
    </message>
</context>
<context>
    <name>ShiftSummaryDialog</name>
    <message>
        <location filename="../../widgets/shift/summary_dialog.py" line="+141"/>
        <source>Reading the shift&apos;s figures…</source>
        <extracomment>The figures in the order shown; `show_figures` takes them by these keys.</extracomment>
        <translation>Читаем итоги смены…</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Period: %1</source>
        <translation>Период: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not yet confirmed by the loyalty service</source>
        <translation>Ещё не подтверждено программой лояльности</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>confirmed %1</source>
        <translation>подтверждено %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected %1</source>
        <translation>ожидается %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>* Not yet confirmed by the loyalty service: sales still waiting to be sent count with the till&apos;s own estimate.</source>
        <translation>* Ещё не подтверждено программой лояльности: продажи, ожидающие отправки, учтены по оценке кассы.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Shift summary</source>
        <translation>Итоги смены</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sales with a customer</source>
        <translation>Продажи с картой покупателя</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points earned</source>
        <translation>Начислено бонусов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points spent</source>
        <translation>Списано бонусов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunds</source>
        <translation>Возвраты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points taken back by refunds</source>
        <translation>Снято бонусов при возвратах</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points given back by refunds</source>
        <translation>Возвращено бонусов при возвратах</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons used</source>
        <translation>Купонов использовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to be sent</source>
        <translation>Ждут отправки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused by the service</source>
        <translation>Не приняты программой</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print</source>
        <translation>Печать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the shift slip on the slip printer</source>
        <translation>Напечатать отчёт смены на принтере</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>Slip</name>
    <message>
        <location filename="../../app/devices/slip_labels.py" line="+19"/>
        <source>Bonus program</source>
        <translation>Бонусная программа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tier</source>
        <translation>Уровень</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+47"/>
        <source>Bonuses earned</source>
        <translation>Начислено бонусов</translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+47"/>
        <source>Bonuses spent</source>
        <translation>Списано бонусов</translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+24"/>
        <source>Bonus balance</source>
        <translation>Баланс бонусов</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Personal offers</source>
        <translation>Персональные предложения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid until</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon</source>
        <translation>Купон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons applied</source>
        <translation>Применённые купоны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra bonuses</source>
        <translation>Дополнительные бонусы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not confirmed: the loyalty program refused this sale. The figures above are the till&apos;s own.</source>
        <translation>Не подтверждено: программа лояльности отклонила эту продажу. Суммы выше рассчитаны кассой.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not yet confirmed by the loyalty program: the figures above are the till&apos;s own.</source>
        <translation>Ещё не подтверждено программой лояльности: суммы выше рассчитаны кассой.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Bonus program return</source>
        <translation>Возврат по бонусной программе</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return receipt</source>
        <translation>Чек возврата</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sale receipt</source>
        <translation>Чек покупки</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+26"/>
        <source>Bonuses taken back</source>
        <translation>Снято начисленных бонусов</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+26"/>
        <source>Bonuses given back</source>
        <translation>Возвращено бонусов</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Figures are provisional: the loyalty program confirms them once it receives the return.</source>
        <translation>Суммы предварительные: программа лояльности подтвердит их, когда получит возврат.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bonuses will be recounted once the loyalty program receives the return.</source>
        <translation>Бонусы будут пересчитаны, когда программа лояльности получит возврат.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not confirmed: the loyalty program refused this return. The figures above are the till&apos;s own.</source>
        <translation>Не подтверждено: программа лояльности отклонила этот возврат. Суммы выше рассчитаны кассой.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Shift summary</source>
        <translation>Итоги смены</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store</source>
        <translation>Магазин</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Till</source>
        <translation>Касса</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales with a card</source>
        <translation>Продажи с картой</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Returns</source>
        <translation>Возвраты</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupons used</source>
        <translation>Купонов использовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to be sent</source>
        <translation>Ждут отправки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused by the program</source>
        <translation>Не приняты программой</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>* not yet confirmed by the loyalty program</source>
        <translation>* ещё не подтверждено программой лояльности</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed</source>
        <translation>Напечатано</translation>
    </message>
</context>
<context>
    <name>Till</name>
    <message>
        <location filename="../../app/checkout/presenter.py" line="+229"/>
        <source>Return receipt No. %1 printed; the loyalty program counts the bonuses.</source>
        <translation>Чек возврата № %1 напечатан; бонусы посчитает программа лояльности.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Return receipt No. %1 printed; bonuses taken back %2, given back %3.</source>
        <translation>Чек возврата № %1 напечатан; снято бонусов %2, возвращено %3.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Fiscal receipt No. %1 printed</source>
        <translation>Фискальный чек № %1 напечатан</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Balance now: %1</source>
        <translation>Баланс теперь: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../app/devices/slip_labels.py" line="-53"/>
        <source>Bonuses will be credited when the connection is back.</source>
        <translation>Бонусы будут начислены, когда связь восстановится.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for the service to confirm the bonuses…</source>
        <translation>Ждём подтверждения бонусов от сервиса…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bonuses earned: %1, spent: %2. Balance now: %3.</source>
        <translation>Начислено бонусов: %1, списано: %2. Баланс: %3.</translation>
    </message>
    <message>
        <location filename="../../app/gui.py" line="+129"/>
        <source>Sandbox loyalty service at %1</source>
        <translation>Тестовый сервис лояльности: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The sandbox service stopped: %1</source>
        <translation>Тестовый сервис остановился: %1</translation>
    </message>
    <message>
        <location line="-69"/>
        <location filename="../../app/till.py" line="+159"/>
        <source>Connecting…</source>
        <extracomment>What the till needs after its first paint, imported off the GUI thread.</extracomment>
        <translation>Подключение…</translation>
    </message>
    <message>
        <location filename="../../app/till.py" line="+182"/>
        <source>The host API is off in the settings: the POS cannot send receipts.</source>
        <translation>API для кассовой программы выключен в настройках: она не может присылать чеки.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The POS cannot reach the till: %1</source>
        <translation>Кассовая программа не может связаться с кассой: %1</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>Spend %1 from %2&apos;s bonuses while the service is offline?</source>
        <translation>Списать %1 с бонусов клиента %2 без связи с сервисом?</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Loyalty service not configured</source>
        <translation>Лояльность не настроена</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Working offline</source>
        <translation>Работа без связи</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Loyalty service online</source>
        <translation>Сервис лояльности на связи</translation>
    </message>
</context>
<context>
    <name>TillWindow</name>
    <message>
        <location filename="../../widgets/admin/failure_notice.py" line="+13"/>
        <location filename="../../widgets/main_window.py" line="+361"/>
        <source>Admin</source>
        <extracomment>The smallest window: the compact loyalty panel beside the POS. From this width the host column is shown beside the loyalty panel. Below this width the loyalty panel stacks its rows. The Admin button&apos;s caption in the narrow panel: the service status beside it is read whole.</extracomment>
        <translation>Администратор</translation>
    </message>
    <message>
        <location filename="../../widgets/main_window.py" line="+2"/>
        <source>Return, shift summary; device settings, sending queue, offline selling, admin PIN (PIN required)</source>
        <translation>Возврат, итоги смены; настройки устройств, очередь отправки, продажи без связи, PIN администратора (нужен PIN)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+18"/>
        <source>F10: open the Admin menu</source>
        <translation>F10: открыть меню «Администратор»</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Return…</source>
        <translation>Возврат…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift summary…</source>
        <translation>Итоги смены…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices…</source>
        <translation>Устройства…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending queue…</source>
        <translation>Очередь отправки…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline selling…</source>
        <translation>Продажи без связи…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Integration…</source>
        <translation>Интеграция…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loyalty service…</source>
        <translation>Программа лояльности…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change admin PIN…</source>
        <translation>Сменить PIN администратора…</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Till loyalty</source>
        <translation>Лояльность на кассе</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Till loyalty (demo)</source>
        <translation>Лояльность на кассе (демо)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>F2 Find customer · F4 Maximum bonuses · F8 Close receipt · Esc Reset customer</source>
        <translation>F2 Найти клиента · F4 Максимум бонусов · F8 Закрыть чек · Esc Сбросить клиента</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>F2: put the cursor into the customer search
F4: redeem the maximum of bonuses
F8: close the receipt
Esc: cancel the code entry, otherwise reset the customer</source>
        <translation>F2: курсор в поиск клиента
F4: списать максимум бонусов
F8: закрыть чек
Esc: отменить ввод кода, иначе сбросить клиента</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>F2 Find customer · F4 Maximum bonuses · Esc Reset customer</source>
        <translation>F2 Найти клиента · F4 Максимум бонусов · Esc Сбросить клиента</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>F2: put the cursor into the customer search
F4: redeem the maximum of bonuses
Esc: cancel the code entry, otherwise reset the customer</source>
        <translation>F2: перейти к поиску клиента
F4: списать максимум бонусов
Esc: отменить ввод кода, иначе сбросить клиента</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../widgets/checkout/totals_panel.py" line="+131"/>
        <source>Total</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discount</source>
        <translation>Скидка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bonus discount</source>
        <translation>Скидка бонусами</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To pay</source>
        <translation>К оплате</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bonuses to earn</source>
        <translation>Будет начислено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Can redeem</source>
        <translation>Можно списать</translation>
    </message>
</context>
</TS>
