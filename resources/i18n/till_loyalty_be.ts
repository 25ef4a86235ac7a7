<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="be_BY">
<context>
    <name>Admin</name>
    <message>
        <location filename="../../app/admin/controller.py" line="+30"/>
        <source>The PIN must be digits only.</source>
        <translation>PIN-код павінен складацца толькі з лічбаў.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The PIN must have 6 to 12 digits.</source>
        <translation>PIN-код павінен змяшчаць ад 6 да 12 лічбаў.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PIN is already set on this till.</source>
        <translation>На гэтай касе PIN-код ужо зададзены.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong PIN.</source>
        <translation>Няправільны PIN-код.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Too many wrong attempts. Wait and try again.</source>
        <translation>Занадта шмат няправільных спроб. Пачакайце і паспрабуйце зноў.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The PIN was changed meanwhile. Try again.</source>
        <translation>PIN-код тым часам быў зменены. Паспрабуйце зноў.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The stored PIN is damaged. Ask support to reset it.</source>
        <translation>Захаваны PIN-код пашкоджаны. Звярніцеся ў падтрымку для скіду.</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>No admin PIN is set on this till.</source>
        <translation>На гэтай касе не зададзены PIN-код адміністратара.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Admin PIN</source>
        <translation>PIN-код адміністратара</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Current PIN</source>
        <translation>Бягучы PIN-код</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Queued to be sent again.</source>
        <translation>Пастаўлена на паўторную адпраўку.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Set aside. It stays in the journal with your reason.</source>
        <translation>Адкладзена. Запіс застаецца ў журнале з указанай прычынай.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This row changed meanwhile (it was sent again or set aside): the list is now up to date.</source>
        <translation>Гэты радок тым часам змяніўся (яго адправілі зноў або адклалі): спіс абноўлены.</translation>
    </message>
    <message>
        <location filename="../../app/admin/service_texts.py" line="+18"/>
        <source>RetailCRM: retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE and the API key made for the till. The till&apos;s own SOAP service: http://host:port/. A new address or key is used as soon as it is saved; switching between RetailCRM and the SOAP service takes a restart of the till.</source>
        <translation>RetailCRM: retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE і API-ключ, створаны для касы. Уласны SOAP-сэрвіс касы: http://host:port/. Новы адрас або ключ дзейнічае адразу пасля захавання; пераход паміж RetailCRM і SOAP-сэрвісам патрабуе перазапуску касы.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saved. The till uses the new address and key now, without a restart.</source>
        <translation>Захавана. Каса ўжо выкарыстоўвае новы адрас і ключ, без перазапуску.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved. This address is another kind of loyalty service than the one the till started with: restart the till to use it.</source>
        <translation>Захавана. Гэты адрас — сэрвіс лаяльнасці іншага віду, чым той, з якім запушчана каса: перазапусціце касу, каб яго выкарыстоўваць.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Spending points is confirmed by an SMS code.</source>
        <translation>Спісанне бонусаў пацвярджаецца кодам з SMS.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spending points needs no SMS code.</source>
        <translation>Для спісання бонусаў код з SMS не патрэбны.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected. Program: %1. Levels: %2.</source>
        <translation>Падключана. Праграма: %1. Узроўні: %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no connection could be made</source>
        <translation>не ўдалося ўсталяваць злучэнне</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no usable answer came</source>
        <translation>не прыйшоў прыдатны адказ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service cannot be reached (%1). Check the address and the network.</source>
        <translation>Сэрвіс недаступны (%1). Праверце адрас і сетку.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No API key: type the key made for the till in RetailCRM.</source>
        <translation>Няма API-ключа: увядзіце ключ, створаны для касы ў RetailCRM.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service refused the API key. Check the key.</source>
        <translation>Сэрвіс не прыняў API-ключ. Праверце ключ.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no RetailCRM account at this address. Check the account name.</source>
        <translation>Па гэтым адрасе няма акаўнта RetailCRM. Праверце імя акаўнта.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>RetailCRM has no site “%1”. Check ?site= in the address.</source>
        <translation>У RetailCRM няма крамы «%1». Праверце ?site= у адрасе.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No active loyalty program for site “%1”. Activate one in RetailCRM.</source>
        <translation>Для крамы «%1» няма актыўнай праграмы лаяльнасці. Уключыце яе ў RetailCRM.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service refused the check: %1</source>
        <translation>Сэрвіс адхіліў праверку: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>it is neither an http:// or https:// address with a host nor retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE</source>
        <translation>гэта не адрас http:// або https:// з імем сервера і не retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its port is not a number from 1 to 65535</source>
        <translation>порт не з&apos;яўляецца лікам ад 1 да 65535</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a RetailCRM address is retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE</source>
        <translation>адрас RetailCRM мае выгляд retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>RetailCRM without https is only for a test server on this computer: use retailcrm+https://</source>
        <translation>RetailCRM без https толькі для тэставага сервера на гэтым камп&apos;ютары: выкарыстоўвайце retailcrm+https://</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it names no site: add ?site=CODE</source>
        <translation>у ім не пазначана крама: дадайце ?site=CODE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the API key does not belong in the address: type it in the key field</source>
        <translation>API-ключ не пазначаюць у адрасе: увядзіце яго ў поле ключа</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it is not a loyalty service&apos;s address</source>
        <translation>гэта не адрас сэрвісу лаяльнасці</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address cannot be used: %1</source>
        <translation>Гэты адрас выкарыстоўваць нельга: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The API key is empty.</source>
        <translation>API-ключ пусты.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An API key has no spaces or control characters. Check the key typed.</source>
        <translation>У API-ключы няма прабелаў і кіруючых знакаў. Праверце ўведзены ключ.</translation>
    </message>
    <message>
        <location filename="../../app/admin/failure_texts.py" line="+70"/>
        <source>The till could not find out whether an API key is stored.</source>
        <translation>Каса не змагла даведацца, ці захаваны API-ключ.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connection could not be checked.</source>
        <translation>Не ўдалося праверыць злучэнне.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The API key was not stored.</source>
        <translation>API-ключ не захаваны.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The API key was not removed.</source>
        <translation>API-ключ не выдалены.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The settings were not saved.</source>
        <translation>Налады не захаваны.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token cannot be read.</source>
        <translation>Не ўдаецца прачытаць токен.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The admin screens cannot be opened.</source>
        <translation>Не ўдаецца адкрыць адміністраванне.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This could not be done in the queue.</source>
        <translation>Гэта не ўдалося зрабіць у чарзе.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This computer&apos;s key store (keyring) did not answer or is locked. Unlock it or restart the till, then try again; if it keeps failing, ask support to check the key store.</source>
        <translation>Сховішча ключоў гэтага камп&apos;ютара (keyring) не адказала або заблакавана. Разблакуйце яго або перазапусціце касу і паспрабуйце зноў; калі не дапаможа, папрасіце падтрымку праверыць сховішча ключоў.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Something unexpected went wrong; the details are in the till&apos;s log. Try again, and ask support if it happens again.</source>
        <translation>Адбылася непрадбачаная памылка; падрабязнасці ў журнале касы. Паспрабуйце зноў, а калі паўторыцца, звярніцеся ў падтрымку.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The till&apos;s user cannot write into the secrets folder %1: the folder must belong to it.</source>
        <translation>Карыстальнік касы не можа пісаць у папку сакрэтаў %1: папка павінна належаць яму.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The secrets folder %1 is inside the database&apos;s folder, so a copy of the data would carry the keys. Name another folder in the settings ([secrets] folder).</source>
        <translation>Папка сакрэтаў %1 знаходзіцца ўнутры папкі базы даных, і копія даных панесла б ключы. Укажыце іншую папку ў наладах ([secrets] folder).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The secrets folder %1 belongs to another user: it must belong to the till&apos;s user or to root.</source>
        <translation>Папка сакрэтаў %1 належыць іншаму карыстальніку: яна павінна належаць карыстальніку касы або root.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Other users may write into the secrets folder %1: ask support to run chmod go-w on it.</source>
        <translation>Іншыя карыстальнікі могуць пісаць у папку сакрэтаў %1: папрасіце падтрымку выканаць для яе chmod go-w.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An older copy of the till&apos;s secrets, %1, differs from the one in the secrets folder. Ask support which one this database uses.</source>
        <translation>Старая копія сакрэтаў касы, %1, адрозніваецца ад той, што ў папцы сакрэтаў. Спытайце ў падтрымкі, якую з іх выкарыстоўвае гэтая база даных.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The secret %1 is not a regular file: ask support to remove it.</source>
        <translation>Сакрэт %1 — не звычайны файл: папрасіце падтрымку выдаліць яго.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The secret file %1 belongs to another user, so the till refuses it: it must belong to the till&apos;s user.</source>
        <translation>Файл сакрэту %1 належыць іншаму карыстальніку, таму каса яго не прымае: ён павінен належаць карыстальніку касы.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Other users may read the secret file %1, so the till refuses it: ask support to run chmod 600 on it.</source>
        <translation>Іншыя карыстальнікі могуць чытаць файл сакрэту %1, таму каса яго не прымае: папрасіце падтрымку выканаць для яго chmod 600.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the till&apos;s user has no right to it. Give the till&apos;s user access to that folder.</source>
        <translation>у карыстальніка касы няма на гэта правоў. Дайце карыстальніку касы доступ да гэтай папкі.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the disk is full. Free some space and try again.</source>
        <translation>дыск запоўнены. Вызваліце месца і паспрабуйце зноў.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the till&apos;s user has used up its disk quota. Free some space and try again.</source>
        <translation>карыстальнік касы вычарпаў сваю дыскавую квоту. Вызваліце месца і паспрабуйце зноў.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the disk is mounted read-only. Ask support to make it writable.</source>
        <translation>дыск падключаны толькі для чытання. Папрасіце падтрымку дазволіць запіс.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its folder does not exist. Check the path in the settings.</source>
        <translation>яго папкі не існуе. Праверце шлях у наладах.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is a folder. Name a file in the settings, or remove the folder.</source>
        <translation>гэта папка. Укажыце ў наладах файл або выдаліце папку.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a file stands where a folder of its path should be. Remove or rename that file.</source>
        <translation>на месцы папкі з яго шляху стаіць файл. Выдаліце або перайменуйце гэты файл.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the system refused it (%1). Ask support; the details are in the till&apos;s log.</source>
        <translation>сістэма адмовіла (%1). Звярніцеся ў падтрымку; падрабязнасці ў журнале касы.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A file could not be used: %1</source>
        <translation>Не ўдалося выкарыстаць файл: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file %1 could not be read: %2</source>
        <translation>Не ўдалося прачытаць файл %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file %1 could not be written: %2</source>
        <translation>Не ўдалося запісаць файл %1: %2</translation>
    </message>
    <message>
        <location filename="../../app/devices/printer_failure_texts.py" line="+24"/>
        <source>The printer is out of paper: load a new roll.</source>
        <translation>У прынтары няма паперы: устаўце новы рулон.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The printer&apos;s cover is open: close it until it clicks.</source>
        <translation>Вечка прынтара адкрыта: зачыніце яе да пстрычкі.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The printer reports an error (cutter jam or overheated head): switch it off, clear the paper and let it cool down, then switch it on again.</source>
        <translation>Прынтар паведамляе пра памылку (заела рэзак або перагрэлася галоўка): выключыце яго, прыберыце паперу, дайце яму астыць і ўключыце зноў.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer reports that it is offline: check its paper and cover, or switch it off and on.</source>
        <translation>Прынтар паведамляе, што ён не ў сетцы: праверце паперу і вечка або выключыце і ўключыце яго.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 cannot be opened: check that it is on and plugged in, and that the address is right.</source>
        <translation>Не атрымліваецца адкрыць прынтар %1: праверце, што ён уключаны і падлучаны і што адрас пазначаны правільна.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 is not taking data: check that it is on and not busy, then print again.</source>
        <translation>Прынтар %1 не прымае даныя: праверце, што ён уключаны і не заняты, і надрукуйце зноў.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 stopped taking data: check that it is on and has paper, then print again.</source>
        <translation>Прынтар %1 перастаў прымаць даныя: праверце, што ён уключаны і ў ім ёсць папера, і надрукуйце зноў.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 did not take the whole page: check its paper, cover and power, then print again.</source>
        <translation>Прынтар %1 прыняў не ўсю старонку: праверце паперу, вечка і сілкаванне і надрукуйце зноў.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Printing to %1 failed: check that the printer is on and connected, then print again. The details are in the till&apos;s log.</source>
        <translation>Не атрымалася надрукаваць на %1: праверце, што прынтар уключаны і падлучаны, і надрукуйце зноў. Падрабязнасці — у журнале касы.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer %1 is off or unplugged: switch it on and check its cable.</source>
        <translation>Прынтар %1 выключаны або не падлучаны: уключыце яго і праверце кабель.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The till&apos;s user may not write to %1: ask support to add it to the printer&apos;s group.</source>
        <translation>Карыстальніку касы забаронены запіс у %1: папрасіце падтрымку дадаць яго ў групу прынтара.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 is used by another program: close that program, then print again.</source>
        <translation>Прынтар %1 заняты іншай праграмай: зачыніце яе і надрукуйце зноў.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 reports a fault: switch it off and on, then print again. The details are in the till&apos;s log.</source>
        <translation>Прынтар %1 паведамляе пра няспраўнасць: выключыце і ўключыце яго і надрукуйце зноў. Падрабязнасці — у журнале касы.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This kind of printer needs software that is not installed on this computer: ask support (the till&apos;s log names it).</source>
        <translation>Для прынтара такога тыпу патрэбна праграма, якая не ўсталявана на гэтым камп&apos;ютары: звярніцеся ў падтрымку (яе назва — у журнале касы).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 printers cannot be used on this computer: choose a printer of another kind.</source>
        <translation>Прынтары %1 нельга выкарыстоўваць на гэтым камп&apos;ютары: выберыце прынтар іншага тыпу.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The till cannot see the USB devices: ask support; the details are in the till&apos;s log.</source>
        <translation>Каса не бачыць USB-прылады: звярніцеся ў падтрымку; падрабязнасці — у журнале касы.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 is not connected or is off: check its USB cable and switch it on.</source>
        <translation>Прынтар %1 не падлучаны або выключаны: праверце USB-кабель і ўключыце яго.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 cannot be used: unplug it and plug it in again; if that does not help, ask support (the details are in the till&apos;s log).</source>
        <translation>Прынтар %1 нельга выкарыстоўваць: адключыце і зноў падлучыце яго; калі не дапаможа, звярніцеся ў падтрымку (падрабязнасці — у журнале касы).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer does not answer at %1: check its power and network cable, and the address.</source>
        <translation>Прынтар не адказвае па адрасе %1: праверце сілкаванне, сеткавы кабель і адрас.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printing program %1 cannot be run: ask support to check CUPS on this computer.</source>
        <translation>Не атрымліваецца запусціць праграму друку %1: папрасіце падтрымку праверыць CUPS на гэтым камп&apos;ютары.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CUPS did not take the page for the queue “%1” in time: try again, or restart the computer.</source>
        <translation>CUPS не прыняў старонку для чаргі «%1» своечасова: паспрабуйце зноў або перазапусціце камп&apos;ютар.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CUPS refused the page for the queue “%1”: check the queue in the printer settings. The details are in the till&apos;s log.</source>
        <translation>CUPS адмовіўся прыняць старонку для чаргі «%1»: праверце чаргу ў наладах прынтара. Падрабязнасці — у журнале касы.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CUPS has no queue “%1”: choose a found printer, or correct the queue&apos;s name.</source>
        <translation>У CUPS няма чаргі «%1»: выберыце знойдзены прынтар або выпраўце назву чаргі.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The CUPS queue “%1” is disabled: enable it in the printer settings.</source>
        <translation>Чарга CUPS «%1» адключана: уключыце яе ў наладах прынтара.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Windows has no printer named “%1”: choose a found printer, or correct the name.</source>
        <translation>У Windows няма прынтара з назвай «%1»: выберыце знойдзены прынтар або выпраўце назву.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Windows refused the page for “%1”: check the printer in the Windows settings. The details are in the till&apos;s log.</source>
        <translation>Windows адмовілася прыняць старонку для «%1»: праверце прынтар у параметрах Windows. Падрабязнасці — у журнале касы.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The name “%1” could not be looked up in time: check the network, or use the printer&apos;s IP address.</source>
        <translation>Імя «%1» не атрымалася знайсці своечасова: праверце сетку або пазначце IP-адрас прынтара.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer at %1 refuses the connection: check that it is switched on and that the port is right (usually 9100).</source>
        <translation>Прынтар па адрасе %1 адхіляе падключэнне: праверце, што ён уключаны і што порт пазначаны правільна (звычайна 9100).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The network does not know the printer “%1”: correct the name, or use the printer&apos;s IP address.</source>
        <translation>Прынтар «%1» у сетцы не знойдзены: выпраўце назву або пазначце IP-адрас прынтара.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer at %1 cannot be reached: check its power and network cable, and the address.</source>
        <translation>Прынтар па адрасе %1 недаступны: праверце сілкаванне, сеткавы кабель і адрас.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer at %1 did not answer the status request: check that it is on. If it never answers, add status=none to its address.</source>
        <translation>Прынтар па адрасе %1 не адказаў на запыт стану: праверце, што ён уключаны. Калі ён ніколі не адказвае, дадайце да адраса status=none.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The device at %1 did not answer as a receipt printer: check that the address is the printer&apos;s.</source>
        <translation>Прылада па адрасе %1 адказала не як чэкавы прынтар: праверце, што гэта адрас прынтара.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer at %1 broke the connection before taking the page: check its power, paper and network cable, then print again.</source>
        <translation>Прынтар па адрасе %1 разарваў злучэнне, не прыняўшы старонку: праверце сілкаванне, паперу і сеткавы кабель і надрукуйце зноў.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer at %1 closed the connection before taking the page: check that it is on and not printing for another computer, then print again.</source>
        <translation>Прынтар па адрасе %1 закрыў злучэнне, не прыняўшы старонку: праверце, што ён уключаны і не друкуе для іншага камп&apos;ютара, і надрукуйце зноў.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer is still busy with another job: wait a moment, then print again.</source>
        <translation>Прынтар яшчэ заняты іншым заданнем: пачакайце крыху і надрукуйце зноў.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing has been printed yet, so there is nothing to reprint.</source>
        <translation>Яшчэ нічога не надрукавана, таму паўтараць няма чаго.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 It happened at the end of the page: it may be cut short.</source>
        <translation>%1 Гэта адбылося ў канцы старонкі: яна можа быць абрэзана.</translation>
    </message>
    <message>
        <location filename="../../app/admin/offline_policy.py" line="+56"/>
        <source>This policy cannot be saved: choose one of the modes shown and a daily limit of zero or more.</source>
        <translation>Гэтую палітыку нельга захаваць: выберыце адзін з паказаных рэжымаў і дзённы ліміт не менш за нуль.</translation>
    </message>
