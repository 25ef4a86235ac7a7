"""The slip's words in Belarusian, for tests of Belarusian text on paper (CP1251, stand-ins on CP866).

The till translates the slip's words itself (`app/devices/slip_labels.py`); the layout only prints
what it is given, so its tests give it these.
"""
from __future__ import annotations

from devices.printing.receipt_layout import ReceiptLabels
from devices.printing.return_slip import ReturnLabels
from devices.printing.shift_slip import ShiftLabels

BELARUSIAN = ReceiptLabels(
    heading="Бонусная праграма",
    phone="Тэлефон",
    tier="Узровень",
    earned="Налічана бонусаў",
    spent="Спісана бонусаў",
    balance="Баланс бонусаў",
    offline="Бонусы будуць налічаны, калі адновіцца сувязь з праграмай лаяльнасці.",
    offers_heading="Персанальныя прапановы",
    valid_until="Дзейнічае да",
    coupon="Купон",
    coupons_heading="Ужытыя купоны",
    coupon_points="Дадатковыя бонусы",
    refused="Не пацверджана: праграма лаяльнасці не прыняла гэту пакупку. Вышэй пададзены разлікі касы.",
    pending="Яшчэ не пацверджана праграмай лаяльнасці: вышэй пададзены разлікі касы.",
)

BELARUSIAN_RETURN = ReturnLabels(
    heading="Вяртанне па бонуснай праграме",
    document="Чэк вяртання",
    original="Чэк пакупкі",
    reversed="Знята налічаных бонусаў",
    returned="Вернута бонусаў",
    balance="Баланс бонусаў",
    expected="Сумы папярэднія: праграма лаяльнасці пацвердзіць іх, калі атрымае вяртанне.",
    unknown="Бонусы будуць пералічаны, калі праграма лаяльнасці атрымае вяртанне.",
    refused="Не пацверджана: праграма лаяльнасці не прыняла гэта вяртанне. Вышэй пададзены разлікі касы.",
)

BELARUSIAN_SHIFT = ShiftLabels(
    heading="Вынікі змены",
    store="Крама",
    till="Каса",
    period="Перыяд",
    sales="Продажы з картай",
    earned="Налічана бонусаў",
    spent="Спісана бонусаў",
    refunds="Вяртанні",
    reversed="Знята бонусаў",
    returned="Вернута бонусаў",
    coupons="Купонаў скарыстана",
    waiting="Чакаюць адпраўкі",
    failed="Не прыняты праграмай",
    unconfirmed="* яшчэ не пацверджана праграмай лаяльнасці",
    printed="Надрукавана",
)
