<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Admin</name>
    <message>
        <location filename="../../app/admin/controller.py" line="+30"/>
        <source>The PIN must be digits only.</source>
        <translation>The PIN must be digits only.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The PIN must have 6 to 12 digits.</source>
        <translation>The PIN must have 6 to 12 digits.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PIN is already set on this till.</source>
        <translation>A PIN is already set on this till.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong PIN.</source>
        <translation>Wrong PIN.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Too many wrong attempts. Wait and try again.</source>
        <translation>Too many wrong attempts. Wait and try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The PIN was changed meanwhile. Try again.</source>
        <translation>The PIN was changed meanwhile. Try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The stored PIN is damaged. Ask support to reset it.</source>
        <translation>The stored PIN is damaged. Ask support to reset it.</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>No admin PIN is set on this till.</source>
        <translation>No admin PIN is set on this till.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Admin PIN</source>
        <translation>Admin PIN</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Current PIN</source>
        <translation>Current PIN</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Queued to be sent again.</source>
        <translation>Queued to be sent again.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Set aside. It stays in the journal with your reason.</source>
        <translation>Set aside. It stays in the journal with your reason.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This row changed meanwhile (it was sent again or set aside): the list is now up to date.</source>
        <translation>This row changed meanwhile (it was sent again or set aside): the list is now up to date.</translation>
    </message>
    <message>
        <location filename="../../app/admin/service_texts.py" line="+18"/>
        <source>RetailCRM: retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE and the API key made for the till. The till&apos;s own SOAP service: http://host:port/. A new address or key is used as soon as it is saved; switching between RetailCRM and the SOAP service takes a restart of the till.</source>
        <translation>RetailCRM: retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE and the API key made for the till. The till&apos;s own SOAP service: http://host:port/. A new address or key is used as soon as it is saved; switching between RetailCRM and the SOAP service takes a restart of the till.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saved. The till uses the new address and key now, without a restart.</source>
        <translation>Saved. The till uses the new address and key now, without a restart.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved. This address is another kind of loyalty service than the one the till started with: restart the till to use it.</source>
        <translation>Saved. This address is another kind of loyalty service than the one the till started with: restart the till to use it.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Spending points is confirmed by an SMS code.</source>
        <translation>Spending points is confirmed by an SMS code.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spending points needs no SMS code.</source>
        <translation>Spending points needs no SMS code.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected. Program: %1. Levels: %2.</source>
        <translation>Connected. Program: %1. Levels: %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no connection could be made</source>
        <translation>no connection could be made</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no usable answer came</source>
        <translation>no usable answer came</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service cannot be reached (%1). Check the address and the network.</source>
        <translation>The service cannot be reached (%1). Check the address and the network.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No API key: type the key made for the till in RetailCRM.</source>
        <translation>No API key: type the key made for the till in RetailCRM.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service refused the API key. Check the key.</source>
        <translation>The service refused the API key. Check the key.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no RetailCRM account at this address. Check the account name.</source>
        <translation>There is no RetailCRM account at this address. Check the account name.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>RetailCRM has no site “%1”. Check ?site= in the address.</source>
        <translation>RetailCRM has no site “%1”. Check ?site= in the address.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No active loyalty program for site “%1”. Activate one in RetailCRM.</source>
        <translation>No active loyalty program for site “%1”. Activate one in RetailCRM.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service refused the check: %1</source>
        <translation>The service refused the check: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>it is neither an http:// or https:// address with a host nor retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE</source>
        <translation>it is neither an http:// or https:// address with a host nor retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its port is not a number from 1 to 65535</source>
        <translation>its port is not a number from 1 to 65535</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a RetailCRM address is retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE</source>
        <translation>a RetailCRM address is retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>RetailCRM without https is only for a test server on this computer: use retailcrm+https://</source>
        <translation>RetailCRM without https is only for a test server on this computer: use retailcrm+https://</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it names no site: add ?site=CODE</source>
        <translation>it names no site: add ?site=CODE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the API key does not belong in the address: type it in the key field</source>
        <translation>the API key does not belong in the address: type it in the key field</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it is not a loyalty service&apos;s address</source>
        <translation>it is not a loyalty service&apos;s address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address cannot be used: %1</source>
        <translation>The address cannot be used: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The API key is empty.</source>
        <translation>The API key is empty.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An API key has no spaces or control characters. Check the key typed.</source>
        <translation>An API key has no spaces or control characters. Check the key typed.</translation>
    </message>
    <message>
        <location filename="../../app/admin/failure_texts.py" line="+70"/>
        <source>The till could not find out whether an API key is stored.</source>
        <translation>The till could not find out whether an API key is stored.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connection could not be checked.</source>
        <translation>The connection could not be checked.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The API key was not stored.</source>
        <translation>The API key was not stored.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The API key was not removed.</source>
        <translation>The API key was not removed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The settings were not saved.</source>
        <translation>The settings were not saved.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token cannot be read.</source>
        <translation>The token cannot be read.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The admin screens cannot be opened.</source>
        <translation>The admin screens cannot be opened.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This could not be done in the queue.</source>
        <translation>This could not be done in the queue.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This computer&apos;s key store (keyring) did not answer or is locked. Unlock it or restart the till, then try again; if it keeps failing, ask support to check the key store.</source>
        <translation>This computer&apos;s key store (keyring) did not answer or is locked. Unlock it or restart the till, then try again; if it keeps failing, ask support to check the key store.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Something unexpected went wrong; the details are in the till&apos;s log. Try again, and ask support if it happens again.</source>
        <translation>Something unexpected went wrong; the details are in the till&apos;s log. Try again, and ask support if it happens again.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The till&apos;s user cannot write into the secrets folder %1: the folder must belong to it.</source>
        <translation>The till&apos;s user cannot write into the secrets folder %1: the folder must belong to it.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The secrets folder %1 is inside the database&apos;s folder, so a copy of the data would carry the keys. Name another folder in the settings ([secrets] folder).</source>
        <translation>The secrets folder %1 is inside the database&apos;s folder, so a copy of the data would carry the keys. Name another folder in the settings ([secrets] folder).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The secrets folder %1 belongs to another user: it must belong to the till&apos;s user or to root.</source>
        <translation>The secrets folder %1 belongs to another user: it must belong to the till&apos;s user or to root.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Other users may write into the secrets folder %1: ask support to run chmod go-w on it.</source>
        <translation>Other users may write into the secrets folder %1: ask support to run chmod go-w on it.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An older copy of the till&apos;s secrets, %1, differs from the one in the secrets folder. Ask support which one this database uses.</source>
        <translation>An older copy of the till&apos;s secrets, %1, differs from the one in the secrets folder. Ask support which one this database uses.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The secret %1 is not a regular file: ask support to remove it.</source>
        <translation>The secret %1 is not a regular file: ask support to remove it.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The secret file %1 belongs to another user, so the till refuses it: it must belong to the till&apos;s user.</source>
        <translation>The secret file %1 belongs to another user, so the till refuses it: it must belong to the till&apos;s user.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Other users may read the secret file %1, so the till refuses it: ask support to run chmod 600 on it.</source>
        <translation>Other users may read the secret file %1, so the till refuses it: ask support to run chmod 600 on it.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the till&apos;s user has no right to it. Give the till&apos;s user access to that folder.</source>
        <translation>the till&apos;s user has no right to it. Give the till&apos;s user access to that folder.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the disk is full. Free some space and try again.</source>
        <translation>the disk is full. Free some space and try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the till&apos;s user has used up its disk quota. Free some space and try again.</source>
        <translation>the till&apos;s user has used up its disk quota. Free some space and try again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the disk is mounted read-only. Ask support to make it writable.</source>
        <translation>the disk is mounted read-only. Ask support to make it writable.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its folder does not exist. Check the path in the settings.</source>
        <translation>its folder does not exist. Check the path in the settings.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is a folder. Name a file in the settings, or remove the folder.</source>
        <translation>it is a folder. Name a file in the settings, or remove the folder.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a file stands where a folder of its path should be. Remove or rename that file.</source>
        <translation>a file stands where a folder of its path should be. Remove or rename that file.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the system refused it (%1). Ask support; the details are in the till&apos;s log.</source>
        <translation>the system refused it (%1). Ask support; the details are in the till&apos;s log.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A file could not be used: %1</source>
        <translation>A file could not be used: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file %1 could not be read: %2</source>
        <translation>The file %1 could not be read: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file %1 could not be written: %2</source>
        <translation>The file %1 could not be written: %2</translation>
    </message>
    <message>
        <location filename="../../app/devices/printer_failure_texts.py" line="+24"/>
        <source>The printer is out of paper: load a new roll.</source>
        <translation>The printer is out of paper: load a new roll.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The printer&apos;s cover is open: close it until it clicks.</source>
        <translation>The printer&apos;s cover is open: close it until it clicks.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The printer reports an error (cutter jam or overheated head): switch it off, clear the paper and let it cool down, then switch it on again.</source>
        <translation>The printer reports an error (cutter jam or overheated head): switch it off, clear the paper and let it cool down, then switch it on again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer reports that it is offline: check its paper and cover, or switch it off and on.</source>
        <translation>The printer reports that it is offline: check its paper and cover, or switch it off and on.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 cannot be opened: check that it is on and plugged in, and that the address is right.</source>
        <translation>The printer %1 cannot be opened: check that it is on and plugged in, and that the address is right.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 is not taking data: check that it is on and not busy, then print again.</source>
        <translation>The printer %1 is not taking data: check that it is on and not busy, then print again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 stopped taking data: check that it is on and has paper, then print again.</source>
        <translation>The printer %1 stopped taking data: check that it is on and has paper, then print again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 did not take the whole page: check its paper, cover and power, then print again.</source>
        <translation>The printer %1 did not take the whole page: check its paper, cover and power, then print again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Printing to %1 failed: check that the printer is on and connected, then print again. The details are in the till&apos;s log.</source>
        <translation>Printing to %1 failed: check that the printer is on and connected, then print again. The details are in the till&apos;s log.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer %1 is off or unplugged: switch it on and check its cable.</source>
        <translation>The printer %1 is off or unplugged: switch it on and check its cable.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The till&apos;s user may not write to %1: ask support to add it to the printer&apos;s group.</source>
        <translation>The till&apos;s user may not write to %1: ask support to add it to the printer&apos;s group.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 is used by another program: close that program, then print again.</source>
        <translation>The printer %1 is used by another program: close that program, then print again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 reports a fault: switch it off and on, then print again. The details are in the till&apos;s log.</source>
        <translation>The printer %1 reports a fault: switch it off and on, then print again. The details are in the till&apos;s log.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This kind of printer needs software that is not installed on this computer: ask support (the till&apos;s log names it).</source>
        <translation>This kind of printer needs software that is not installed on this computer: ask support (the till&apos;s log names it).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 printers cannot be used on this computer: choose a printer of another kind.</source>
        <translation>%1 printers cannot be used on this computer: choose a printer of another kind.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The till cannot see the USB devices: ask support; the details are in the till&apos;s log.</source>
        <translation>The till cannot see the USB devices: ask support; the details are in the till&apos;s log.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 is not connected or is off: check its USB cable and switch it on.</source>
        <translation>The printer %1 is not connected or is off: check its USB cable and switch it on.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer %1 cannot be used: unplug it and plug it in again; if that does not help, ask support (the details are in the till&apos;s log).</source>
        <translation>The printer %1 cannot be used: unplug it and plug it in again; if that does not help, ask support (the details are in the till&apos;s log).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer does not answer at %1: check its power and network cable, and the address.</source>
        <translation>The printer does not answer at %1: check its power and network cable, and the address.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printing program %1 cannot be run: ask support to check CUPS on this computer.</source>
        <translation>The printing program %1 cannot be run: ask support to check CUPS on this computer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CUPS did not take the page for the queue “%1” in time: try again, or restart the computer.</source>
        <translation>CUPS did not take the page for the queue “%1” in time: try again, or restart the computer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CUPS refused the page for the queue “%1”: check the queue in the printer settings. The details are in the till&apos;s log.</source>
        <translation>CUPS refused the page for the queue “%1”: check the queue in the printer settings. The details are in the till&apos;s log.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CUPS has no queue “%1”: choose a found printer, or correct the queue&apos;s name.</source>
        <translation>CUPS has no queue “%1”: choose a found printer, or correct the queue&apos;s name.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The CUPS queue “%1” is disabled: enable it in the printer settings.</source>
        <translation>The CUPS queue “%1” is disabled: enable it in the printer settings.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Windows has no printer named “%1”: choose a found printer, or correct the name.</source>
        <translation>Windows has no printer named “%1”: choose a found printer, or correct the name.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Windows refused the page for “%1”: check the printer in the Windows settings. The details are in the till&apos;s log.</source>
        <translation>Windows refused the page for “%1”: check the printer in the Windows settings. The details are in the till&apos;s log.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The name “%1” could not be looked up in time: check the network, or use the printer&apos;s IP address.</source>
        <translation>The name “%1” could not be looked up in time: check the network, or use the printer&apos;s IP address.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer at %1 refuses the connection: check that it is switched on and that the port is right (usually 9100).</source>
        <translation>The printer at %1 refuses the connection: check that it is switched on and that the port is right (usually 9100).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The network does not know the printer “%1”: correct the name, or use the printer&apos;s IP address.</source>
        <translation>The network does not know the printer “%1”: correct the name, or use the printer&apos;s IP address.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer at %1 cannot be reached: check its power and network cable, and the address.</source>
        <translation>The printer at %1 cannot be reached: check its power and network cable, and the address.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer at %1 did not answer the status request: check that it is on. If it never answers, add status=none to its address.</source>
        <translation>The printer at %1 did not answer the status request: check that it is on. If it never answers, add status=none to its address.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The device at %1 did not answer as a receipt printer: check that the address is the printer&apos;s.</source>
        <translation>The device at %1 did not answer as a receipt printer: check that the address is the printer&apos;s.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer at %1 broke the connection before taking the page: check its power, paper and network cable, then print again.</source>
        <translation>The printer at %1 broke the connection before taking the page: check its power, paper and network cable, then print again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer at %1 closed the connection before taking the page: check that it is on and not printing for another computer, then print again.</source>
        <translation>The printer at %1 closed the connection before taking the page: check that it is on and not printing for another computer, then print again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer is still busy with another job: wait a moment, then print again.</source>
        <translation>The printer is still busy with another job: wait a moment, then print again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing has been printed yet, so there is nothing to reprint.</source>
        <translation>Nothing has been printed yet, so there is nothing to reprint.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 It happened at the end of the page: it may be cut short.</source>
        <translation>%1 It happened at the end of the page: it may be cut short.</translation>
    </message>
    <message>
        <location filename="../../app/admin/offline_policy.py" line="+56"/>
        <source>This policy cannot be saved: choose one of the modes shown and a daily limit of zero or more.</source>
        <translation>This policy cannot be saved: choose one of the modes shown and a daily limit of zero or more.</translation>
    </message>
