"""Domain values <-> plain JSON-able data, for the local cache, the journal and the outbox.

Decimals travel as strings (`"12.50"` keeps its two places), dates and datetimes as ISO 8601,
enums by value, tuples as lists, dataclasses as dicts of their fields. `from_data` rebuilds a value
from the type hints of the target class, so `from_data(Customer, to_data(customer)) == customer`
for every domain type in `loyalty_client.types`. Floats are refused: money is never a float.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import lru_cache
from typing import Any, Sequence, TypeVar

from loyalty_client.types import Customer

T = TypeVar("T")

JsonValue = Any
"""What `json.dumps` accepts: dicts, lists, strings, ints, bools and None."""


def to_data(value: Any) -> JsonValue:
    """A JSON-able form of a domain value (dataclasses, Decimal, date, datetime, enums, tuples)."""
    kind = type(value)
    if kind is str:
        return value
    if kind is Decimal:
        return str(value)
    names = _field_names(kind)
    if names is not None:
        return {name: to_data(getattr(value, name)) for name in names}
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Enum):  # before str/int: str-valued enums are strings too
        return value.value
    if isinstance(value, (str, int)):
        return value
    if isinstance(value, float):
        raise TypeError("floats are not allowed: money and points are Decimal")
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):  # before date: a datetime is a date too
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [to_data(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_data(item) for key, item in value.items()}
    raise TypeError(f"cannot encode {type(value).__name__}")


@lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type, in order; None for any other type."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(field.name for field in dataclasses.fields(kind))


def from_data(cls: type[T], data: JsonValue) -> T:
    """Rebuild a value of type `cls` from what `to_data` made of it.

    Raises `ValueError` when the data does not fit the type (a missing field, a malformed decimal
    or date, an unknown enum value). Keys the type does not know are ignored, so data written by a
    newer version still reads.
    """
    return _decode(cls, data)  # type: ignore[no-any-return]


def customer_to_dict(customer: Customer) -> dict[str, JsonValue]:
    """A customer as plain data for the display cache."""
    return to_data(customer)  # type: ignore[no-any-return]


def customer_from_dict(data: dict[str, JsonValue]) -> Customer:
    """Inverse of `customer_to_dict`."""
    return from_data(Customer, data)


def coupons_to_data(codes: Sequence[str]) -> list[str]:
    """The coupon codes of a sale as plain data, in order (an outbox commit carries them)."""
    if isinstance(codes, str):
        raise TypeError("coupons must be a sequence of codes, not one string")
    if not all(isinstance(code, str) and code for code in codes):
        raise TypeError("each coupon must be a non-empty code string")
    if len(set(codes)) != len(codes):
        raise ValueError("a coupon is given twice")
    return list(codes)


def coupons_from_data(data: JsonValue) -> tuple[str, ...]:
    """Inverse of `coupons_to_data`; None (a payload written before coupons existed) is no coupons."""
    if data is None:
        return ()
    if not isinstance(data, list) or not all(isinstance(code, str) and code for code in data):
        raise ValueError("coupons must be a list of code strings")
    return tuple(data)


# ----- decoding -------------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(tp: Any, data: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        options = typing.get_args(tp)
        if data is None:
            if type(None) in options:
                return None
            raise ValueError(f"None is not a {tp}")
        real = [option for option in options if option is not type(None)]
        if len(real) != 1:
            raise TypeError(f"unsupported union {tp}")
        return _decode(real[0], data)
    if origin is tuple:
        args = typing.get_args(tp)
        if not isinstance(data, list):
            raise ValueError(f"expected a list for {tp}, got {type(data).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in data)
        if len(args) != len(data):
            raise ValueError(f"expected {len(args)} items for {tp}")
        return tuple(_decode(arg, item) for arg, item in zip(args, data))
    if tp is Any:
        return data
    if data is None:
        raise ValueError(f"None is not a {getattr(tp, '__name__', tp)}")
    if isinstance(tp, type):
        if issubclass(tp, Enum):
            return tp(data)
        if tp is Decimal:
            return _decimal(data)
        if tp is datetime:
            return datetime.fromisoformat(_str(data, "datetime"))
        if tp is date:
            return date.fromisoformat(_str(data, "date"))
        if tp is bool:
            if not isinstance(data, bool):
                raise ValueError(f"expected a boolean, got {data!r}")
            return data
        if tp is int:
            if isinstance(data, bool) or not isinstance(data, int):
                raise ValueError(f"expected an integer, got {data!r}")
            return data
        if tp is str:
            return _str(data, "string")
        if dataclasses.is_dataclass(tp):
            return _decode_dataclass(tp, data)
    raise TypeError(f"cannot decode {tp}")


def _decode_dataclass(cls: type, data: Any) -> Any:
    if not isinstance(data, dict):
        raise ValueError(f"expected an object for {cls.__name__}, got {type(data).__name__}")
    hints = _hints(cls)
    values = {}
    for field in dataclasses.fields(cls):
        if field.name in data:
            values[field.name] = _decode(hints[field.name], data[field.name])
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise ValueError(f"{cls.__name__}.{field.name} is missing")
    return cls(**values)


def _decimal(data: Any) -> Decimal:
    if isinstance(data, bool) or not isinstance(data, (str, int)):
        raise ValueError(f"expected a decimal string, got {data!r}")
    try:
        value = Decimal(data)
    except InvalidOperation as exc:
        raise ValueError(f"not a decimal: {data!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not a finite decimal: {data!r}")
    return value


def _str(data: Any, what: str) -> str:
    if not isinstance(data, str):
        raise ValueError(f"expected a {what} string, got {data!r}")
    return data