</context>
<context>
    <name>Checkout</name>
    <message>
        <location filename="../../app/checkout/controller.py" line="+267"/>
        <location line="+9"/>
        <source>Unexpected error: %1. The receipt is kept; try again.</source>
        <translation>Нечаканая памылка: %1. Чэк захаваны, паспрабуйце яшчэ раз.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/session.py" line="+669"/>
        <source>The receipt is empty.</source>
        <translation>Чэк пусты.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The amount to spend changed; check it and close again.</source>
        <translation>Сума спісання змянілася: праверце яе і закрыйце чэк зноў.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Spending bonuses offline was not approved.</source>
        <translation>Спісанне бонусаў без сувязі не пацверджана.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Waiting for the POS to report the payment.</source>
        <translation>Чакаем ад касавай праграмы пацвярджэння аплаты.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Code entry cancelled: no bonuses will be spent on this receipt.</source>
        <translation>Увод кода адменены: бонусы па гэтым чэку спісаны не будуць.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A new code was sent to %1. Use the code from the newest message.</source>
        <translation>Новы код адпраўлены на %1. Выкарыстоўвайце код з апошняга паведамлення.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Receipt voided. Reserved bonuses released.</source>
        <translation>Чэк ануляваны. Зарэзерваваныя бонусы вернуты.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/host_receipts.py" line="+309"/>
        <location filename="../../app/checkout/session.py" line="+2"/>
        <source>Receipt voided.</source>
        <translation>Чэк ануляваны.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/session.py" line="+69"/>
        <source>Spending %1 offline needs the admin PIN.</source>
        <translation>Для спісання %1 без сувязі патрэбны PIN-код адміністратара.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>To pay: %1. Waiting for the POS to report the payment.</source>
        <translation>Да аплаты: %1. Чакаем ад касавай праграмы пацвярджэння аплаты.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To pay: %1. Take payment, then press Payment received (F8).</source>
        <translation>Да аплаты: %1. Прыміце аплату і націсніце «Аплата атрымана» (F8).</translation>
    </message>
    <message>
        <location filename="../../app/checkout/host_receipts.py" line="+55"/>
        <location filename="../../app/checkout/session.py" line="+90"/>
        <source>Receipt closed. Fiscal document No. %1.</source>
        <translation>Чэк закрыты. Фіскальны дакумент № %1.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/offline_texts.py" line="+21"/>
        <source>Loyalty service unavailable. Bonuses will be credited when the connection is back; up to %1 may be spent now with the admin PIN.</source>
        <translation>Сэрвіс лаяльнасці недаступны. Бонусы налічацца, калі сувязь аднавіцца; спісаць зараз можна да %1 з PIN-кодам адміністратара.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Offline: spending needs the admin PIN.</source>
        <translation>Няма сувязі: спісанне — з PIN адміністратара.</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Loyalty service unavailable. Bonuses will be credited when the connection is back; they cannot be spent now.</source>
        <translation>Сэрвіс лаяльнасці недаступны. Бонусы налічацца, калі сувязь аднавіцца; спісаць іх зараз нельга.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Offline: spending by admin PIN; coupons not applied.</source>
        <translation>Няма сувязі: спісанне з PIN, купоны не ўжыты.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Offline: no spending; coupons not applied.</source>
        <translation>Няма сувязі: без спісання, купоны не ўжыты.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline: no bonuses can be spent now.</source>
        <translation>Няма сувязі: бонусы зараз не спісаць.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Loyalty service unavailable.</source>
        <translation>Сэрвіс лаяльнасці недаступны.</translation>
    </message>
    <message>
        <location filename="../../widgets/checkout/customer_card.py" line="+405"/>
        <source>Balance as of %1.</source>
        <translation>Баланс на %1.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/session.py" line="+100"/>
        <source>This customer has not been seen at this till before.</source>
        <translation>Гэты пакупнік яшчэ не абслугоўваўся на гэтай касе.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Card not activated: bonuses are earned but cannot be spent yet.</source>
        <translation>Картка не актывавана: бонусы налічваюцца, але спісаць іх пакуль нельга.</translation>
    </message>