</context>
<context>
    <name>Checkout</name>
    <message>
        <location filename="../../app/checkout/controller.py" line="+267"/>
        <location line="+9"/>
        <source>Unexpected error: %1. The receipt is kept; try again.</source>
        <translation>Unexpected error: %1. The receipt is kept; try again.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/session.py" line="+669"/>
        <source>The receipt is empty.</source>
        <translation>The receipt is empty.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The amount to spend changed; check it and close again.</source>
        <translation>The amount to spend changed; check it and close again.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Spending bonuses offline was not approved.</source>
        <translation>Spending bonuses offline was not approved.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Waiting for the POS to report the payment.</source>
        <translation>Waiting for the POS to report the payment.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Code entry cancelled: no bonuses will be spent on this receipt.</source>
        <translation>Code entry cancelled: no bonuses will be spent on this receipt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A new code was sent to %1. Use the code from the newest message.</source>
        <translation>A new code was sent to %1. Use the code from the newest message.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Receipt voided. Reserved bonuses released.</source>
        <translation>Receipt voided. Reserved bonuses released.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/host_receipts.py" line="+309"/>
        <location filename="../../app/checkout/session.py" line="+2"/>
        <source>Receipt voided.</source>
        <translation>Receipt voided.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/session.py" line="+69"/>
        <source>Spending %1 offline needs the admin PIN.</source>
        <translation>Spending %1 offline needs the admin PIN.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>To pay: %1. Waiting for the POS to report the payment.</source>
        <translation>To pay: %1. Waiting for the POS to report the payment.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To pay: %1. Take payment, then press Payment received (F8).</source>
        <translation>To pay: %1. Take payment, then press Payment received (F8).</translation>
    </message>
    <message>
        <location filename="../../app/checkout/host_receipts.py" line="+55"/>
        <location filename="../../app/checkout/session.py" line="+90"/>
        <source>Receipt closed. Fiscal document No. %1.</source>
        <translation>Receipt closed. Fiscal document No. %1.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/offline_texts.py" line="+21"/>
        <source>Loyalty service unavailable. Bonuses will be credited when the connection is back; up to %1 may be spent now with the admin PIN.</source>
        <translation>Loyalty service unavailable. Bonuses will be credited when the connection is back; up to %1 may be spent now with the admin PIN.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Offline: spending needs the admin PIN.</source>
        <translation>Offline: spending needs the admin PIN.</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Loyalty service unavailable. Bonuses will be credited when the connection is back; they cannot be spent now.</source>
        <translation>Loyalty service unavailable. Bonuses will be credited when the connection is back; they cannot be spent now.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Offline: spending by admin PIN; coupons not applied.</source>
        <translation>Offline: spending by admin PIN; coupons not applied.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Offline: no spending; coupons not applied.</source>
        <translation>Offline: no spending; coupons not applied.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline: no bonuses can be spent now.</source>
        <translation>Offline: no bonuses can be spent now.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Loyalty service unavailable.</source>
        <translation>Loyalty service unavailable.</translation>
    </message>
    <message>
        <location filename="../../widgets/checkout/customer_card.py" line="+405"/>
        <source>Balance as of %1.</source>
        <translation>Balance as of %1.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/session.py" line="+100"/>
        <source>This customer has not been seen at this till before.</source>
        <translation>This customer has not been seen at this till before.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Card not activated: bonuses are earned but cannot be spent yet.</source>
        <translation>Card not activated: bonuses are earned but cannot be spent yet.</translation>
    </message>
