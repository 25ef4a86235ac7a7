"""CouponList: the strip shows its rows in view whole, whatever each row's type."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QScrollArea

from widgets.checkout.coupon_list import ROWS_IN_VIEW, ROWS_IN_VIEW_SHORT, CouponList, CouponRow
from widgets.style import load_stylesheet

ROWS = [
    CouponRow(f"99000000000{number}", f"Купон {number}", f"−{number},00", True) for number in range(1, 6)
]


def bottom_of_row(strip: CouponList, code: str) -> int:
    """Where the row of `code` ends, in the strip's viewport."""
    scroll = strip.findChild(QScrollArea)
    labels = [label for label in strip.findChildren(QLabel) if label.property("code") == code]
    return max(label.mapTo(scroll.viewport(), label.rect().bottomLeft()).y() + 1 for label in labels)


@pytest.mark.parametrize("short", [False, True])
def test_the_rows_in_view_are_whole_when_one_row_is_restyled_taller(qtbot, short: bool) -> None:
    strip = CouponList()
    strip.setStyleSheet(load_stylesheet())
    qtbot.addWidget(strip)
    strip.resize(400, 300)
    strip.show_coupons(ROWS)
    strip.set_short(short)
    strip.show()
    qtbot.waitExposed(strip)
    in_view = ROWS_IN_VIEW_SHORT if short else ROWS_IN_VIEW
    last = ROWS[in_view - 1].code
    # The last row in view takes a larger type later, as the narrow panel's rules restyle a row.
    [detail] = [label for label in strip.findChildren(QLabel, "CouponDetail") if label.property("code") == last]
    detail.setStyleSheet("font-size: 28pt;")
    qtbot.waitUntil(lambda: detail.height() >= detail.sizeHint().height() > 30)  # laid out in its new type
    viewport = strip.findChild(QScrollArea).viewport()
    assert bottom_of_row(strip, last) <= viewport.height(), "the last row in view ends inside the strip"
    following = ROWS[in_view].code
    assert bottom_of_row(strip, following) > viewport.height(), "the next row is scrolled, not shown"
