"""Store results as JSON and read them back as the same domain dataclasses, for idempotent replay."""
from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

T = TypeVar("T")
_PLAIN = frozenset({str, int, float, bool, type(None)})  # exactly these types: an enum may subclass str
# Made once: `json.dumps` with any option builds a new encoder on every call.
_RESULT_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
_CANONICAL_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def to_plain(value: Any) -> Any:
    """JSON-able form of a domain value: decimals and moments as strings, enums by value."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is Decimal:
        return str(value)
    if kind is tuple or kind is list:
        return [to_plain(item) for item in value]
    names = _FIELD_NAMES.get(kind, _UNSEEN)
    if names is _UNSEEN:
        names = _FIELD_NAMES[kind] = _field_names(kind)
    if names is not None:
        return {name: to_plain(getattr(value, name)) for name in names}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (Decimal, date, datetime)):
        return value.isoformat() if not isinstance(value, Decimal) else str(value)
    if isinstance(value, (list, tuple)):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    return value


_UNSEEN = object()
_FIELD_NAMES: dict[type, Any] = {}  # by type: `_field_names`, worked out once


def _field_names(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type, in order; None for any other type."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(field.name for field in dataclasses.fields(kind))


def dump_result(value: Any) -> str:
    """A domain dataclass as JSON text."""
    return _RESULT_JSON.encode(to_plain(value))


def load_result(cls: type[T], text: str) -> T:
    """The dataclass `cls` read back from `dump_result` text."""
    return _from_plain(cls, json.loads(text))


def fingerprint(value: Any) -> str:
    """A stable digest of a request's content: the same content always gives the same digest."""
    return plain_fingerprint(to_plain(value))


def plain_fingerprint(value: Any) -> str:
    """`fingerprint` of a value already plain (dicts, lists, strings, numbers, booleans, None):
    the same digest, without walking the value first."""
    return text_fingerprint(canonical_json(value))


def canonical_json(value: Any) -> str:
    """The text `plain_fingerprint` digests: sorted keys, no spaces, non-ASCII kept as it is."""
    return _CANONICAL_JSON.encode(value)


def text_fingerprint(canonical: str) -> str:
    """`plain_fingerprint` of the value whose `canonical_json` is `canonical`."""
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _from_plain(kind: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _from_plain(options[0], data)
    if origin is tuple:
        item_kind = typing.get_args(kind)[0]
        return tuple(_from_plain(item_kind, item) for item in data)
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{name: _from_plain(hints[name], value) for name, value in data.items()})
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(data)
    if kind is Decimal:
        return Decimal(data)
    if kind is datetime:
        return datetime.fromisoformat(data)
    if kind is date:
        return date.fromisoformat(data)
    return data