</context>
<context>
    <name>ClosePrompt</name>
    <message>
        <location filename="../../widgets/checkout/close_prompt.py" line="+13"/>
        <source>Transactions not sent yet</source>
        <translation>Transactions not sent yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 loyalty transactions have not reached the service yet. They are kept safely and will be sent when the till starts again. Close the till now?</source>
        <translation>%1 loyalty transactions have not reached the service yet. They are kept safely and will be sent when the till starts again. Close the till now?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close anyway</source>
        <translation>Close anyway</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the till open</source>
        <translation>Keep the till open</translation>
    </message>
</context>
<context>
    <name>ConfirmationPanel</name>
    <message numerus="yes">
        <location filename="../../widgets/checkout/confirmation_panel.py" line="+271"/>
        <source>Send again in %n s</source>
        <extracomment>Seconds before &quot;Send again&quot; may be pressed after a code was sent (SMS take a while to arrive).</extracomment>
        <translation>
            <numerusform>Send again in %n s</numerusform>
            <numerusform>Send again in %n s</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send again</source>
        <translation>Send again</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Code sent to {phone}, valid {minutes} min</source>
        <translation>Code sent to {phone}, valid {minutes}&#xa0;min</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmation code</source>
        <translation>Confirmation code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the customer a new code; then type the newest one</source>
        <translation>Send the customer a new code; then type the newest one</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the registration (Esc)</source>
        <translation>Stop the registration (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel: the customer is not registered and nothing is saved.</source>
        <translation>Cancel: the customer is not registered and nothing is saved.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop waiting for the code: no bonuses will be spent (Esc)</source>
        <translation>Stop waiting for the code: no bonuses will be spent (Esc)</translation>
    </message>
</context>
<context>
    <name>CouponList</name>
    <message>
        <location filename="../../widgets/checkout/coupon_list.py" line="+97"/>
        <location line="+70"/>
        <source>Remove coupon</source>
        <translation>Remove coupon</translation>
    </message>
    <message>
        <location line="-69"/>
        <location line="+70"/>
        <source>Take this coupon off the receipt</source>
        <translation>Take this coupon off the receipt</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Coupons</source>
        <translation>Coupons</translation>
    </message>
</context>
<context>
    <name>Coupons</name>
    <message>
        <location filename="../../app/checkout/coupon_texts.py" line="+16"/>
        <source>not checked: the loyalty service is unavailable</source>
        <translation>not checked: the loyalty service is unavailable</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+42"/>
        <source>+%1 bonuses</source>
        <translation>+%1 bonuses</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>applies</source>
        <translation>applies</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>valid on purchases from %1</source>
        <translation>valid on purchases from %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expired on %1</source>
        <translation>expired on %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no such coupon</source>
        <translation>no such coupon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>already used</source>
        <translation>already used</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expired</source>
        <translation>expired</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not valid yet</source>
        <translation>not valid yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the purchase is below the coupon&apos;s minimum</source>
        <translation>the purchase is below the coupon&apos;s minimum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only for its owner</source>
        <translation>only for its owner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing on the receipt it applies to</source>
        <translation>nothing on the receipt it applies to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>held by another receipt</source>
        <translation>held by another receipt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>does not apply</source>
        <translation>does not apply</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Coupon %1</source>
        <translation>Coupon %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>−%1 %</source>
        <translation>−%1 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>×%1 bonuses</source>
        <translation>×%1 bonuses</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>from %1</source>
        <translation>from %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>until %1</source>
        <translation>until %1</translation>
    </message>
    <message>
        <location filename="../../app/checkout/offline_texts.py" line="-7"/>
        <source>Coupons cannot be checked offline: the coupon is not applied. Keep it for the next visit.</source>
        <translation>Coupons cannot be checked offline: the coupon is not applied. Keep it for the next visit.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/session.py" line="-670"/>
        <source>This is not a coupon code: a coupon&apos;s code starts with 99.</source>
        <translation>This is not a coupon code: a coupon&apos;s code starts with 99.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This receipt is finished: scan the coupon on the next receipt.</source>
        <translation>This receipt is finished: scan the coupon on the next receipt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This coupon is already on the receipt.</source>
        <translation>This coupon is already on the receipt.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No such coupon. Check the code.</source>
        <translation>No such coupon. Check the code.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This loyalty service does not take coupons: the coupon is not applied.</source>
        <translation>This loyalty service does not take coupons: the coupon is not applied.</translation>
    </message>
</context>
<context>
    <name>CustomerCard</name>
    <message>
        <location filename="../../widgets/checkout/customer_card.py" line="-42"/>
        <source>Card {number}</source>
        <translation>Card {number}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Card blocked: bonuses cannot be earned or spent</source>
        <translation>Card blocked: bonuses cannot be earned or spent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Card not activated: bonuses cannot be spent yet</source>
        <translation>Card not activated: bonuses cannot be spent yet</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{percent} bonuses</source>
        <translation>{percent} bonuses</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{amount} expire on {date}</source>
        <translation>{amount} expire on {date}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Balance as of {time} (saved data)</source>
        <translation>Balance as of {time} (saved data)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Highest tier</source>
        <translation>Highest tier</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{amount} to {tier}</source>
        <translation>{amount} to {tier}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No customer</source>
        <translation>No customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the card or type the phone number (F2)</source>
        <translation>Scan the card or type the phone number (F2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset customer</source>
        <translation>Reset customer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove the customer from this receipt (Esc)</source>
        <translation>Remove the customer from this receipt (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available
bonuses</source>
        <translation>Available
bonuses</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offers</source>
        <translation>Offers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress to the next tier</source>
        <translation>Progress to the next tier</translation>
    </message>
</context>
<context>
    <name>DemoHostPanel</name>
    <message>
        <location filename="../../widgets/demo/demo_host.py" line="+364"/>
        <source>Receipt</source>
        <extracomment>Narrower than this per column, the buttons take fewer columns (down to two). The POS column beside the loyalty panel at 1024 px takes four: a third row of products left the receipt one row. The product buttons&apos; type sizes, largest first (`fit` in till.qss): a narrow button takes the largest in which the whole name fits in two lines, by whole words. Where none does, the smallest type takes three lines and breaks a word too long for one with a hyphen; only what still does not fit is left out, by words, after an ellipsis. The room a product name leaves inside its button: the stylesheet&apos;s padding and border. Table columns: No, name, qty, price, amount, loyalty discount, final. Below this table width the number, price and amount columns give their room to the names. A receipt row&apos;s height beyond its lines of text: the cell&apos;s padding (till.qss) and grid line.</extracomment>
        <translation>Receipt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Receipt {number}</source>
        <translation>Receipt {number}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total {total}   Discount {discount}   To pay {final}</source>
        <translation>Total {total}   Discount {discount}   To pay {final}</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final</source>
        <translation>Final</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment received</source>
        <translation>Payment received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer has paid: fiscalise the receipt (F8)</source>
        <translation>The customer has paid: fiscalise the receipt (F8)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close receipt</source>
        <translation>Close receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reserve the bonuses and ask for payment (F8)</source>
        <translation>Reserve the bonuses and ask for payment (F8)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Void receipt</source>
        <translation>Void receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New receipt</source>
        <translation>New receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goods of a paid receipt come back: the POS reports the return to the till</source>
        <translation>Goods of a paid receipt come back: the POS reports the return to the till</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete removes the selected line</source>
        <translation>Delete removes the selected line</translation>
    </message>
</context>
<context>
    <name>DemoPos</name>
    <message>
        <location filename="../../app/demo/pos.py" line="+175"/>
        <source>The demo POS cannot reach the till&apos;s host API: %1</source>
        <translation>The demo POS cannot reach the till&apos;s host API: %1</translation>
    </message>
</context>
<context>
    <name>DemoReturnDialog</name>
    <message>
        <location filename="../../widgets/demo/return_dialog.py" line="+82"/>
        <source>Return (demo POS)</source>
        <translation>Return (demo POS)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The POS&apos;s return: pick the receipt and tick what the customer brings back.</source>
        <translation>The POS&apos;s return: pick the receipt and tick what the customer brings back.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No receipt was paid in this demo yet.</source>
        <translation>No receipt was paid in this demo yet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsDialog</name>
    <message>
        <location filename="../../widgets/admin/device_settings.py" line="+347"/>
        <source>Sending a test page…</source>
        <translation>Sending a test page…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Loyalty card</source>
        <translation>Loyalty card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App QR code</source>
        <translation>App QR code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown code</source>
        <translation>Unknown code</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a found scanner…</source>
        <translation>Choose a found scanner…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No scanners found</source>
        <translation>No scanners found</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a found printer…</source>
        <translation>Choose a found printer…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No printers found</source>
        <translation>No printers found</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Barcode scanner</source>
        <translation>Barcode scanner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt printer</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Found</source>
        <translation>Found</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Device address, e.g. serial:///dev/ttyACM0?baudrate=9600&amp;terminator=CR or wedge://</source>
        <translation>Device address, e.g. serial:///dev/ttyACM0?baudrate=9600&amp;terminator=CR or wedge://</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device address, e.g. tcp://10.0.0.5:9100, usb://04b8:0202 or serial:///dev/ttyUSB0</source>
        <translation>Device address, e.g. tcp://10.0.0.5:9100, usb://04b8:0202 or serial:///dev/ttyUSB0</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test: scan any code, it appears below.</source>
        <translation>Test: scan any code, it appears below.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code page</source>
        <translation>Code page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QR codes</source>
        <translation>QR codes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>80 mm (48 characters)</source>
        <translation>80 mm (48 characters)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>58 mm (32 characters)</source>
        <translation>58 mm (32 characters)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CP1251 (needed for і, ў)</source>
        <translation>CP1251 (needed for і, ў)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CP866 (no Belarusian і)</source>
        <translation>CP866 (no Belarusian і)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed by the printer</source>
        <translation>Printed by the printer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent as an image</source>
        <translation>Sent as an image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test print</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find devices again</source>
        <translation>Find devices again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Devices</name>
    <message>
        <location filename="../../app/devices/controller.py" line="+170"/>
        <source>Printing…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../app/devices/texts.py" line="+43"/>
        <source>The address must be text.</source>
        <translation>The address must be text.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The address is empty.</source>
        <translation>The address is empty.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The address “%1” does not say the kind of device: start it with one of %2.</source>
        <translation>The address “%1” does not say the kind of device: start it with one of %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown kind of device “%1”: use one of %2.</source>
        <translation>Unknown kind of device “%1”: use one of %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The options “%1” cannot be read: write them as name=value joined by &amp;.</source>
        <translation>The options “%1” cannot be read: write them as name=value joined by &amp;.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 is given twice.</source>
        <translation>The option %1 is given twice.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 does not apply to %2:// addresses. Known options: %3.</source>
        <translation>The option %1 does not apply to %2:// addresses. Known options: %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 cannot be “%2”: use one of %3.</source>
        <translation>The option %1 cannot be “%2”: use one of %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 must be a whole number, not “%2”.</source>
        <translation>The option %1 must be a whole number, not “%2”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 must be from %2 to %3, not %4.</source>
        <translation>The option %1 must be from %2 to %3, not %4.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The option %1 must be 1 (on) or 0 (off), not “%2”.</source>
        <translation>The option %1 must be 1 (on) or 0 (off), not “%2”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The paper width (width) must be 58 or 80 mm, not “%1”.</source>
        <translation>The paper width (width) must be 58 or 80 mm, not “%1”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The timeout must be a number of seconds, not “%1”.</source>
        <translation>The timeout must be a number of seconds, not “%1”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The timeout must be above 0 and at most %1 seconds, not %2.</source>
        <translation>The timeout must be above 0 and at most %1 seconds, not %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A network printer&apos;s address needs its host name or IP address, e.g. tcp://10.0.0.5:9100.</source>
        <translation>A network printer&apos;s address needs its host name or IP address, e.g. tcp://10.0.0.5:9100.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” is not a host name or IP address.</source>
        <translation>“%1” is not a host name or IP address.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The IPv6 address in “%1” has no closing bracket “]”.</source>
        <translation>The IPv6 address in “%1” has no closing bracket “]”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unexpected “%1” after the IPv6 address: only a port (:9100) may follow it.</source>
        <translation>Unexpected “%1” after the IPv6 address: only a port (:9100) may follow it.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write an IPv6 address in brackets: tcp://[%1]:9100.</source>
        <translation>Write an IPv6 address in brackets: tcp://[%1]:9100.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The port “%1” must be a number from 1 to 65535.</source>
        <translation>The port “%1” must be a number from 1 to 65535.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A serial address needs the port, e.g. serial:///dev/ttyUSB0 or serial://COM3.</source>
        <translation>A serial address needs the port, e.g. serial:///dev/ttyUSB0 or serial://COM3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” is not a serial port.</source>
        <translation>“%1” is not a serial port.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A USB address needs the printer&apos;s id VENDOR:PRODUCT, e.g. usb://04b8:0202.</source>
        <translation>A USB address needs the printer&apos;s id VENDOR:PRODUCT, e.g. usb://04b8:0202.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The USB id “%1” must be VENDOR:PRODUCT in hexadecimal, e.g. 04b8:0202.</source>
        <translation>The USB id “%1” must be VENDOR:PRODUCT in hexadecimal, e.g. 04b8:0202.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>USB vendor and product ids are 4 hexadecimal digits each (0000 to ffff).</source>
        <translation>USB vendor and product ids are 4 hexadecimal digits each (0000 to ffff).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” is not a USB serial number.</source>
        <translation>“%1” is not a USB serial number.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A file address needs the path of the printer device, e.g. file:///dev/usb/lp0.</source>
        <translation>A file address needs the path of the printer device, e.g. file:///dev/usb/lp0.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” is not a path of a printer device.</source>
        <translation>“%1” is not a path of a printer device.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A CUPS address needs the queue name, e.g. cups://Receipt.</source>
        <translation>A CUPS address needs the queue name, e.g. cups://Receipt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The CUPS queue name “%1” may not contain spaces, control characters, “/” or “#”.</source>
        <translation>The CUPS queue name “%1” may not contain spaces, control characters, “/” or “#”.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A Windows printer&apos;s address needs its name, without spaces around it, e.g. win32://POS-80.</source>
        <translation>A Windows printer&apos;s address needs its name, without spaces around it, e.g. win32://POS-80.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The Windows printer name “%1” may not contain control characters.</source>
        <translation>The Windows printer name “%1” may not contain control characters.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With terminator=none, gap_ms= is needed too, to tell where a code ends.</source>
        <translation>With terminator=none, gap_ms= is needed too, to tell where a code ends.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A keyboard scanner&apos;s address has nothing after wedge:// but options, e.g. wedge://?suffix=Enter.</source>
        <translation>A keyboard scanner&apos;s address has nothing after wedge:// but options, e.g. wedge://?suffix=Enter.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>This scanner address cannot be used. Examples: wedge:// (keyboard scanner), serial:///dev/ttyACM0?baudrate=9600.</source>
        <translation>This scanner address cannot be used. Examples: wedge:// (keyboard scanner), serial:///dev/ttyACM0?baudrate=9600.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This printer address cannot be used. Examples: tcp://10.0.0.5:9100, usb://04b8:0202, serial:///dev/ttyUSB0.</source>
        <translation>This printer address cannot be used. Examples: tcp://10.0.0.5:9100, usb://04b8:0202, serial:///dev/ttyUSB0.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The scanner cannot be used: %1 Ask the admin (Admin &gt; Devices).</source>
        <translation>The scanner cannot be used: %1 Ask the admin (Admin &gt; Devices).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The receipt printer cannot be used: %1 Ask the admin (Admin &gt; Devices).</source>
        <translation>The receipt printer cannot be used: %1 Ask the admin (Admin &gt; Devices).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Device settings are wrong: %1 Ask the admin (Admin &gt; Devices).</source>
        <translation>Device settings are wrong: %1 Ask the admin (Admin &gt; Devices).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>CUPS queue %1</source>
        <translation>CUPS queue %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Serial port %1</source>
        <translation>Serial port %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>USB printer</source>
        <translation>USB printer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 [USB %2]</source>
        <translation>%1 [USB %2]</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Printer is not taking the slip</source>
        <translation>Printer is not taking the slip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer connection was reset</source>
        <translation>Printer connection was reset</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer did not confirm the slip</source>
        <translation>Printer did not confirm the slip</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printed</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer not answering: is it on and connected?</source>
        <translation>Printer not answering: is it on and connected?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer out of paper</source>
        <translation>Printer out of paper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer cover open</source>
        <translation>Printer cover open</translation>
    </message>
    <message>
        <location filename="../../app/devices/controller.py" line="+10"/>
        <location filename="../../app/devices/texts.py" line="+1"/>
        <source>Printer error</source>
        <translation>Printer error</translation>
    </message>
    <message>
        <location filename="../../app/devices/texts.py" line="+8"/>
        <source>Scanner connected</source>
        <translation>Scanner connected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner disconnected</source>
        <translation>Scanner disconnected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Looking for the scanner…</source>
        <translation>Looking for the scanner…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner stopped</source>
        <translation>Scanner stopped</translation>
    </message>
    <message>
        <location filename="../../app/devices/setup.py" line="+129"/>
        <source>Nothing was printed: the printer address is not valid.</source>
        <extracomment>Added to the printer&apos;s own timeout before a test print is given up on screen: the job may wait for the test worker&apos;s thread and the transport&apos;s last status read.</extracomment>
        <translation>Nothing was printed: the printer address is not valid.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The printer did not answer within %1 s: is it on and connected?</source>
        <translation>The printer did not answer within %1 s: is it on and connected?</translation>
    </message>
</context>
<context>
    <name>DiscardReasonDialog</name>
    <message>
        <location filename="../../widgets/admin/queue_dialog.py" line="+165"/>
        <location line="+7"/>
        <source>Discard</source>
        <extracomment>Filter values emitted by `filter_changed` (&quot;&quot; = all states).</extracomment>
        <translation>Discard</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>{what}
It will never reach the loyalty service. Write why (required), for example: the customer&apos;s points were corrected by the head office.</source>
        <translation>{what}
It will never reach the loyalty service. Write why (required), for example: the customer&apos;s points were corrected by the head office.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>HostApi</name>
    <message>
        <location filename="../../app/checkout/host_receipts.py" line="-240"/>
        <source>Receipt %1 awaits payment: report it paid or void first.</source>
        <translation>Receipt %1 awaits payment: report it paid or void first.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Identify the customer first.</source>
        <translation>Identify the customer first.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Receipt %1 was paid with fiscal document No. %2.</source>
        <translation>Receipt %1 was paid with fiscal document No. %2.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Receipt %1 is paid: make a return instead.</source>
        <translation>Receipt %1 is paid: make a return instead.</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>No receipt %1 is open at this till.</source>
        <translation>No receipt %1 is open at this till.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Receipt %1 is already paid.</source>
        <translation>Receipt %1 is already paid.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receipt %1 is voided.</source>
        <translation>Receipt %1 is voided.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Receipt %1 cannot do that now: it is at %2.</source>
        <translation>Receipt %1 cannot do that now: it is at %2.</translation>
    </message>
    <message>
        <location filename="../../app/host_api/api.py" line="+131"/>
        <location line="+23"/>
        <location line="+120"/>
        <source>The till did not answer in time; repeat the call.</source>
        <translation>The till did not answer in time; repeat the call.</translation>
    </message>
    <message>
        <location line="-138"/>
        <location line="+132"/>
        <source>The till is starting; repeat the call shortly.</source>
        <translation>The till is starting; repeat the call shortly.</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>Unexpected error in the till; the receipt is kept. Repeat the call.</source>
        <translation>Unexpected error in the till; the receipt is kept. Repeat the call.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This till takes no returns.</source>
        <translation>This till takes no returns.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Unexpected error in the till; the return was not made. Repeat the call.</source>
        <translation>Unexpected error in the till; the return was not made. Repeat the call.</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>Unexpected error in the till. Repeat the call.</source>
        <translation>Unexpected error in the till. Repeat the call.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The shift must end after it starts: give &quot;to&quot; later than &quot;from&quot;.</source>
        <translation>The shift must end after it starts: give &quot;to&quot; later than &quot;from&quot;.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; is not a time in ISO 8601 with its UTC offset, e.g. 2026-12-05T08:00:00+03:00.</source>
        <translation>&quot;%1&quot; is not a time in ISO 8601 with its UTC offset, e.g. 2026-12-05T08:00:00+03:00.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No such path in the host API: see /v1/openapi.json.</source>
        <translation>No such path in the host API: see /v1/openapi.json.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This path does not take that method: see /v1/openapi.json.</source>
        <translation>This path does not take that method: see /v1/openapi.json.</translation>
    </message>
    <message>
        <location filename="../../app/host_api/errors.py" line="+59"/>
        <source>A receipt may have at most 1000 lines.</source>
        <translation>A receipt may have at most 1000 lines.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The body is not valid JSON.</source>
        <translation>The body is not valid JSON.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The request is not valid: %1 (%2).</source>
        <translation>The request is not valid: %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../app/host_api/guard.py" line="+63"/>
        <source>This API answers only requests to 127.0.0.1, localhost or [::1].</source>
        <translation>This API answers only requests to 127.0.0.1, localhost or [::1].</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give the till&apos;s token: Authorization: Bearer &lt;token&gt;.</source>
        <translation>Give the till&apos;s token: Authorization: Bearer &lt;token&gt;.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The request is too large: at most 1 MiB.</source>
        <translation>The request is too large: at most 1 MiB.</translation>
    </message>
</context>
<context>
    <name>Identify</name>
    <message>
        <location filename="../../app/checkout/identify_input.py" line="+19"/>
        <source>Type a phone number or scan a card.</source>
        <translation>Type a phone number or scan a card.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Too long for a phone or a card.</source>
        <translation>Too long for a phone or a card.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong card number: the check digit does not match.</source>
        <translation>Wrong card number: the check digit does not match.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrong coupon code: the check digit does not match.</source>
        <translation>Wrong coupon code: the check digit does not match.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The app QR was not read correctly. Scan it again.</source>
        <translation>The app QR was not read correctly. Scan it again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is not a phone number.</source>
        <translation>This is not a phone number.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown code: not a loyalty card, app QR or coupon.</source>
        <translation>Unknown code: not a loyalty card, app QR or coupon.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>That is a product barcode, not a loyalty card.</source>
        <translation>That is a product barcode, not a loyalty card.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The scan could not be read. Scan again.</source>
        <translation>The scan could not be read. Scan again.</translation>
    </message>
</context>
<context>
    <name>IdentifyPanel</name>
    <message>
        <location filename="../../widgets/checkout/identify_panel.py" line="+111"/>
        <location line="+1"/>
        <source>Phone, card or code</source>
        <translation>Phone, card or code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find the customer (F2 puts the cursor here)</source>
        <translation>Find the customer (F2 puts the cursor here)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register the customer in the loyalty program with this phone</source>
        <translation>Register the customer in the loyalty program with this phone</translation>
    </message>
</context>
<context>
    <name>IntegrationDialog</name>
    <message>
        <location filename="../../widgets/admin/integration_dialog.py" line="+125"/>
        <location line="+38"/>
        <source>Hide</source>
        <translation>Hide</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+38"/>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>The token is on the clipboard: paste it into the POS&apos;s settings.</source>
        <translation>The token is on the clipboard: paste it into the POS&apos;s settings.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Running: the POS on this computer can reach the till.</source>
        <translation>Running: the POS on this computer can reach the till.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off in the settings ([host_api] enabled).</source>
        <translation>Off in the settings ([host_api] enabled).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off: %1</source>
        <translation>Off: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not started yet.</source>
        <translation>Not started yet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Integration with the POS</source>
        <translation>Integration with the POS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hidden: press Show</source>
        <translation>Hidden: press Show</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The POS sends it as: Authorization: Bearer &lt;token&gt;</source>
        <translation>The POS sends it as: Authorization: Bearer &lt;token&gt;</translation>
    </message>
</context>
<context>
    <name>LoyaltyPanel</name>
    <message>
        <location filename="../../widgets/checkout/loyalty_panel.py" line="+205"/>
        <source>Waiting for the POS: the receipt shows here when the POS sends it.</source>
        <translation>Waiting for the POS: the receipt shows here when the POS sends it.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../widgets/checkout/message_bar.py" line="+186"/>
        <source>Dismiss the message</source>
        <extracomment>Severities, as the `severity` property the stylesheet colours by. A warning with a short form shows that form where its whole text would take more lines than this: the customer&apos;s card under the line keeps its room.</extracomment>
        <translation>Dismiss the message</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <location filename="../../app/checkout/notices.py" line="+50"/>
        <source>The loyalty service is busy (too many requests). Try again in a moment.</source>
        <translation>The loyalty service is busy (too many requests). Try again in a moment.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loyalty service unavailable. Sell without bonuses or try again.</source>
        <translation>Loyalty service unavailable. Sell without bonuses or try again.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The loyalty service refused the till&apos;s key. Sell without bonuses and call the administrator.</source>
        <translation>The loyalty service refused the till&apos;s key. Sell without bonuses and call the administrator.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The loyalty service&apos;s address is wrong (no such account). Sell without bonuses and call the administrator.</source>
        <translation>The loyalty service&apos;s address is wrong (no such account). Sell without bonuses and call the administrator.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The till&apos;s loyalty settings are wrong. Sell without bonuses and call the administrator.</source>
        <translation>The till&apos;s loyalty settings are wrong. Sell without bonuses and call the administrator.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The loyalty service cannot do this. Nothing was changed for bonuses.</source>
        <translation>The loyalty service cannot do this. Nothing was changed for bonuses.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customer not found. Check the number or card.</source>
        <translation>Customer not found. Check the number or card.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This card is blocked. Bonuses cannot be used.</source>
        <translation>This card is blocked. Bonuses cannot be used.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card not activated: bonuses are earned but cannot be spent yet.</source>
        <translation>Card not activated: bonuses are earned but cannot be spent yet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not enough bonuses for this redemption.</source>
        <translation>Not enough bonuses for this redemption.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That is more than can be redeemed on this receipt.</source>
        <translation>That is more than can be redeemed on this receipt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A code from the customer&apos;s phone is needed to redeem this amount.</source>
        <translation>A code from the customer&apos;s phone is needed to redeem this amount.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+21"/>
        <source>Wrong or expired code. Ask again.</source>
        <translation>Wrong or expired code. Ask again.</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>The loyalty service does not know this sale.</source>
        <translation>The loyalty service does not know this sale.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More returned than was bought.</source>
        <translation>More returned than was bought.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loyalty service refused the request.</source>
        <translation>The loyalty service refused the request.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loyalty service error: %1</source>
        <translation>Loyalty service error: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This code has expired. Ask for the code from the newest message: that one still works.</source>
        <translation>This code has expired. Ask for the code from the newest message: that one still works.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No valid code is left to try. Press Send again for a new code.</source>
        <translation>No valid code is left to try. Press Send again for a new code.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrong code. Tries left: %1.</source>
        <translation>Wrong code. Tries left: %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The loyalty service is not configured on this till (no API key). Sell without bonuses and call the administrator.</source>
        <translation>The loyalty service is not configured on this till (no API key). Sell without bonuses and call the administrator.</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <location filename="../../widgets/checkout/offline_banner.py" line="+81"/>
        <source>No connection to the loyalty service. Waiting to be sent: {count}</source>
        <extracomment>Modes, as the `mode` property the stylesheet colours by.</extracomment>
        <translation>No connection to the loyalty service. Waiting to be sent: {count}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No connection to the loyalty service.</source>
        <translation>No connection to the loyalty service.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sending to the service: {count}…</source>
        <translation>Sending to the service: {count}…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Need attention (admin): {count}</source>
        <translation>Need attention (admin): {count}</translation>
    </message>
</context>
<context>
    <name>OfflinePolicyDialog</name>
    <message>
        <location filename="../../widgets/admin/offline_policy_dialog.py" line="+123"/>
        <source>Give a daily limit above zero, or refuse spending offline.</source>
        <translation>Give a daily limit above zero, or refuse spending offline.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Offline selling</source>
        <translation>Offline selling</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When the loyalty service cannot be reached, sales go on and bonuses are credited later. May customers spend bonuses meanwhile?</source>
        <translation>When the loyalty service cannot be reached, sales go on and bonuses are credited later. May customers spend bonuses meanwhile?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No, wait for the service (recommended)</source>
        <translation>No, wait for the service (recommended)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes, with the admin PIN each time</source>
        <translation>Yes, with the admin PIN each time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Daily limit per customer, points:</source>
        <translation>Daily limit per customer, points:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Never more than the balance last seen, less what this till spent since; not for customers identified by the app&apos;s QR code.</source>
        <translation>Never more than the balance last seen, less what this till spent since; not for customers identified by the app&apos;s QR code.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../widgets/admin/pin_dialog.py" line="+257"/>
        <source>The two PINs are different. Type the new PIN again.</source>
        <translation>The two PINs are different. Type the new PIN again.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Too many wrong attempts. Try again in {seconds} s.</source>
        <translation>Too many wrong attempts. Try again in {seconds} s.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+14"/>
        <source>Admin PIN</source>
        <translation>Admin PIN</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Enter the admin PIN</source>
        <translation>Enter the admin PIN</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Approval</source>
        <translation>Approval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The admin approves it with the PIN.</source>
        <translation>The admin approves it with the PIN.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>Digits only</source>
        <translation>Digits only</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>New admin PIN</source>
        <translation>New admin PIN</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The admin PIN is too short now. Choose a new one: 6 to 12 digits</source>
        <translation>The admin PIN is too short now. Choose a new one: 6 to 12 digits</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+5"/>
        <source>The PIN protects the device settings and the sending queue.</source>
        <translation>The PIN protects the device settings and the sending queue.</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+5"/>
        <source>Save PIN</source>
        <translation>Save PIN</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Choose the admin PIN: 6 to 12 digits</source>
        <translation>Choose the admin PIN: 6 to 12 digits</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>New PIN</source>
        <translation>New PIN</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Repeat</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repeat the new PIN</source>
        <translation>Repeat the new PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PrinterStatusIndicator</name>
    <message>
        <location filename="../../widgets/admin/printer_status.py" line="+79"/>
        <source>Printer ready</source>
        <translation>Printer ready</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printing…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer not responding</source>
        <translation>Printer not responding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer: no paper</source>
        <translation>Printer: no paper</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No printer</source>
        <translation>No printer</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reprint</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Printer: cover open</source>
        <translation>Printer: cover open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer error</source>
        <translation>Printer error</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Print the last loyalty slip again</source>
        <translation>Print the last loyalty slip again</translation>
    </message>
</context>
<context>
    <name>QueueDialog</name>
    <message>
        <location filename="../../widgets/admin/queue_dialog.py" line="+177"/>
        <location line="+199"/>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location line="-198"/>
        <location line="+199"/>
        <source>Being sent</source>
        <translation>Being sent</translation>
    </message>
    <message>
        <location line="-198"/>
        <location line="+199"/>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location line="-198"/>
        <source>✖ Failed</source>
        <translation>✖ Failed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sale</source>
        <translation>Sale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancellation</source>
        <translation>Cancellation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Failed: {count}</source>
        <translation>Failed: {count}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waiting: {count}</source>
        <translation>Waiting: {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Being sent: {count}</source>
        <translation>Being sent: {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered: {count}</source>
        <translation>Delivered: {count}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Set aside by the admin: {note}</source>
        <translation>Set aside by the admin: {note}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The loyalty service could not be reached; it will be sent again automatically.</source>
        <translation>The loyalty service could not be reached; it will be sent again automatically.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The loyalty service does not know this customer.</source>
        <translation>The loyalty service does not know this customer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s card is blocked.</source>
        <translation>The customer&apos;s card is blocked.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s card is not activated: points cannot be spent.</source>
        <translation>The customer&apos;s card is not activated: points cannot be spent.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer did not have enough points for this receipt.</source>
        <translation>The customer did not have enough points for this receipt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More points were spent than the program allows on this receipt.</source>
        <translation>More points were spent than the program allows on this receipt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loyalty service asks for the customer&apos;s one-time code.</source>
        <translation>The loyalty service asks for the customer&apos;s one-time code.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s one-time code was wrong or has expired.</source>
        <translation>The customer&apos;s one-time code was wrong or has expired.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loyalty service does not know the sale this refers to.</source>
        <translation>The loyalty service does not know the sale this refers to.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More is being returned than was bought in the sale.</source>
        <translation>More is being returned than was bought in the sale.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loyalty service refused the receipt&apos;s data. Call support.</source>
        <translation>The loyalty service refused the receipt&apos;s data. Call support.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The till&apos;s record of this receipt is damaged and cannot be sent. Call support.</source>
        <translation>The till&apos;s record of this receipt is damaged and cannot be sent. Call support.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The till failed while sending; it will try again automatically.</source>
        <translation>The till failed while sending; it will try again automatically.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The loyalty service refused it. Call support.</source>
        <translation>The loyalty service refused it. Call support.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sale No. {number}</source>
        <translation>Sale No. {number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancellation of sale No. {number}</source>
        <translation>Cancellation of sale No. {number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund for sale No. {number}</source>
        <translation>Refund for sale No. {number}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not known at this till</source>
        <translation>Not known at this till</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No. {number}</source>
        <translation>No. {number}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Transaction {id}</source>
        <translation>Transaction {id}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>customer number {id}</source>
        <translation>customer number {id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attempts: {count}</source>
        <translation>attempts: {count}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Technical reason: {error}</source>
        <translation>Technical reason: {error}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Next attempt at {time}.</source>
        <translation>Next attempt at {time}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select a line to see its details.</source>
        <translation>Select a line to see its details.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{operation} of {time}, customer: {customer}.</source>
        <translation>{operation} of {time}, customer: {customer}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No errors.</source>
        <translation>No errors.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Discard {operation} of {time}, customer: {customer}?</source>
        <translation>Discard {operation} of {time}, customer: {customer}?</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sending queue</source>
        <translation>Sending queue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Points spent on the receipt</source>
        <translation>Points spent on the receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing here</source>
        <translation>Nothing here</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the selected failed item again</source>
        <translation>Send the selected failed item again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard…</source>
        <translation>Discard…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give up on the selected failed item, with a reason</source>
        <translation>Give up on the selected failed item, with a reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send now</source>
        <translation>Send now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ReceiptPrompts</name>
    <message>
        <location filename="../../widgets/checkout/receipt_prompts.py" line="+29"/>
        <source>Start a new receipt?</source>
        <translation>Start a new receipt?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The open receipt has lines or a customer. Starting a new receipt drops them, and any bonuses set aside for it are released.</source>
        <translation>The open receipt has lines or a customer. Starting a new receipt drops them, and any bonuses set aside for it are released.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New receipt</source>
        <translation>New receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>Keep this receipt</source>
        <translation>Keep this receipt</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Void the receipt?</source>
        <translation>Void the receipt?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The receipt is cancelled and any bonuses set aside for it are released. This cannot be undone.</source>
        <translation>The receipt is cancelled and any bonuses set aside for it are released. This cannot be undone.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Void receipt</source>
        <translation>Void receipt</translation>
    </message>
</context>
<context>
    <name>RedemptionPanel</name>
    <message>
        <location filename="../../widgets/checkout/redemption_panel.py" line="+108"/>
        <location line="+100"/>
        <source>up to {amount}</source>
        <extracomment>Digits with an optional comma or dot and up to two decimals: &quot;12&quot;, &quot;12,5&quot;, &quot;12.50&quot;.</extracomment>
        <translation>up to {amount}</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+32"/>
        <source>Limited to {amount}</source>
        <translation>Limited to {amount}</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Redeem bonuses</source>
        <translation>Redeem bonuses</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bonuses to redeem</source>
        <translation>Bonuses to redeem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redeem as much as allowed (F4)</source>
        <translation>Redeem as much as allowed (F4)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do not redeem bonuses</source>
        <translation>Do not redeem bonuses</translation>
    </message>
</context>
<context>
    <name>Registration</name>
    <message>
        <location filename="../../app/registration/enrolment.py" line="+51"/>
        <source>Registration needs the loyalty service, which cannot be reached now. Nothing was saved; register the customer once the connection is back.</source>
        <translation>Registration needs the loyalty service, which cannot be reached now. Nothing was saved; register the customer once the connection is back.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Type the customer&apos;s first name.</source>
        <translation>Type the customer&apos;s first name.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is not a loyalty card number. Scan the card or type its 13 digits.</source>
        <translation>This is not a loyalty card number. Scan the card or type its 13 digits.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the code the customer received.</source>
        <translation>Type the code the customer received.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>This loyalty service does not take registrations at the till.</source>
        <translation>This loyalty service does not take registrations at the till.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The loyalty service refused the registration: %1</source>
        <translation>The loyalty service refused the registration: %1</translation>
    </message>
    <message>
        <location filename="../../app/registration/screen.py" line="+105"/>
        <source>Registration cancelled: the customer is not registered, nothing was saved.</source>
        <translation>Registration cancelled: the customer is not registered, nothing was saved.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>That is not a loyalty card: scan the printed card to link.</source>
        <translation>That is not a loyalty card: scan the printed card to link.</translation>
    </message>
    <message>
        <location filename="../../app/checkout/session.py" line="+32"/>
        <source>%1 is registered and earns bonuses on this receipt.</source>
        <translation>%1 is registered and earns bonuses on this receipt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Type the customer&apos;s mobile phone number.</source>
        <translation>Type the customer&apos;s mobile phone number.</translation>
    </message>
</context>
<context>
    <name>RegistrationDialog</name>
    <message>
        <location filename="../../widgets/registration/dialog.py" line="+217"/>
        <source>Type the customer&apos;s mobile phone number.</source>
        <translation>Type the customer&apos;s mobile phone number.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the customer&apos;s first name.</source>
        <translation>Type the customer&apos;s first name.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Birth date: type it as DD.MM.YYYY, or leave it empty.</source>
        <translation>Birth date: type it as DD.MM.YYYY, or leave it empty.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A card number has 13 digits: scan the card or leave the field empty.</source>
        <translation>A card number has 13 digits: scan the card or leave the field empty.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Register a customer</source>
        <translation>Register a customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>First name</source>
        <translation>First name</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Birth date (optional)</source>
        <translation>Birth date (optional)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card (optional)</source>
        <translation>Card (optional)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DD.MM.YYYY</source>
        <translation>DD.MM.YYYY</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan or type the printed card</source>
        <translation>Scan or type the printed card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agrees to receive offers</source>
        <translation>Agrees to receive offers</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>I agree that the store may send me news and personal offers of its loyalty program by SMS and messengers, and may process my phone number, name and birth date for this purpose. I may withdraw this consent at any time at the till or by replying STOP.</source>
        <translation>I agree that the store may send me news and personal offers of its loyalty program by SMS and messengers, and may process my phone number, name and birth date for this purpose. I may withdraw this consent at any time at the till or by replying STOP.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Send code</source>
        <translation>Send code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a one-time code to the customer&apos;s phone</source>
        <translation>Send a one-time code to the customer&apos;s phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the registration: nothing is saved (Esc)</source>
        <translation>Stop the registration: nothing is saved (Esc)</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../widgets/returns/return_dialog.py" line="+205"/>
        <source>Receipt %1 of %2, %3</source>
        <translation>Receipt %1 of %2, %3</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The till did not keep this sale&apos;s points per line: the loyalty program counts them.</source>
        <translation>The till did not keep this sale&apos;s points per line: the loyalty program counts them.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Points taken back: %1
Points given back: %2</source>
        <translation>Points taken back: %1
Points given back: %2</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Looking for receipt %1…</source>
        <translation>Looking for receipt %1…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Opening receipt %1…</source>
        <translation>Opening receipt %1…</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+61"/>
        <source>Tick the lines that come back.</source>
        <translation>Tick the lines that come back.</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Making the return…</source>
        <translation>Making the return…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>earned %1</source>
        <translation>earned %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Today&apos;s sales with a customer</source>
        <translation>Today&apos;s sales with a customer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No sales with a customer today</source>
        <translation>No sales with a customer today</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan the original receipt, type its number, or pick it from today&apos;s sales.</source>
        <translation>Scan the original receipt, type its number, or pick it from today&apos;s sales.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receipt number</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of the POS&apos;s return receipt</source>
        <translation>Number of the POS&apos;s return receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other receipt</source>
        <translation>Other receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm return</source>
        <translation>Confirm return</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick the lines that come back and type the number of the POS&apos;s return receipt</source>
        <translation>Tick the lines that come back and type the number of the POS&apos;s return receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ReturnLineRow</name>
    <message>
        <location filename="../../widgets/returns/return_lines.py" line="+139"/>
        <source>sold %1 for %2</source>
        <translation>sold %1 for %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>earned %1</source>
        <translation>earned %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paid with points %1</source>
        <translation>paid with points %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned in full</source>
        <translation>returned in full</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned before %1</source>
        <translation>returned before %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How much comes back: at most %1</source>
        <translation>How much comes back: at most %1</translation>
    </message>
</context>
<context>
    <name>Returns</name>
    <message>
        <location filename="../../app/returns/texts.py" line="+27"/>
        <source>No sale of receipt %1 with a customer on this till. For a sale made on another till, give its original transaction id.</source>
        <translation>No sale of receipt %1 with a customer on this till. For a sale made on another till, give its original transaction id.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Line %1: %2 sold, %3 returned before; %4 more cannot be returned.</source>
        <translation>Line %1: %2 sold, %3 returned before; %4 more cannot be returned.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The sale has no line %1.</source>
        <translation>The sale has no line %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line %1: the quantity returned must be above zero.</source>
        <translation>Line %1: the quantity returned must be above zero.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>List the lines returned, each line once.</source>
        <translation>List the lines returned, each line once.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Return %1 was made before with other lines or another receipt.</source>
        <translation>Return %1 was made before with other lines or another receipt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No return %1 on this till.</source>
        <translation>No return %1 on this till.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The return cannot be made.</source>
        <translation>The return cannot be made.</translation>
    </message>
    <message>
        <location filename="../../app/returns/screen.py" line="+128"/>
        <location line="+166"/>
        <source>Confirmed by the loyalty program: %1 points taken back, %2 given back. Balance now: %3.</source>
        <translation>Confirmed by the loyalty program: %1 points taken back, %2 given back. Balance now: %3.</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>The loyalty program has not answered yet: the return waits in the queue and is sent again. The slip shows the till&apos;s figures, not yet confirmed.</source>
        <translation>The loyalty program has not answered yet: the return waits in the queue and is sent again. The slip shows the till&apos;s figures, not yet confirmed.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Everything on this receipt has been returned already.</source>
        <translation>Everything on this receipt has been returned already.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>No sale of receipt %1 with a customer on this till. Check the number; a sale without a customer needs no return here, and a sale of another till is returned there.</source>
        <translation>No sale of receipt %1 with a customer on this till. Check the number; a sale without a customer needs no return here, and a sale of another till is returned there.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The till could not do it: %1. Nothing was returned; try again.</source>
        <translation>The till could not do it: %1. Nothing was returned; try again.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Return saved. The loyalty program will count the points when it receives it.</source>
        <translation>Return saved. The loyalty program will count the points when it receives it.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Return saved: %1 points to be taken back, %2 to be given back.</source>
        <translation>Return saved: %1 points to be taken back, %2 to be given back.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The loyalty program refused this return. %1 The customer&apos;s points were not changed, and the slip says its figures are not confirmed. Tell the administrator: the refund is listed as failed in the sending queue.</source>
        <translation>The loyalty program refused this return. %1 The customer&apos;s points were not changed, and the slip says its figures are not confirmed. Tell the administrator: the refund is listed as failed in the sending queue.</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>The till is offline: the return waits in the queue and is sent when the connection is back.</source>
        <translation>The till is offline: the return waits in the queue and is sent when the connection is back.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sending it to the loyalty program…</source>
        <translation>Sending it to the loyalty program…</translation>
    </message>
</context>
<context>
    <name>SaleFinishedPanel</name>
    <message>
        <location filename="../../widgets/checkout/sale_finished.py" line="+64"/>
        <source>Sale finished</source>
        <translation>Sale finished</translation>
    </message>
</context>
<context>
    <name>Sandbox</name>
    <message>
        <location filename="../../app/demo/sandbox_process.py" line="+94"/>
        <source>it could not be started</source>
        <translation>it could not be started</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it crashed</source>
        <translation>it crashed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it failed (%1)</source>
        <translation>it failed (%1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it ended with exit code %1</source>
        <translation>it ended with exit code %1</translation>
    </message>
</context>
<context>
    <name>SandboxLog</name>
    <message>
        <location filename="../../widgets/demo/sandbox_log.py" line="+59"/>
        <source>Code {code} sent to {to}</source>
        <translation>Code {code} sent to {to}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No code sent yet</source>
        <translation>No code sent yet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>sent to {to}</source>
        <translation>sent to {to}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sandbox service: what the customer receives</source>
        <translation>Sandbox service: what the customer receives</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox service log</source>
        <translation>Sandbox service log</translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <location filename="../../widgets/admin/service_dialog.py" line="+133"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>A key is stored on this till (hidden).</source>
        <translation>A key is stored on this till (hidden).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No key stored.</source>
        <translation>No key stored.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The key is given by the environment (TILL_LOYALTY_API_KEY).</source>
        <translation>The key is given by the environment (TILL_LOYALTY_API_KEY).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loyalty service</source>
        <translation>Loyalty service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>API key</source>
        <translation>API key</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New key</source>
        <translation>New key</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type a key to store it; empty keeps the stored one</source>
        <translation>Type a key to store it; empty keeps the stored one</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove key</source>
        <translation>Remove key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check connection</source>
        <translation>Check connection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Shift</name>
    <message>
        <location filename="../../app/shift/screen.py" line="+88"/>
        <source>The shift&apos;s figures cannot be read: %1</source>
        <translation>The shift&apos;s figures cannot be read: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The shift slip is sent to the slip printer.</source>
        <translation>The shift slip is sent to the slip printer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No slip printer is set up: see Admin &gt; Devices.</source>
        <translation>No slip printer is set up: see Admin &gt; Devices.</translation>
    </message>
</context>
<context>
    <name>ShiftSummaryDialog</name>
    <message>
        <location filename="../../widgets/shift/summary_dialog.py" line="+141"/>
        <source>Reading the shift&apos;s figures…</source>
        <extracomment>The figures in the order shown; `show_figures` takes them by these keys.</extracomment>
        <translation>Reading the shift&apos;s figures…</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Period: %1</source>
        <translation>Period: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not yet confirmed by the loyalty service</source>
        <translation>Not yet confirmed by the loyalty service</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>confirmed %1</source>
        <translation>confirmed %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected %1</source>
        <translation>expected %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>* Not yet confirmed by the loyalty service: sales still waiting to be sent count with the till&apos;s own estimate.</source>
        <translation>* Not yet confirmed by the loyalty service: sales still waiting to be sent count with the till&apos;s own estimate.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Shift summary</source>
        <translation>Shift summary</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sales with a customer</source>
        <translation>Sales with a customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points earned</source>
        <translation>Points earned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points spent</source>
        <translation>Points spent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunds</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points taken back by refunds</source>
        <translation>Points taken back by refunds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points given back by refunds</source>
        <translation>Points given back by refunds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons used</source>
        <translation>Coupons used</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to be sent</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused by the service</source>
        <translation>Refused by the service</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the shift slip on the slip printer</source>
        <translation>Print the shift slip on the slip printer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Slip</name>
    <message>
        <location filename="../../app/devices/slip_labels.py" line="+19"/>
        <source>Bonus program</source>
        <translation>Bonus program</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+47"/>
        <source>Bonuses earned</source>
        <translation>Bonuses earned</translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+47"/>
        <source>Bonuses spent</source>
        <translation>Bonuses spent</translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+24"/>
        <source>Bonus balance</source>
        <translation>Bonus balance</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Personal offers</source>
        <translation>Personal offers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons applied</source>
        <translation>Coupons applied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra bonuses</source>
        <translation>Extra bonuses</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not confirmed: the loyalty program refused this sale. The figures above are the till&apos;s own.</source>
        <translation>Not confirmed: the loyalty program refused this sale. The figures above are the till&apos;s own.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not yet confirmed by the loyalty program: the figures above are the till&apos;s own.</source>
        <translation>Not yet confirmed by the loyalty program: the figures above are the till&apos;s own.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Bonus program return</source>
        <translation>Bonus program return</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return receipt</source>
        <translation>Return receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sale receipt</source>
        <translation>Sale receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+26"/>
        <source>Bonuses taken back</source>
        <translation>Bonuses taken back</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+26"/>
        <source>Bonuses given back</source>
        <translation>Bonuses given back</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Figures are provisional: the loyalty program confirms them once it receives the return.</source>
        <translation>Figures are provisional: the loyalty program confirms them once it receives the return.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bonuses will be recounted once the loyalty program receives the return.</source>
        <translation>Bonuses will be recounted once the loyalty program receives the return.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not confirmed: the loyalty program refused this return. The figures above are the till&apos;s own.</source>
        <translation>Not confirmed: the loyalty program refused this return. The figures above are the till&apos;s own.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Shift summary</source>
        <translation>Shift summary</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store</source>
        <translation>Store</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Till</source>
        <translation>Till</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales with a card</source>
        <translation>Sales with a card</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Returns</source>
        <translation>Returns</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupons used</source>
        <translation>Coupons used</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to be sent</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused by the program</source>
        <translation>Refused by the program</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>* not yet confirmed by the loyalty program</source>
        <translation>* not yet confirmed by the loyalty program</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed</source>
        <translation>Printed</translation>
    </message>
</context>
<context>
    <name>Till</name>
    <message>
        <location filename="../../app/checkout/presenter.py" line="+229"/>
        <source>Return receipt No. %1 printed; the loyalty program counts the bonuses.</source>
        <translation>Return receipt No. %1 printed; the loyalty program counts the bonuses.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Return receipt No. %1 printed; bonuses taken back %2, given back %3.</source>
        <translation>Return receipt No. %1 printed; bonuses taken back %2, given back %3.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Fiscal receipt No. %1 printed</source>
        <translation>Fiscal receipt No. %1 printed</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Balance now: %1</source>
        <translation>Balance now: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../app/devices/slip_labels.py" line="-53"/>
        <source>Bonuses will be credited when the connection is back.</source>
        <translation>Bonuses will be credited when the connection is back.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for the service to confirm the bonuses…</source>
        <translation>Waiting for the service to confirm the bonuses…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bonuses earned: %1, spent: %2. Balance now: %3.</source>
        <translation>Bonuses earned: %1, spent: %2. Balance now: %3.</translation>
    </message>
    <message>
        <location filename="../../app/gui.py" line="+129"/>
        <source>Sandbox loyalty service at %1</source>
        <translation>Sandbox loyalty service at %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The sandbox service stopped: %1</source>
        <translation>The sandbox service stopped: %1</translation>
    </message>
    <message>
        <location line="-69"/>
        <location filename="../../app/till.py" line="+159"/>
        <source>Connecting…</source>
        <extracomment>What the till needs after its first paint, imported off the GUI thread.</extracomment>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../app/till.py" line="+182"/>
        <source>The host API is off in the settings: the POS cannot send receipts.</source>
        <translation>The host API is off in the settings: the POS cannot send receipts.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The POS cannot reach the till: %1</source>
        <translation>The POS cannot reach the till: %1</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>Spend %1 from %2&apos;s bonuses while the service is offline?</source>
        <translation>Spend %1 from %2&apos;s bonuses while the service is offline?</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Loyalty service not configured</source>
        <translation>Loyalty not configured</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Working offline</source>
        <translation>Working offline</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Loyalty service online</source>
        <translation>Loyalty service online</translation>
    </message>
</context>
<context>
    <name>TillWindow</name>
    <message>
        <location filename="../../widgets/admin/failure_notice.py" line="+13"/>
        <location filename="../../widgets/main_window.py" line="+361"/>
        <source>Admin</source>
        <extracomment>The smallest window: the compact loyalty panel beside the POS. From this width the host column is shown beside the loyalty panel. Below this width the loyalty panel stacks its rows. The Admin button&apos;s caption in the narrow panel: the service status beside it is read whole.</extracomment>
        <translation>Admin</translation>
    </message>
    <message>
        <location filename="../../widgets/main_window.py" line="+2"/>
        <source>Return, shift summary; device settings, sending queue, offline selling, admin PIN (PIN required)</source>
        <translation>Return, shift summary; device settings, sending queue, offline selling, admin PIN (PIN required)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+18"/>
        <source>F10: open the Admin menu</source>
        <translation>F10: open the Admin menu</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Return…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift summary…</source>
        <translation>Shift summary…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices…</source>
        <translation>Devices…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending queue…</source>
        <translation>Sending queue…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline selling…</source>
        <translation>Offline selling…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Integration…</source>
        <translation>Integration…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loyalty service…</source>
        <translation>Loyalty service…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change admin PIN…</source>
        <translation>Change admin PIN…</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Till loyalty</source>
        <translation>Till loyalty</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Till loyalty (demo)</source>
        <translation>Till loyalty (demo)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>F2 Find customer · F4 Maximum bonuses · F8 Close receipt · Esc Reset customer</source>
        <translation>F2 Find customer · F4 Maximum bonuses · F8 Close receipt · Esc Reset customer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>F2: put the cursor into the customer search
F4: redeem the maximum of bonuses
F8: close the receipt
Esc: cancel the code entry, otherwise reset the customer</source>
        <translation>F2: put the cursor into the customer search
F4: redeem the maximum of bonuses
F8: close the receipt
Esc: cancel the code entry, otherwise reset the customer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>F2 Find customer · F4 Maximum bonuses · Esc Reset customer</source>
        <translation>F2 Find customer · F4 Maximum bonuses · Esc Reset customer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>F2: put the cursor into the customer search
F4: redeem the maximum of bonuses
Esc: cancel the code entry, otherwise reset the customer</source>
        <translation>F2: put the cursor into the customer search
F4: redeem the maximum of bonuses
Esc: cancel the code entry, otherwise reset the customer</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../widgets/checkout/totals_panel.py" line="+131"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bonus discount</source>
        <translation>Bonus discount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To pay</source>
        <translation>To pay</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bonuses to earn</source>
        <translation>Bonuses to earn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Can redeem</source>
        <translation>Can redeem</translation>
    </message>
</context>
</TS>
