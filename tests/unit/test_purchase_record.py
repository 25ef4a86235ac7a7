"""How the sandbox writes a purchase's numbers into its fingerprints."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from loyalty_client.sandbox.purchase_record import number

# Any sign, 1 to 40 digits (more than the context's 28), any exponent: spelled out, never rounded.
DECIMALS = st.builds(
    lambda sign, digits, exponent: Decimal(f"{sign}{digits}E{exponent}"),
    st.sampled_from(["", "-"]),
    st.integers(0, 10**40).map(str),
    st.integers(-45, 45),
)


@settings(max_examples=500, deadline=None)
@given(DECIMALS)
@example(Decimal("0.00"))
@example(Decimal("-0.00"))
@example(Decimal("31.80"))
@example(Decimal("100"))
@example(Decimal("1.000000000000000000000000000001"))
@example(Decimal("1234567890123456789012345678.9"))
@example(Decimal("NaN"))
@example(Decimal("-Infinity"))
def test_a_number_is_written_as_its_normal_form_without_exponent(value: Decimal) -> None:
    assert number(value) == format(value.normalize(), "f")


def test_a_signalling_nan_is_refused_as_before() -> None:
    with pytest.raises(InvalidOperation):
        number(Decimal("sNaN"))