</context>
<context>
    <name>ClosePrompt</name>
    <message>
        <location filename="../../widgets/checkout/close_prompt.py" line="+13"/>
        <source>Transactions not sent yet</source>
        <translation>Транзакцыі яшчэ не адпраўлены</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 loyalty transactions have not reached the service yet. They are kept safely and will be sent when the till starts again. Close the till now?</source>
        <translation>Транзакцый лаяльнасці, якія яшчэ не дайшлі да сэрвісу: %1. Яны надзейна захаваны і будуць адпраўлены пры наступным запуску касы. Закрыць касу зараз?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close anyway</source>
        <translation>Усё роўна закрыць</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the till open</source>
        <translation>Не закрываць касу</translation>
    </message>
</context>
<context>
    <name>ConfirmationPanel</name>
    <message numerus="yes">
        <location filename="../../widgets/checkout/confirmation_panel.py" line="+271"/>
        <source>Send again in %n s</source>
        <extracomment>Seconds before &quot;Send again&quot; may be pressed after a code was sent (SMS take a while to arrive).</extracomment>
        <translation>
            <numerusform>Адправіць зноў праз %n с</numerusform>
            <numerusform>Адправіць зноў праз %n с</numerusform>
            <numerusform>Адправіць зноў праз %n с</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send again</source>
        <translation>Адправіць зноў</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Code sent to {phone}, valid {minutes} min</source>
        <translation>Код адпраўлены на {phone}, дзейнічае {minutes}&#xa0;хв</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmation code</source>
        <translation>Код пацвярджэння</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm</source>
        <translation>Пацвердзіць</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Адмена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the customer a new code; then type the newest one</source>
        <translation>Адправіць пакупніку новы код; потым увядзіце самы новы</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Register</source>
        <translation>Зарэгістраваць</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the registration (Esc)</source>
        <translation>Спыніць рэгістрацыю (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel: the customer is not registered and nothing is saved.</source>
        <translation>Адмена: пакупнік не зарэгістраваны, нічога не захавана.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop waiting for the code: no bonuses will be spent (Esc)</source>
        <translation>Не чакаць код: бонусы спісаны не будуць (Esc)</translation>
    </message>
</context>
<context>
    <name>CouponList</name>
    <message>
        <location filename="../../widgets/checkout/coupon_list.py" line="+97"/>
        <location line="+70"/>
        <source>Remove coupon</source>
        <translation>Прыбраць купон</translation>
    </message>
    <message>
        <location line="-69"/>
        <location line="+70"/>
        <source>Take this coupon off the receipt</source>
        <translation>Прыбраць гэты купон з чэка</translation>
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
        <translation>не правераны: праграма лаяльнасці недаступная</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+42"/>
        <source>+%1 bonuses</source>
        <translation>+%1 бонусаў</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>applies</source>
        <translation>ужыты</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>valid on purchases from %1</source>
        <translation>дзейнічае з пакупкі ад %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expired on %1</source>
        <translation>скончыўся %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no such coupon</source>
        <translation>такога купона няма</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>already used</source>
        <translation>ужо скарыстаны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expired</source>
        <translation>скончыўся</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not valid yet</source>
        <translation>яшчэ не дзейнічае</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the purchase is below the coupon&apos;s minimum</source>
        <translation>сума пакупкі меншая за мінімальную для купона</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only for its owner</source>
        <translation>толькі для ўладальніка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing on the receipt it applies to</source>
        <translation>у чэку няма тавараў, да якіх ён ужываецца</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>held by another receipt</source>
        <translation>заняты іншым чэкам</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>does not apply</source>
        <translation>не ўжываецца</translation>
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
        <translation>×%1 бонусаў</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>from %1</source>
        <translation>ад %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>until %1</source>
        <translation>да %1</translation>
    </message>
    <message>
        <location filename="../../app/checkout/offline_texts.py" line="-7"/>
        <source>Coupons cannot be checked offline: the coupon is not applied. Keep it for the next visit.</source>
        <translation>Без сувязі купоны праверыць нельга: купон не ўжыты. Захавайце яго да наступнай пакупкі.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/session.py" line="-670"/>
        <source>This is not a coupon code: a coupon&apos;s code starts with 99.</source>
        <translation>Гэта не код купона: код купона пачынаецца з 99.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This receipt is finished: scan the coupon on the next receipt.</source>
        <translation>Гэты чэк завершаны: адскануйце купон у наступным чэку.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This coupon is already on the receipt.</source>
        <translation>Гэты купон ужо ў чэку.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No such coupon. Check the code.</source>
        <translation>Такога купона няма. Праверце код.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This loyalty service does not take coupons: the coupon is not applied.</source>
        <translation>Гэтая праграма лаяльнасці не прымае купоны: купон не ўжыты.</translation>
    </message>
</context>
<context>
    <name>CustomerCard</name>
    <message>
        <location filename="../../widgets/checkout/customer_card.py" line="-42"/>
        <source>Card {number}</source>
        <translation>Картка {number}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Card blocked: bonuses cannot be earned or spent</source>
        <translation>Картка заблакаваная: бонусы не налічваюцца і не спісваюцца</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Card not activated: bonuses cannot be spent yet</source>
        <translation>Картка не актываваная: бонусы пакуль нельга спісаць</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{percent} bonuses</source>
        <translation>налічэнне {percent}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{amount} expire on {date}</source>
        <translation>Згараць {date}: {amount}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Balance as of {time} (saved data)</source>
        <translation>Баланс на {time} (захаваныя даныя)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Highest tier</source>
        <translation>Найвышэйшы ўзровень</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{amount} to {tier}</source>
        <translation>Да «{tier}»: {amount}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No customer</source>
        <translation>Кліент не выбраны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the card or type the phone number (F2)</source>
        <translation>Адскануйце картку або ўвядзіце нумар тэлефона (F2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset customer</source>
        <translation>Скінуць кліента</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove the customer from this receipt (Esc)</source>
        <translation>Прыбраць кліента з гэтага чэка (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available
bonuses</source>
        <translation>Даступна
бонусаў</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>Усяго</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>Чакаюць</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offers</source>
        <translation>Прапановы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress to the next tier</source>
        <translation>Прагрэс да наступнага ўзроўню</translation>
    </message>
</context>
<context>
    <name>DemoHostPanel</name>
    <message>
        <location filename="../../widgets/demo/demo_host.py" line="+364"/>
        <source>Receipt</source>
        <extracomment>Narrower than this per column, the buttons take fewer columns (down to two). The POS column beside the loyalty panel at 1024 px takes four: a third row of products left the receipt one row. The product buttons&apos; type sizes, largest first (`fit` in till.qss): a narrow button takes the largest in which the whole name fits in two lines, by whole words. Where none does, the smallest type takes three lines and breaks a word too long for one with a hyphen; only what still does not fit is left out, by words, after an ellipsis. The room a product name leaves inside its button: the stylesheet&apos;s padding and border. Table columns: No, name, qty, price, amount, loyalty discount, final. Below this table width the number, price and amount columns give their room to the names. A receipt row&apos;s height beyond its lines of text: the cell&apos;s padding (till.qss) and grid line.</extracomment>
        <translation>Чэк</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Receipt {number}</source>
        <translation>Чэк {number}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total {total}   Discount {discount}   To pay {final}</source>
        <translation>Сума {total}   Зніжка {discount}   Да аплаты {final}</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>No</source>
        <translation>№</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>Тавар</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qty</source>
        <translation>Кольк.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>Цана</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Сума</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount</source>
        <translation>Зніжка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final</source>
        <translation>Разам</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment received</source>
        <translation>Аплата атрымана</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer has paid: fiscalise the receipt (F8)</source>
        <translation>Пакупнік заплаціў: прабіць фіскальны чэк (F8)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close receipt</source>
        <translation>Закрыць чэк</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reserve the bonuses and ask for payment (F8)</source>
        <translation>Зарэзерваваць бонусы і перайсці да аплаты (F8)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Void receipt</source>
        <translation>Ануляваць чэк</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New receipt</source>
        <translation>Новы чэк</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return…</source>
        <translation>Вяртанне…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goods of a paid receipt come back: the POS reports the return to the till</source>
        <translation>Тавары аплачанага чэка вяртаюць: каса паведамляе пра вяртанне праграме лаяльнасці</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete removes the selected line</source>
        <translation>Delete выдаляе выбраны радок</translation>
    </message>
</context>
<context>
    <name>DemoPos</name>
    <message>
        <location filename="../../app/demo/pos.py" line="+175"/>
        <source>The demo POS cannot reach the till&apos;s host API: %1</source>
        <translation>Дэма-каса не можа звязацца з API касы: %1</translation>
    </message>
</context>
<context>
    <name>DemoReturnDialog</name>
    <message>
        <location filename="../../widgets/demo/return_dialog.py" line="+82"/>
        <source>Return (demo POS)</source>
        <translation>Вяртанне (дэма-каса)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The POS&apos;s return: pick the receipt and tick what the customer brings back.</source>
        <translation>Вяртанне на касе: выберыце чэк і адзначце, што вяртае пакупнік.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No receipt was paid in this demo yet.</source>
        <translation>У гэтым дэма яшчэ не аплачана ніводнага чэка.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Return</source>
        <translation>Вяртанне</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Адмена</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsDialog</name>
    <message>
        <location filename="../../widgets/admin/device_settings.py" line="+347"/>
        <source>Sending a test page…</source>
        <translation>Адпраўляем тэставую старонку…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Loyalty card</source>
        <translation>Картка лаяльнасці</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App QR code</source>
        <translation>QR-код з дадатку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon</source>
        <translation>Купон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Тэлефон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown code</source>
        <translation>Невядомы код</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a found scanner…</source>
        <translation>Выберыце знойдзены сканер…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No scanners found</source>
        <translation>Сканеры не знойдзены</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a found printer…</source>
        <translation>Выберыце знойдзены прынтар…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No printers found</source>
        <translation>Прынтары не знойдзены</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Devices</source>
        <translation>Прылады</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Barcode scanner</source>
        <translation>Сканер штрыхкодаў</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt printer</source>
        <translation>Прынтар чэкаў</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Found</source>
        <translation>Знойдзеныя</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Адрас</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Device address, e.g. serial:///dev/ttyACM0?baudrate=9600&amp;terminator=CR or wedge://</source>
        <translation>Адрас прылады, напрыклад serial:///dev/ttyACM0?baudrate=9600&amp;terminator=CR або wedge://</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device address, e.g. tcp://10.0.0.5:9100, usb://04b8:0202 or serial:///dev/ttyUSB0</source>
        <translation>Адрас прылады, напрыклад tcp://10.0.0.5:9100, usb://04b8:0202 або serial:///dev/ttyUSB0</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test: scan any code, it appears below.</source>
        <translation>Праверка: адскануйце любы код — ён з’явіцца ніжэй.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper</source>
        <translation>Папера</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code page</source>
        <translation>Кодавая старонка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QR codes</source>
        <translation>QR-коды</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>80 mm (48 characters)</source>
        <translation>80 мм (48 сімвалаў)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>58 mm (32 characters)</source>
        <translation>58 мм (32 сімвалы)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic</source>
        <translation>Аўтаматычна</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CP1251 (needed for і, ў)</source>
        <translation>CP1251 (патрэбна для і, ў)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CP866 (no Belarusian і)</source>
        <translation>CP866 (без беларускай і)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed by the printer</source>
        <translation>Друкуе сам прынтар</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent as an image</source>
        <translation>Адпраўляецца малюнкам</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test print</source>
        <translation>Пробны друк</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find devices again</source>
        <translation>Шукаць прылады зноў</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Захаваць</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Скасаваць</translation>
    </message>
</context>
<context>
    <name>Devices</name>
    <message>
        <location filename="../../app/devices/controller.py" line="+170"/>
        <source>Printing…</source>
        <translation>Друк…</translation>
    </message>
    <message>
        <location filename="../../app/devices/texts.py" line="+43"/>
        <source>The address must be text.</source>
        <translation>Адрас павінен быць тэкстам.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The address is empty.</source>
        <translation>Адрас не пазначаны.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The address “%1” does not say the kind of device: start it with one of %2.</source>
        <translation>У адрасе «%1» не пазначаны тып прылады: пачніце яго з аднаго з варыянтаў: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown kind of device “%1”: use one of %2.</source>
        <translation>Невядомы тып прылады «%1». Дапушчальныя: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The options “%1” cannot be read: write them as name=value joined by &amp;.</source>
        <translation>Не ўдаецца разабраць параметры «%1»: запішыце іх у выглядзе name=value праз &amp;.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 is given twice.</source>
        <translation>Параметр %1 пазначаны двойчы.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 does not apply to %2:// addresses. Known options: %3.</source>
        <translation>Параметр %1 не падыходзіць для адрасоў %2://. Дапушчальныя параметры: %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 cannot be “%2”: use one of %3.</source>
        <translation>Параметр %1 не можа мець значэнне «%2». Дапушчальныя значэнні: %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 must be a whole number, not “%2”.</source>
        <translation>Параметр %1 павінен быць цэлым лікам, а не «%2».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 must be from %2 to %3, not %4.</source>
        <translation>Параметр %1 павінен быць ад %2 да %3, а не %4.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 must be 1 (on) or 0 (off), not “%2”.</source>
        <translation>Параметр %1 павінен быць 1 (укл.) або 0 (выкл.), а не «%2».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The paper width (width) must be 58 or 80 mm, not “%1”.</source>
        <translation>Шырыня паперы (width) павінна быць 58 або 80 мм, а не «%1».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The timeout must be a number of seconds, not “%1”.</source>
        <translation>Тайм-аўт павінен быць колькасцю секунд, а не «%1».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The timeout must be above 0 and at most %1 seconds, not %2.</source>
        <translation>Тайм-аўт павінен быць больш за 0 і не больш за %1 с, а не %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A network printer&apos;s address needs its host name or IP address, e.g. tcp://10.0.0.5:9100.</source>
        <translation>У адрасе сеткавага прынтара трэба пазначыць імя хоста або IP-адрас, напрыклад tcp://10.0.0.5:9100.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” is not a host name or IP address.</source>
        <translation>«%1» — не імя хоста і не IP-адрас.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The IPv6 address in “%1” has no closing bracket “]”.</source>
        <translation>У IPv6-адрасе «%1» няма закрывальнай дужкі «]».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unexpected “%1” after the IPv6 address: only a port (:9100) may follow it.</source>
        <translation>Лішняе «%1» пасля IPv6-адраса: за ім можа ісці толькі порт (:9100).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write an IPv6 address in brackets: tcp://[%1]:9100.</source>
        <translation>Запішыце IPv6-адрас у квадратных дужках: tcp://[%1]:9100.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The port “%1” must be a number from 1 to 65535.</source>
        <translation>Порт «%1» павінен быць лікам ад 1 да 65535.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A serial address needs the port, e.g. serial:///dev/ttyUSB0 or serial://COM3.</source>
        <translation>У адрасе serial:// трэба пазначыць порт, напрыклад serial:///dev/ttyUSB0 або serial://COM3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” is not a serial port.</source>
        <translation>«%1» — не паслядоўны порт.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A USB address needs the printer&apos;s id VENDOR:PRODUCT, e.g. usb://04b8:0202.</source>
        <translation>У USB-адрасе трэба пазначыць ідэнтыфікатар прынтара VENDOR:PRODUCT, напрыклад usb://04b8:0202.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The USB id “%1” must be VENDOR:PRODUCT in hexadecimal, e.g. 04b8:0202.</source>
        <translation>Ідэнтыфікатар USB «%1» павінен мець выгляд VENDOR:PRODUCT у шаснаццатковым запісе, напрыклад 04b8:0202.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>USB vendor and product ids are 4 hexadecimal digits each (0000 to ffff).</source>
        <translation>Коды вытворцы і прылады USB — па 4 шаснаццатковыя лічбы (ад 0000 да ffff).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” is not a USB serial number.</source>
        <translation>«%1» — не серыйны нумар USB-прылады.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A file address needs the path of the printer device, e.g. file:///dev/usb/lp0.</source>
        <translation>У адрасе file:// трэба пазначыць шлях да прылады прынтара, напрыклад file:///dev/usb/lp0.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” is not a path of a printer device.</source>
        <translation>«%1» — не шлях да прылады прынтара.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A CUPS address needs the queue name, e.g. cups://Receipt.</source>
        <translation>У адрасе CUPS трэба пазначыць імя чаргі, напрыклад cups://Receipt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The CUPS queue name “%1” may not contain spaces, control characters, “/” or “#”.</source>
        <translation>Імя чаргі CUPS «%1» не павінна змяшчаць прабелаў, кіравальных сімвалаў, «/» і «#».</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A Windows printer&apos;s address needs its name, without spaces around it, e.g. win32://POS-80.</source>
        <translation>У адрасе прынтара Windows трэба пазначыць яго імя без прабелаў па краях, напрыклад win32://POS-80.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The Windows printer name “%1” may not contain control characters.</source>
        <translation>Імя прынтара Windows «%1» не павінна змяшчаць кіравальных сімвалаў.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With terminator=none, gap_ms= is needed too, to tell where a code ends.</source>
        <translation>Пры terminator=none патрэбны яшчэ і gap_ms=, каб вызначаць, дзе заканчваецца код.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A keyboard scanner&apos;s address has nothing after wedge:// but options, e.g. wedge://?suffix=Enter.</source>
        <translation>У адрасе сканера ў рэжыме клавіятуры пасля wedge:// пазначаюцца толькі параметры, напрыклад wedge://?suffix=Enter.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>This scanner address cannot be used. Examples: wedge:// (keyboard scanner), serial:///dev/ttyACM0?baudrate=9600.</source>
        <translation>Гэты адрас сканера не падыходзіць. Прыклады: wedge:// (сканер у рэжыме клавіятуры), serial:///dev/ttyACM0?baudrate=9600.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This printer address cannot be used. Examples: tcp://10.0.0.5:9100, usb://04b8:0202, serial:///dev/ttyUSB0.</source>
        <translation>Гэты адрас прынтара не падыходзіць. Прыклады: tcp://10.0.0.5:9100, usb://04b8:0202, serial:///dev/ttyUSB0.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The scanner cannot be used: %1 Ask the admin (Admin &gt; Devices).</source>
        <translation>Сканер нельга выкарыстоўваць: %1 Звярніцеся да адміністратара (Адміністратар &gt; Прылады).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The receipt printer cannot be used: %1 Ask the admin (Admin &gt; Devices).</source>
        <translation>Прынтар чэкаў нельга выкарыстоўваць: %1 Звярніцеся да адміністратара (Адміністратар &gt; Прылады).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Device settings are wrong: %1 Ask the admin (Admin &gt; Devices).</source>
        <translation>Памылка ў наладах прылад: %1 Звярніцеся да адміністратара (Адміністратар &gt; Прылады).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>CUPS queue %1</source>
        <translation>Чарга CUPS %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Serial port %1</source>
        <translation>Паслядоўны порт %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>USB printer</source>
        <translation>USB-прынтар</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 [USB %2]</source>
        <translation>%1 [USB %2]</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Printer is not taking the slip</source>
        <translation>Прынтар не прымае чэк</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer connection was reset</source>
        <translation>Злучэнне з прынтарам скінута</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer did not confirm the slip</source>
        <translation>Прынтар не пацвердзіў друк чэка</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printed</source>
        <translation>Надрукавана</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer not answering: is it on and connected?</source>
        <translation>Прынтар не адказвае: ён уключаны і падлучаны?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer out of paper</source>
        <translation>У прынтары скончылася папера</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer cover open</source>
        <translation>Адкрыта вечка прынтара</translation>
    </message>
    <message>
        <location filename="../../app/devices/controller.py" line="+10"/>
        <location filename="../../app/devices/texts.py" line="+1"/>
        <source>Printer error</source>
        <translation>Памылка прынтара</translation>
    </message>
    <message>
        <location filename="../../app/devices/texts.py" line="+8"/>
        <source>Scanner connected</source>
        <translation>Сканер падлучаны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner disconnected</source>
        <translation>Сканер адлучаны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Looking for the scanner…</source>
        <translation>Пошук сканера…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner stopped</source>
        <translation>Сканер спынены</translation>
    </message>
    <message>
        <location filename="../../app/devices/setup.py" line="+129"/>
        <source>Nothing was printed: the printer address is not valid.</source>
        <extracomment>Added to the printer&apos;s own timeout before a test print is given up on screen: the job may wait for the test worker&apos;s thread and the transport&apos;s last status read.</extracomment>
        <translation>Нічога не надрукавана: няправільны адрас прынтара.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The printer did not answer within %1 s: is it on and connected?</source>
        <translation>Прынтар не адказаў за %1 с: ён уключаны і падлучаны?</translation>
    </message>
</context>
<context>
    <name>DiscardReasonDialog</name>
    <message>
        <location filename="../../widgets/admin/queue_dialog.py" line="+165"/>
        <location line="+7"/>
        <source>Discard</source>
        <extracomment>Filter values emitted by `filter_changed` (&quot;&quot; = all states).</extracomment>
        <translation>Прыбраць з чаргі</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>{what}
It will never reach the loyalty service. Write why (required), for example: the customer&apos;s points were corrected by the head office.</source>
        <translation>{what}
Аперацыя так і не трапіць у сэрвіс лаяльнасці. Пазначце прычыну (абавязкова), напрыклад: балы кліента выпраўлены ў галоўным офісе.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel</source>
        <translation>Скасаваць</translation>
    </message>
</context>
<context>
    <name>HostApi</name>
    <message>
        <location filename="../../app/checkout/host_receipts.py" line="-240"/>
        <source>Receipt %1 awaits payment: report it paid or void first.</source>
        <translation>Чэк %1 чакае аплаты: спачатку паведаміце пра аплату або анулюйце яго.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Identify the customer first.</source>
        <translation>Спачатку вызначце кліента.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Receipt %1 was paid with fiscal document No. %2.</source>
        <translation>Чэк %1 аплачаны, фіскальны дакумент № %2.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Receipt %1 is paid: make a return instead.</source>
        <translation>Чэк %1 аплачаны: аформіце вяртанне.</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>No receipt %1 is open at this till.</source>
        <translation>На гэтай касе няма адкрытага чэка %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Receipt %1 is already paid.</source>
        <translation>Чэк %1 ужо аплачаны.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receipt %1 is voided.</source>
        <translation>Чэк %1 ануляваны.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Receipt %1 cannot do that now: it is at %2.</source>
        <translation>З чэкам %1 зараз гэтага зрабіць нельга: яго стан — %2.</translation>
    </message>
    <message>
        <location filename="../../app/host_api/api.py" line="+131"/>
        <location line="+23"/>
        <location line="+120"/>
        <source>The till did not answer in time; repeat the call.</source>
        <translation>Каса не адказала своечасова; паўтарыце запыт.</translation>
    </message>
    <message>
        <location line="-138"/>
        <location line="+132"/>
        <source>The till is starting; repeat the call shortly.</source>
        <translation>Каса запускаецца; паўтарыце запыт крыху пазней.</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>Unexpected error in the till; the receipt is kept. Repeat the call.</source>
        <translation>Нечаканая памылка касы; чэк захаваны. Паўтарыце запыт.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This till takes no returns.</source>
        <translation>Гэтая каса не прымае вяртанні.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Unexpected error in the till; the return was not made. Repeat the call.</source>
        <translation>Нечаканая памылка касы; вяртанне не аформлена. Паўтарыце запыт.</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>Unexpected error in the till. Repeat the call.</source>
        <translation>Нечаканая памылка касы. Паўтарыце запыт.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The shift must end after it starts: give &quot;to&quot; later than &quot;from&quot;.</source>
        <translation>Канец змены павінен быць пазней за пачатак: пазначце &quot;to&quot; пазней, чым &quot;from&quot;.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; is not a time in ISO 8601 with its UTC offset, e.g. 2026-12-05T08:00:00+03:00.</source>
        <translation>«%1» — не час у фармаце ISO 8601 са зрушэннем ад UTC, напрыклад 2026-12-05T08:00:00+03:00.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No such path in the host API: see /v1/openapi.json.</source>
        <translation>У API касы няма такога шляху: гл. /v1/openapi.json.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This path does not take that method: see /v1/openapi.json.</source>
        <translation>Гэты шлях не прымае такі метад: гл. /v1/openapi.json.</translation>
    </message>
    <message>
        <location filename="../../app/host_api/errors.py" line="+59"/>
        <source>A receipt may have at most 1000 lines.</source>
        <translation>У чэку можа быць не больш за 1000 радкоў.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The body is not valid JSON.</source>
        <translation>Цела запыту — не карэктны JSON.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The request is not valid: %1 (%2).</source>
        <translation>Запыт памылковы: %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../app/host_api/guard.py" line="+63"/>
        <source>This API answers only requests to 127.0.0.1, localhost or [::1].</source>
        <translation>Гэты API адказвае толькі на запыты да 127.0.0.1, localhost або [::1].</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give the till&apos;s token: Authorization: Bearer &lt;token&gt;.</source>
        <translation>Пакажыце токен касы: Authorization: Bearer &lt;token&gt;.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The request is too large: at most 1 MiB.</source>
        <translation>Запыт занадта вялікі: не больш за 1 МіБ.</translation>
    </message>
</context>
<context>
    <name>Identify</name>
    <message>
        <location filename="../../app/checkout/identify_input.py" line="+19"/>
        <source>Type a phone number or scan a card.</source>
        <translation>Увядзіце нумар тэлефона або адскануйце картку.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Too long for a phone or a card.</source>
        <translation>Задоўга для тэлефона або карткі.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong card number: the check digit does not match.</source>
        <translation>Няправільны нумар карткі: не супадае кантрольная лічба.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrong coupon code: the check digit does not match.</source>
        <translation>Няправільны код купона: не супадае кантрольная лічба.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The app QR was not read correctly. Scan it again.</source>
        <translation>QR-код праграмы счытаны з памылкай. Адскануйце яго яшчэ раз.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is not a phone number.</source>
        <translation>Гэта не нумар тэлефона.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown code: not a loyalty card, app QR or coupon.</source>
        <translation>Невядомы код: гэта не картка лаяльнасці, не QR-код праграмы і не купон.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>That is a product barcode, not a loyalty card.</source>
        <translation>Гэта штрыхкод тавару, а не картка лаяльнасці.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The scan could not be read. Scan again.</source>
        <translation>Код не прачытаны. Адскануйце яшчэ раз.</translation>
    </message>
</context>
<context>
    <name>IdentifyPanel</name>
    <message>
        <location filename="../../widgets/checkout/identify_panel.py" line="+111"/>
        <location line="+1"/>
        <source>Phone, card or code</source>
        <translation>Тэлефон, картка або код</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Searching…</source>
        <translation>Пошук…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Find</source>
        <translation>Знайсці</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find the customer (F2 puts the cursor here)</source>
        <translation>Знайсці кліента (F2 ставіць курсор сюды)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register</source>
        <translation>Зарэгістраваць</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register the customer in the loyalty program with this phone</source>
        <translation>Зарэгістраваць пакупніка ў праграме лаяльнасці з гэтым тэлефонам</translation>
    </message>
</context>
<context>
    <name>IntegrationDialog</name>
    <message>
        <location filename="../../widgets/admin/integration_dialog.py" line="+125"/>
        <location line="+38"/>
        <source>Hide</source>
        <translation>Схаваць</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+38"/>
        <source>Show</source>
        <translation>Паказаць</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>The token is on the clipboard: paste it into the POS&apos;s settings.</source>
        <translation>Токен скапіраваны ў буфер абмену: устаўце яго ў налады касавай праграмы.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Running: the POS on this computer can reach the till.</source>
        <translation>Працуе: касавая праграма на гэтым камп&apos;ютары можа звязацца з касай.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off in the settings ([host_api] enabled).</source>
        <translation>Выключаны ў наладах ([host_api] enabled).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off: %1</source>
        <translation>Выключаны: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not started yet.</source>
        <translation>Яшчэ не запушчаны.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Integration with the POS</source>
        <translation>Сувязь з касавай праграмай</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Адрас</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Token</source>
        <translation>Токен</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hidden: press Show</source>
        <translation>Схаваны: націсніце «Паказаць»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy</source>
        <translation>Капіраваць</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The POS sends it as: Authorization: Bearer &lt;token&gt;</source>
        <translation>Касавая праграма перадае яго так: Authorization: Bearer &lt;token&gt;</translation>
    </message>
</context>
<context>
    <name>LoyaltyPanel</name>
    <message>
        <location filename="../../widgets/checkout/loyalty_panel.py" line="+205"/>
        <source>Waiting for the POS: the receipt shows here when the POS sends it.</source>
        <translation>Чакаем касавую праграму: чэк з&apos;явіцца тут, калі яна яго дашле.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../widgets/checkout/message_bar.py" line="+186"/>
        <source>Dismiss the message</source>
        <extracomment>Severities, as the `severity` property the stylesheet colours by. A warning with a short form shows that form where its whole text would take more lines than this: the customer&apos;s card under the line keeps its room.</extracomment>
        <translation>Схаваць паведамленне</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <location filename="../../app/checkout/notices.py" line="+50"/>
        <source>The loyalty service is busy (too many requests). Try again in a moment.</source>
        <translation>Праграма лаяльнасці перагружана (занадта шмат запытаў). Паўтарыце праз імгненне.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loyalty service unavailable. Sell without bonuses or try again.</source>
        <translation>Сэрвіс лаяльнасці недаступны. Прадайце без бонусаў або паспрабуйце яшчэ раз.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The loyalty service refused the till&apos;s key. Sell without bonuses and call the administrator.</source>
        <translation>Праграма лаяльнасці не прыняла ключ касы. Прадавайце без бонусаў і паклічце адміністратара.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The loyalty service&apos;s address is wrong (no such account). Sell without bonuses and call the administrator.</source>
        <translation>Няправільны адрас праграмы лаяльнасці (няма такога акаўнта). Прадавайце без бонусаў і паклічце адміністратара.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The till&apos;s loyalty settings are wrong. Sell without bonuses and call the administrator.</source>
        <translation>Налады праграмы лаяльнасці на касе няправільныя. Прадавайце без бонусаў і паклічце адміністратара.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The loyalty service cannot do this. Nothing was changed for bonuses.</source>
        <translation>Праграма лаяльнасці гэтага не ўмее. Бонусы не змяніліся.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customer not found. Check the number or card.</source>
        <translation>Кліента не знойдзена. Праверце нумар або картку.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This card is blocked. Bonuses cannot be used.</source>
        <translation>Гэтая картка заблакаваная. Бонусы выкарыстоўваць нельга.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card not activated: bonuses are earned but cannot be spent yet.</source>
        <translation>Картка не актываваная: бонусы налічваюцца, але пакуль не спісваюцца.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not enough bonuses for this redemption.</source>
        <translation>Недастаткова бонусаў для такога спісання.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That is more than can be redeemed on this receipt.</source>
        <translation>Гэта больш, чым можна спісаць па гэтым чэку.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A code from the customer&apos;s phone is needed to redeem this amount.</source>
        <translation>Каб спісаць гэтую суму, патрэбны код з тэлефона кліента.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+21"/>
        <source>Wrong or expired code. Ask again.</source>
        <translation>Няправільны або пратэрмінаваны код. Запытайце зноў.</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>The loyalty service does not know this sale.</source>
        <translation>Сэрвіс лаяльнасці не ведае гэтага продажу.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More returned than was bought.</source>
        <translation>Вернута больш, чым было куплена.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loyalty service refused the request.</source>
        <translation>Сэрвіс лаяльнасці адхіліў запыт.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loyalty service error: %1</source>
        <translation>Памылка сэрвісу лаяльнасці: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This code has expired. Ask for the code from the newest message: that one still works.</source>
        <translation>Тэрмін дзеяння гэтага кода скончыўся. Папрасіце код з апошняга паведамлення: ён яшчэ дзейнічае.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No valid code is left to try. Press Send again for a new code.</source>
        <translation>Дзейных кодаў не засталося. Націсніце «Адправіць зноў», каб атрымаць новы код.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrong code. Tries left: %1.</source>
        <translation>Няправільны код. Засталося спроб: %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The loyalty service is not configured on this till (no API key). Sell without bonuses and call the administrator.</source>
        <translation>Праграма лаяльнасці на гэтай касе не наладжана (няма API-ключа). Прадавайце без бонусаў і паклічце адміністратара.</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <location filename="../../widgets/checkout/offline_banner.py" line="+81"/>
        <source>No connection to the loyalty service. Waiting to be sent: {count}</source>
        <extracomment>Modes, as the `mode` property the stylesheet colours by.</extracomment>
        <translation>Няма сувязі з сэрвісам. Чакаюць адпраўкі: {count}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No connection to the loyalty service.</source>
        <translation>Няма сувязі з сэрвісам.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sending to the service: {count}…</source>
        <translation>Адпраўляецца ў сэрвіс: {count}…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Need attention (admin): {count}</source>
        <translation>Патрабуюць увагі адміністратара: {count}</translation>
    </message>
</context>
<context>
    <name>OfflinePolicyDialog</name>
    <message>
        <location filename="../../widgets/admin/offline_policy_dialog.py" line="+123"/>
        <source>Give a daily limit above zero, or refuse spending offline.</source>
        <translation>Пакажыце дзённы ліміт больш за нуль або забараніце спісанне без сувязі.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Offline selling</source>
        <translation>Продажы без сувязі</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When the loyalty service cannot be reached, sales go on and bonuses are credited later. May customers spend bonuses meanwhile?</source>
        <translation>Калі сэрвіс лаяльнасці недаступны, продажы працягваюцца, а бонусы налічваюцца пазней. Ці можна кліентам у гэты час спісваць бонусы?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No, wait for the service (recommended)</source>
        <translation>Не, чакаць сувязі з сэрвісам (рэкамендуецца)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes, with the admin PIN each time</source>
        <translation>Так, кожны раз з PIN-кодам адміністратара</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Daily limit per customer, points:</source>
        <translation>Дзённы ліміт на кліента, бонусаў:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Never more than the balance last seen, less what this till spent since; not for customers identified by the app&apos;s QR code.</source>
        <translation>Не больш за апошні вядомы баланс за вылікам спісанага з таго часу на гэтай касе; не для кліентаў, знойдзеных па QR-кодзе праграмы.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save</source>
        <translation>Захаваць</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Скасаваць</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../widgets/admin/pin_dialog.py" line="+257"/>
        <source>The two PINs are different. Type the new PIN again.</source>
        <translation>PIN-коды не супадаюць. Увядзіце новы PIN яшчэ раз.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Too many wrong attempts. Try again in {seconds} s.</source>
        <translation>Занадта шмат няправільных спроб. Паспрабуйце праз {seconds} с.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+14"/>
        <source>Admin PIN</source>
        <translation>PIN адміністратара</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Enter the admin PIN</source>
        <translation>Увядзіце PIN адміністратара</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Approval</source>
        <translation>Пацвярджэнне</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The admin approves it with the PIN.</source>
        <translation>Адміністратар пацвярджае гэта PIN-кодам.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>Digits only</source>
        <translation>Толькі лічбы</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Approve</source>
        <translation>Пацвердзіць</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open</source>
        <translation>Адкрыць</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>New admin PIN</source>
        <translation>Новы PIN адміністратара</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The admin PIN is too short now. Choose a new one: 6 to 12 digits</source>
        <translation>PIN адміністратара карацейшы, чым цяпер патрабуецца. Задайце новы: ад 6 да 12 лічбаў</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Later</source>
        <translation>Пазней</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+5"/>
        <source>The PIN protects the device settings and the sending queue.</source>
        <translation>PIN абараняе налады прылад і чаргу адпраўкі.</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+5"/>
        <source>Save PIN</source>
        <translation>Захаваць PIN</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Choose the admin PIN: 6 to 12 digits</source>
        <translation>Задайце PIN адміністратара: ад 6 да 12 лічбаў</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>New PIN</source>
        <translation>Новы PIN</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Repeat</source>
        <translation>Яшчэ раз</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repeat the new PIN</source>
        <translation>Паўтарыце новы PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Скасаваць</translation>
    </message>
</context>
<context>
    <name>PrinterStatusIndicator</name>
    <message>
        <location filename="../../widgets/admin/printer_status.py" line="+79"/>
        <source>Printer ready</source>
        <translation>Прынтар гатовы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printing…</source>
        <translation>Друк…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer not responding</source>
        <translation>Прынтар не адказвае</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer: no paper</source>
        <translation>Прынтар: няма паперы</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No printer</source>
        <translation>Няма прынтара</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reprint</source>
        <translation>Паўтарыць</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Printer: cover open</source>
        <translation>Прынтар: адкрыта вечка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer error</source>
        <translation>Памылка прынтара</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Print the last loyalty slip again</source>
        <translation>Яшчэ раз надрукаваць апошні бонусны чэк</translation>
    </message>
</context>
<context>
    <name>QueueDialog</name>
    <message>
        <location filename="../../widgets/admin/queue_dialog.py" line="+177"/>
        <location line="+199"/>
        <source>Waiting</source>
        <translation>Чакае</translation>
    </message>
    <message>
        <location line="-198"/>
        <location line="+199"/>
        <source>Being sent</source>
        <translation>Адпраўляецца</translation>
    </message>
    <message>
        <location line="-198"/>
        <location line="+199"/>
        <source>Delivered</source>
        <translation>Дастаўлена</translation>
    </message>
    <message>
        <location line="-198"/>
        <source>✖ Failed</source>
        <translation>✖ Памылка</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sale</source>
        <translation>Продаж</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancellation</source>
        <translation>Ануляванне</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund</source>
        <translation>Вяртанне</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Failed: {count}</source>
        <translation>З памылкай: {count}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waiting: {count}</source>
        <translation>Чакаюць: {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Being sent: {count}</source>
        <translation>Адпраўляюцца: {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered: {count}</source>
        <translation>Дастаўлена: {count}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Set aside by the admin: {note}</source>
        <translation>Адкладзена адміністратарам: {note}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The loyalty service could not be reached; it will be sent again automatically.</source>
        <translation>Няма сувязі з сэрвісам лаяльнасці; адпраўка паўторыцца аўтаматычна.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The loyalty service does not know this customer.</source>
        <translation>Сэрвіс лаяльнасці не ведае гэтага кліента.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s card is blocked.</source>
        <translation>Картка кліента заблакаваная.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s card is not activated: points cannot be spent.</source>
        <translation>Картка кліента не актываваная: спісваць балы нельга.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer did not have enough points for this receipt.</source>
        <translation>У кліента не хапіла балаў для гэтага чэка.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More points were spent than the program allows on this receipt.</source>
        <translation>Спісана больш балаў, чым праграма дазваляе па гэтым чэку.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loyalty service asks for the customer&apos;s one-time code.</source>
        <translation>Сэрвіс лаяльнасці запытвае аднаразовы код кліента.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s one-time code was wrong or has expired.</source>
        <translation>Аднаразовы код кліента няправільны або пратэрмінаваны.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loyalty service does not know the sale this refers to.</source>
        <translation>Сэрвіс лаяльнасці не ведае продажу, да якога гэта адносіцца.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More is being returned than was bought in the sale.</source>
        <translation>Вяртаецца больш, чым было куплена ў гэтым продажы.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loyalty service refused the receipt&apos;s data. Call support.</source>
        <translation>Сэрвіс лаяльнасці адхіліў даныя чэка. Звярніцеся ў падтрымку.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The till&apos;s record of this receipt is damaged and cannot be sent. Call support.</source>
        <translation>Запіс гэтага чэка на касе пашкоджаны, яго нельга адправіць. Звярніцеся ў падтрымку.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The till failed while sending; it will try again automatically.</source>
        <translation>Збой касы пры адпраўцы; каса паўторыць спробу аўтаматычна.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The loyalty service refused it. Call support.</source>
        <translation>Сэрвіс лаяльнасці адхіліў аперацыю. Звярніцеся ў падтрымку.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sale No. {number}</source>
        <translation>Продаж № {number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancellation of sale No. {number}</source>
        <translation>Ануляванне продажу № {number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund for sale No. {number}</source>
        <translation>Вяртанне па продажы № {number}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not known at this till</source>
        <translation>Невядомы на гэтай касе</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No. {number}</source>
        <translation>№ {number}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Transaction {id}</source>
        <translation>Транзакцыя {id}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>customer number {id}</source>
        <translation>нумар кліента {id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attempts: {count}</source>
        <translation>спроб: {count}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Technical reason: {error}</source>
        <translation>Тэхнічная прычына: {error}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Next attempt at {time}.</source>
        <translation>Наступная спроба ў {time}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select a line to see its details.</source>
        <translation>Выберыце радок, каб убачыць падрабязнасці.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{operation} of {time}, customer: {customer}.</source>
        <translation>{operation} ад {time}, кліент: {customer}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No errors.</source>
        <translation>Памылак няма.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Discard {operation} of {time}, customer: {customer}?</source>
        <translation>Прыбраць з чаргі: {operation} ад {time}, кліент: {customer}?</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sending queue</source>
        <translation>Чарга адпраўкі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show</source>
        <translation>Паказаць</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All</source>
        <translation>Усе</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Failed</source>
        <translation>З памылкай</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt</source>
        <translation>Чэк</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Сума</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>Балы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Кліент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Прычына</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Points spent on the receipt</source>
        <translation>Балы, спісаныя па чэку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing here</source>
        <translation>Тут пуста</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry</source>
        <translation>Паўтарыць</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the selected failed item again</source>
        <translation>Адправіць выбраную аперацыю з памылкай яшчэ раз</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard…</source>
        <translation>Прыбраць з чаргі…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give up on the selected failed item, with a reason</source>
        <translation>Больш не адпраўляць выбраную аперацыю (з прычынай)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send now</source>
        <translation>Адправіць зараз</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Закрыць</translation>
    </message>
</context>
<context>
    <name>ReceiptPrompts</name>
    <message>
        <location filename="../../widgets/checkout/receipt_prompts.py" line="+29"/>
        <source>Start a new receipt?</source>
        <translation>Пачаць новы чэк?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The open receipt has lines or a customer. Starting a new receipt drops them, and any bonuses set aside for it are released.</source>
        <translation>У адкрытым чэку ёсць тавары або кліент. Новы чэк іх скіне, а адкладзеныя для яго бонусы будуць вызвалены.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New receipt</source>
        <translation>Новы чэк</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>Keep this receipt</source>
        <translation>Пакінуць гэты чэк</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Void the receipt?</source>
        <translation>Ануляваць чэк?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The receipt is cancelled and any bonuses set aside for it are released. This cannot be undone.</source>
        <translation>Чэк будзе ануляваны, а адкладзеныя для яго бонусы вызвалены. Гэта нельга адмяніць.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Void receipt</source>
        <translation>Ануляваць чэк</translation>
    </message>
</context>
<context>
    <name>RedemptionPanel</name>
    <message>
        <location filename="../../widgets/checkout/redemption_panel.py" line="+108"/>
        <location line="+100"/>
        <source>up to {amount}</source>
        <extracomment>Digits with an optional comma or dot and up to two decimals: &quot;12&quot;, &quot;12,5&quot;, &quot;12.50&quot;.</extracomment>
        <translation>да {amount}</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+32"/>
        <source>Limited to {amount}</source>
        <translation>Не больш за {amount}</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Redeem bonuses</source>
        <translation>Спісаць бонусы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bonuses to redeem</source>
        <translation>Бонусы да спісання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum</source>
        <translation>Максімум</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redeem as much as allowed (F4)</source>
        <translation>Спісаць максімум (F4)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None</source>
        <translation>Не спісваць</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do not redeem bonuses</source>
        <translation>Не спісваць бонусы</translation>
    </message>
</context>
<context>
    <name>Registration</name>
    <message>
        <location filename="../../app/registration/enrolment.py" line="+51"/>
        <source>Registration needs the loyalty service, which cannot be reached now. Nothing was saved; register the customer once the connection is back.</source>
        <translation>Для рэгістрацыі патрэбна праграма лаяльнасці, а яна зараз недаступная. Нічога не захавана; зарэгіструйце пакупніка, калі сувязь аднавіцца.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Type the customer&apos;s first name.</source>
        <translation>Увядзіце імя пакупніка.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is not a loyalty card number. Scan the card or type its 13 digits.</source>
        <translation>Гэта не нумар карты лаяльнасці. Адскануйце карту або ўвядзіце яе 13 лічбаў.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the code the customer received.</source>
        <translation>Увядзіце код, які атрымаў пакупнік.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>This loyalty service does not take registrations at the till.</source>
        <translation>Гэтая праграма лаяльнасці не прымае рэгістрацыю на касе.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The loyalty service refused the registration: %1</source>
        <translation>Праграма лаяльнасці адмовіла ў рэгістрацыі: %1</translation>
    </message>
    <message>
        <location filename="../../app/registration/screen.py" line="+105"/>
        <source>Registration cancelled: the customer is not registered, nothing was saved.</source>
        <translation>Рэгістрацыя адменена: пакупнік не зарэгістраваны, нічога не захавана.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>That is not a loyalty card: scan the printed card to link.</source>
        <translation>Гэта не карта лаяльнасці: адскануйце друкаваную карту, каб прывязаць яе.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/session.py" line="+32"/>
        <source>%1 is registered and earns bonuses on this receipt.</source>
        <translation>%1 зарэгістраваны(ая) і атрымлівае бонусы па гэтым чэку.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Type the customer&apos;s mobile phone number.</source>
        <translation>Увядзіце нумар мабільнага тэлефона пакупніка.</translation>
    </message>
</context>
<context>
    <name>RegistrationDialog</name>
    <message>
        <location filename="../../widgets/registration/dialog.py" line="+217"/>
        <source>Type the customer&apos;s mobile phone number.</source>
        <translation>Увядзіце нумар мабільнага тэлефона пакупніка.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the customer&apos;s first name.</source>
        <translation>Увядзіце імя пакупніка.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Birth date: type it as DD.MM.YYYY, or leave it empty.</source>
        <translation>Дата нараджэння: увядзіце як ДД.ММ.ГГГГ або пакіньце пустой.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A card number has 13 digits: scan the card or leave the field empty.</source>
        <translation>У нумары карты 13 лічбаў: адскануйце карту або пакіньце поле пустым.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Register a customer</source>
        <translation>Рэгістрацыя пакупніка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Тэлефон</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>First name</source>
        <translation>Імя</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Birth date (optional)</source>
        <translation>Дата нараджэння (неабавязкова)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card (optional)</source>
        <translation>Карта (неабавязкова)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DD.MM.YYYY</source>
        <translation>ДД.ММ.ГГГГ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan or type the printed card</source>
        <translation>Адскануйце або ўвядзіце друкаваную карту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agrees to receive offers</source>
        <translation>Згодны(ая) атрымліваць прапановы</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>I agree that the store may send me news and personal offers of its loyalty program by SMS and messengers, and may process my phone number, name and birth date for this purpose. I may withdraw this consent at any time at the till or by replying STOP.</source>
        <translation>Я згодны(ая), што крама можа дасылаць мне навіны і персанальныя прапановы праграмы лаяльнасці па SMS і ў месенджарах і апрацоўваць для гэтага мае нумар тэлефона, імя і дату нараджэння. Я магу адклікаць згоду ў любы момант на касе або адказаўшы STOP.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Send code</source>
        <translation>Адправіць код</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a one-time code to the customer&apos;s phone</source>
        <translation>Адправіць аднаразовы код на тэлефон пакупніка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Адмена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the registration: nothing is saved (Esc)</source>
        <translation>Спыніць рэгістрацыю: нічога не захаваецца (Esc)</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../widgets/returns/return_dialog.py" line="+205"/>
        <source>Receipt %1 of %2, %3</source>
        <translation>Чэк %1 ад %2, %3</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The till did not keep this sale&apos;s points per line: the loyalty program counts them.</source>
        <translation>Каса не захавала бонусы гэтага продажу па радках: іх палічыць праграма лаяльнасці.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Points taken back: %1
Points given back: %2</source>
        <translation>Будзе знята бонусаў: %1
Будзе вернута бонусаў: %2</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Looking for receipt %1…</source>
        <translation>Шукаем чэк %1…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Opening receipt %1…</source>
        <translation>Адкрываем чэк %1…</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+61"/>
        <source>Tick the lines that come back.</source>
        <translation>Адзначце радкі вяртання.</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Making the return…</source>
        <translation>Афармляем вяртанне…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>earned %1</source>
        <translation>налічана %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Today&apos;s sales with a customer</source>
        <translation>Сённяшнія продажы з пакупніком</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No sales with a customer today</source>
        <translation>Сёння няма продажаў з пакупніком</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Return</source>
        <translation>Вяртанне</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan the original receipt, type its number, or pick it from today&apos;s sales.</source>
        <translation>Адскануйце зыходны чэк, увядзіце яго нумар або выберыце са сённяшніх продажаў.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receipt number</source>
        <translation>Нумар чэка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find</source>
        <translation>Знайсці</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of the POS&apos;s return receipt</source>
        <translation>Нумар чэка вяртання на касе</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other receipt</source>
        <translation>Іншы чэк</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm return</source>
        <translation>Пацвердзіць вяртанне</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick the lines that come back and type the number of the POS&apos;s return receipt</source>
        <translation>Адзначце радкі вяртання і ўвядзіце нумар чэка вяртання на касе</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Закрыць</translation>
    </message>
</context>
<context>
    <name>ReturnLineRow</name>
    <message>
        <location filename="../../widgets/returns/return_lines.py" line="+139"/>
        <source>sold %1 for %2</source>
        <translation>прададзена %1 на %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>earned %1</source>
        <translation>налічана %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paid with points %1</source>
        <translation>аплачана бонусамі %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned in full</source>
        <translation>вернута цалкам</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned before %1</source>
        <translation>ужо вернута %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How much comes back: at most %1</source>
        <translation>Колькі вяртаецца: не больш за %1</translation>
    </message>
</context>
<context>
    <name>Returns</name>
    <message>
        <location filename="../../app/returns/texts.py" line="+27"/>
        <source>No sale of receipt %1 with a customer on this till. For a sale made on another till, give its original transaction id.</source>
        <translation>На гэтай касе няма продажу па чэку %1 з пакупніком. Для продажу на іншай касе пазначце яе зыходны ідэнтыфікатар транзакцыі.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Line %1: %2 sold, %3 returned before; %4 more cannot be returned.</source>
        <translation>Радок %1: прададзена %2, ужо вернута %3; яшчэ %4 вярнуць нельга.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The sale has no line %1.</source>
        <translation>У продажы няма радка %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line %1: the quantity returned must be above zero.</source>
        <translation>Радок %1: колькасць вяртання павінна быць больш за нуль.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>List the lines returned, each line once.</source>
        <translation>Пералічыце радкі вяртання, кожны адзін раз.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Return %1 was made before with other lines or another receipt.</source>
        <translation>Вяртанне %1 ужо аформлена з іншымі радкамі або па іншым чэку.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No return %1 on this till.</source>
        <translation>На гэтай касе няма вяртання %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The return cannot be made.</source>
        <translation>Вяртанне аформіць нельга.</translation>
    </message>
    <message>
        <location filename="../../app/returns/screen.py" line="+128"/>
        <location line="+166"/>
        <source>Confirmed by the loyalty program: %1 points taken back, %2 given back. Balance now: %3.</source>
        <translation>Пацверджана праграмай лаяльнасці: знята %1 бонусаў, вернута %2. Баланс цяпер: %3.</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>The loyalty program has not answered yet: the return waits in the queue and is sent again. The slip shows the till&apos;s figures, not yet confirmed.</source>
        <translation>Праграма лаяльнасці яшчэ не адказала: вяртанне чакае ў чарзе і будзе адпраўлена зноў. На чэку — разлік касы, яшчэ не пацверджаны.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Everything on this receipt has been returned already.</source>
        <translation>Усё па гэтым чэку ўжо вернута.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>No sale of receipt %1 with a customer on this till. Check the number; a sale without a customer needs no return here, and a sale of another till is returned there.</source>
        <translation>На гэтай касе няма продажу па чэку %1 з пакупніком. Праверце нумар; продаж без пакупніка тут не вяртаецца, а продаж іншай касы вяртаецца на ёй.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The till could not do it: %1. Nothing was returned; try again.</source>
        <translation>Каса не змагла гэта зрабіць: %1. Нічога не вернута; паспрабуйце яшчэ раз.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Return saved. The loyalty program will count the points when it receives it.</source>
        <translation>Вяртанне захавана. Праграма лаяльнасці палічыць бонусы, калі атрымае яго.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Return saved: %1 points to be taken back, %2 to be given back.</source>
        <translation>Вяртанне захавана: будзе знята %1 бонусаў, вернута %2.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The loyalty program refused this return. %1 The customer&apos;s points were not changed, and the slip says its figures are not confirmed. Tell the administrator: the refund is listed as failed in the sending queue.</source>
        <translation>Праграма лаяльнасці адхіліла гэтае вяртанне. %1 Балы пакупніка не змяніліся, а на чэку пазначана, што сумы не пацверджаны. Паведаміце адміністратару: вяртанне пазначана як няўдалае ў чарзе адпраўкі.</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>The till is offline: the return waits in the queue and is sent when the connection is back.</source>
        <translation>Каса без сувязі: вяртанне чакае ў чарзе і будзе адпраўлена, калі сувязь адновіцца.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sending it to the loyalty program…</source>
        <translation>Адпраўляем у праграму лаяльнасці…</translation>
    </message>
</context>
<context>
    <name>SaleFinishedPanel</name>
    <message>
        <location filename="../../widgets/checkout/sale_finished.py" line="+64"/>
        <source>Sale finished</source>
        <translation>Продаж завершаны</translation>
    </message>
</context>
<context>
    <name>Sandbox</name>
    <message>
        <location filename="../../app/demo/sandbox_process.py" line="+94"/>
        <source>it could not be started</source>
        <translation>яго не ўдалося запусціць</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it crashed</source>
        <translation>аварыйнае завяршэнне</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it failed (%1)</source>
        <translation>памылка (%1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it ended with exit code %1</source>
        <translation>код завяршэння %1</translation>
    </message>
</context>
<context>
    <name>SandboxLog</name>
    <message>
        <location filename="../../widgets/demo/sandbox_log.py" line="+59"/>
        <source>Code {code} sent to {to}</source>
        <translation>Код {code} адпраўлены на {to}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No code sent yet</source>
        <translation>Кодаў яшчэ не было</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>sent to {to}</source>
        <translation>адпраўлены на {to}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sandbox service: what the customer receives</source>
        <translation>Тэставы сэрвіс: што атрымлівае кліент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox service log</source>
        <translation>Журнал тэставага сэрвісу</translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <location filename="../../widgets/admin/service_dialog.py" line="+133"/>
        <source>Checking…</source>
        <translation>Правяраем…</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>A key is stored on this till (hidden).</source>
        <translation>Ключ захаваны на гэтай касе (схаваны).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No key stored.</source>
        <translation>Ключ не захаваны.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The key is given by the environment (TILL_LOYALTY_API_KEY).</source>
        <translation>Ключ зададзены ў асяроддзі (TILL_LOYALTY_API_KEY).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loyalty service</source>
        <translation>Праграма лаяльнасці</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Адрас</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>API key</source>
        <translation>API-ключ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New key</source>
        <translation>Новы ключ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type a key to store it; empty keeps the stored one</source>
        <translation>Увядзіце ключ, каб захаваць яго; пустое поле пакіне захаваны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove key</source>
        <translation>Выдаліць ключ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check connection</source>
        <translation>Праверыць падключэнне</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Захаваць</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Закрыць</translation>
    </message>
</context>
<context>
    <name>Shift</name>
    <message>
        <location filename="../../app/shift/screen.py" line="+88"/>
        <source>The shift&apos;s figures cannot be read: %1</source>
        <translation>Вынікі змены не ўдалося прачытаць: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The shift slip is sent to the slip printer.</source>
        <translation>Справаздача змены адпраўлена на прынтар.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No slip printer is set up: see Admin &gt; Devices.</source>
        <translation>Прынтар не наладжаны: гл. Адміністратар &gt; Прылады.</translation>
    </message>
</context>
<context>
    <name>ShiftSummaryDialog</name>
    <message>
        <location filename="../../widgets/shift/summary_dialog.py" line="+141"/>
        <source>Reading the shift&apos;s figures…</source>
        <extracomment>The figures in the order shown; `show_figures` takes them by these keys.</extracomment>
        <translation>Чытаем вынікі змены…</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Period: %1</source>
        <translation>Перыяд: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not yet confirmed by the loyalty service</source>
        <translation>Яшчэ не пацверджана праграмай лаяльнасці</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>confirmed %1</source>
        <translation>пацверджана %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected %1</source>
        <translation>чакаецца %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>* Not yet confirmed by the loyalty service: sales still waiting to be sent count with the till&apos;s own estimate.</source>
        <translation>* Яшчэ не пацверджана праграмай лаяльнасці: продажы, што чакаюць адпраўкі, улічаны па ацэнцы касы.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Shift summary</source>
        <translation>Вынікі змены</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sales with a customer</source>
        <translation>Продажы з картай пакупніка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points earned</source>
        <translation>Налічана бонусаў</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points spent</source>
        <translation>Спісана бонусаў</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunds</source>
        <translation>Вяртанні</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points taken back by refunds</source>
        <translation>Знята бонусаў пры вяртаннях</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points given back by refunds</source>
        <translation>Вернута бонусаў пры вяртаннях</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons used</source>
        <translation>Купонаў скарыстана</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to be sent</source>
        <translation>Чакаюць адпраўкі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused by the service</source>
        <translation>Не прыняты праграмай</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Today</source>
        <translation>Сёння</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Абнавіць</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print</source>
        <translation>Друк</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the shift slip on the slip printer</source>
        <translation>Надрукаваць справаздачу змены на прынтары</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Закрыць</translation>
    </message>
</context>
<context>
    <name>Slip</name>
    <message>
        <location filename="../../app/devices/slip_labels.py" line="+19"/>
        <source>Bonus program</source>
        <translation>Бонусная праграма</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Тэлефон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tier</source>
        <translation>Узровень</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+47"/>
        <source>Bonuses earned</source>
        <translation>Налічана бонусаў</translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+47"/>
        <source>Bonuses spent</source>
        <translation>Спісана бонусаў</translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+24"/>
        <source>Bonus balance</source>
        <translation>Баланс бонусаў</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Personal offers</source>
        <translation>Персанальныя прапановы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid until</source>
        <translation>Дзейнічае да</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon</source>
        <translation>Купон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons applied</source>
        <translation>Ужытыя купоны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra bonuses</source>
        <translation>Дадатковыя бонусы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not confirmed: the loyalty program refused this sale. The figures above are the till&apos;s own.</source>
        <translation>Не пацверджана: праграма лаяльнасці адхіліла гэты продаж. Сумы вышэй разлічаны касай.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not yet confirmed by the loyalty program: the figures above are the till&apos;s own.</source>
        <translation>Яшчэ не пацверджана праграмай лаяльнасці: сумы вышэй разлічаны касай.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Bonus program return</source>
        <translation>Вяртанне па бонуснай праграме</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return receipt</source>
        <translation>Чэк вяртання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sale receipt</source>
        <translation>Чэк пакупкі</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+26"/>
        <source>Bonuses taken back</source>
        <translation>Знята налічаных бонусаў</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+26"/>
        <source>Bonuses given back</source>
        <translation>Вернута бонусаў</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Figures are provisional: the loyalty program confirms them once it receives the return.</source>
        <translation>Сумы папярэднія: праграма лаяльнасці пацвердзіць іх, калі атрымае вяртанне.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bonuses will be recounted once the loyalty program receives the return.</source>
        <translation>Бонусы будуць пералічаны, калі праграма лаяльнасці атрымае вяртанне.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not confirmed: the loyalty program refused this return. The figures above are the till&apos;s own.</source>
        <translation>Не пацверджана: праграма лаяльнасці адхіліла гэта вяртанне. Сумы вышэй разлічаны касай.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Shift summary</source>
        <translation>Вынікі змены</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store</source>
        <translation>Крама</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Till</source>
        <translation>Каса</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Перыяд</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales with a card</source>
        <translation>Продажы з картай</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Returns</source>
        <translation>Вяртанні</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupons used</source>
        <translation>Купонаў скарыстана</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to be sent</source>
        <translation>Чакаюць адпраўкі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused by the program</source>
        <translation>Не прыняты праграмай</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>* not yet confirmed by the loyalty program</source>
        <translation>* яшчэ не пацверджана праграмай лаяльнасці</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed</source>
        <translation>Надрукавана</translation>
    </message>
</context>
<context>
    <name>Till</name>
    <message>
        <location filename="../../app/checkout/presenter.py" line="+229"/>
        <source>Return receipt No. %1 printed; the loyalty program counts the bonuses.</source>
        <translation>Чэк вяртання № %1 надрукаваны; бонусы палічыць праграма лаяльнасці.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Return receipt No. %1 printed; bonuses taken back %2, given back %3.</source>
        <translation>Чэк вяртання № %1 надрукаваны; знята бонусаў %2, вернута %3.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Fiscal receipt No. %1 printed</source>
        <translation>Фіскальны чэк № %1 надрукаваны</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Balance now: %1</source>
        <translation>Баланс цяпер: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../app/devices/slip_labels.py" line="-53"/>
        <source>Bonuses will be credited when the connection is back.</source>
        <translation>Бонусы будуць налічаны, калі сувязь аднавіцца.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for the service to confirm the bonuses…</source>
        <translation>Чакаем пацвярджэння бонусаў ад сэрвісу…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bonuses earned: %1, spent: %2. Balance now: %3.</source>
        <translation>Налічана бонусаў: %1, спісана: %2. Баланс: %3.</translation>
    </message>
    <message>
        <location filename="../../app/gui.py" line="+129"/>
        <source>Sandbox loyalty service at %1</source>
        <translation>Тэставы сэрвіс лаяльнасці: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The sandbox service stopped: %1</source>
        <translation>Тэставы сэрвіс спыніўся: %1</translation>
    </message>
    <message>
        <location line="-69"/>
        <location filename="../../app/till.py" line="+159"/>
        <source>Connecting…</source>
        <extracomment>What the till needs after its first paint, imported off the GUI thread.</extracomment>
        <translation>Падключэнне…</translation>
    </message>
    <message>
        <location filename="../../app/till.py" line="+182"/>
        <source>The host API is off in the settings: the POS cannot send receipts.</source>
        <translation>API для касавай праграмы выключаны ў наладах: яна не можа дасылаць чэкі.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The POS cannot reach the till: %1</source>
        <translation>Касавая праграма не можа звязацца з касай: %1</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>Spend %1 from %2&apos;s bonuses while the service is offline?</source>
        <translation>Спісаць %1 з бонусаў кліента %2 без сувязі з сэрвісам?</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Loyalty service not configured</source>
        <translation>Лаяльнасць не наладжана</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Working offline</source>
        <translation>Праца без сувязі</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Loyalty service online</source>
        <translation>Сэрвіс лаяльнасці на сувязі</translation>
    </message>
</context>
<context>
    <name>TillWindow</name>
    <message>
        <location filename="../../widgets/admin/failure_notice.py" line="+13"/>
        <location filename="../../widgets/main_window.py" line="+361"/>
        <source>Admin</source>
        <extracomment>The smallest window: the compact loyalty panel beside the POS. From this width the host column is shown beside the loyalty panel. Below this width the loyalty panel stacks its rows. The Admin button&apos;s caption in the narrow panel: the service status beside it is read whole.</extracomment>
        <translation>Адміністратар</translation>
    </message>
    <message>
        <location filename="../../widgets/main_window.py" line="+2"/>
        <source>Return, shift summary; device settings, sending queue, offline selling, admin PIN (PIN required)</source>
        <translation>Вяртанне, вынікі змены; налады прылад, чарга адпраўкі, продажы без сувязі, PIN адміністратара (патрэбны PIN)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+18"/>
        <source>F10: open the Admin menu</source>
        <translation>F10: адкрыць меню «Адміністратар»</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Return…</source>
        <translation>Вяртанне…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift summary…</source>
        <translation>Вынікі змены…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices…</source>
        <translation>Прылады…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending queue…</source>
        <translation>Чарга адпраўкі…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline selling…</source>
        <translation>Продажы без сувязі…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Integration…</source>
        <translation>Інтэграцыя…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loyalty service…</source>
        <translation>Праграма лаяльнасці…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change admin PIN…</source>
        <translation>Змяніць PIN адміністратара…</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Till loyalty</source>
        <translation>Лаяльнасць на касе</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Till loyalty (demo)</source>
        <translation>Лаяльнасць на касе (дэма)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>F2 Find customer · F4 Maximum bonuses · F8 Close receipt · Esc Reset customer</source>
        <translation>F2 Знайсці кліента · F4 Максімум бонусаў · F8 Закрыць чэк · Esc Скінуць кліента</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>F2: put the cursor into the customer search
F4: redeem the maximum of bonuses
F8: close the receipt
Esc: cancel the code entry, otherwise reset the customer</source>
        <translation>F2: курсор у пошук кліента
F4: спісаць максімум бонусаў
F8: закрыць чэк
Esc: адмяніць увод кода, інакш скінуць кліента</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>F2 Find customer · F4 Maximum bonuses · Esc Reset customer</source>
        <translation>F2 Знайсці кліента · F4 Максімум бонусаў · Esc Скінуць кліента</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>F2: put the cursor into the customer search
F4: redeem the maximum of bonuses
Esc: cancel the code entry, otherwise reset the customer</source>
        <translation>F2: перайсці да пошуку кліента
F4: спісаць максімум бонусаў
Esc: адмяніць увод кода, інакш скінуць кліента</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../widgets/checkout/totals_panel.py" line="+131"/>
        <source>Total</source>
        <translation>Сума</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discount</source>
        <translation>Зніжка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bonus discount</source>
        <translation>Зніжка бонусамі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To pay</source>
        <translation>Да аплаты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bonuses to earn</source>
        <translation>Будзе налічана</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Can redeem</source>
        <translation>Можна спісаць</translation>
    </message>
</context>
</TS>
