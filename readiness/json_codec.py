"""Frozen dataclasses to JSON data and back, every value checked against its declared type.

The result cache keeps results as JSON, never as pickle: reading a cache entry can then build
nothing but these dataclasses, and an entry whose shape differs in any way from the type asked
for (a missing or extra field, a number where text belongs, a list for a date) is refused with
`ShapeError` instead of being half-trusted. Encoding is as strict, so that what is written
decodes to an equal value: a value whose type the declarations do not allow is a `TypeError`.

Supported declarations: str, int, float, bool, None, datetime.date, `X | None`, `tuple[X, ...]`,
`tuple[X, Y]`, `dict[str, X]`, nested dataclasses, and `object` for JSON scalars and tuples of
them (settings whose value is a number, text or a list).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
Convert = Callable[[Any], Any]


class ShapeError(Exception):
    """Data that does not have the shape of the type it was read as."""


def encode(value: object) -> object:
    """A dataclass instance as JSON data (dicts, lists, text, numbers, booleans, null)."""
    hint: Any = type(value)
    return _codec(hint)[0](value)


def decode(kind: type[T], data: object) -> T:
    """An instance of the dataclass `kind` from JSON data; ShapeError if the data is not one."""
    try:
        hint: Any = kind
        built: T = _codec(hint)[1](data)
    except (TypeError, ValueError, KeyError) as err:
        raise ShapeError(str(err)) from None
    return built


@functools.cache
def _codec(hint: Any) -> tuple[Convert, Convert]:
    """The encoder and decoder of one declared type, built once."""
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _dataclass(hint)
    if hint in _SCALARS:
        return _scalar(hint)
    if hint is dt.date:
        return _date_encode, _date_decode
    if hint is object:
        return _plain_encode, _plain_decode
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union) and len(args) == 2 and type(None) in args:
        return _optional(next(a for a in args if a is not type(None)))
    if origin is tuple:
        return _tuple(args)
    if origin is dict and args[0] is str:
        return _dict(args[1])
    raise TypeError(f"no JSON form for the declared type {hint!r}")


_SCALARS = (str, int, float, bool)


def _scalar(kind: type) -> tuple[Convert, Convert]:
    def check(value: Any) -> Any:
        # `type(...) is`, not isinstance: True is an int, and must not come back as 1.
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    return check, check


def _date_encode(value: Any) -> str:
    if type(value) is not dt.date:
        raise TypeError(f"expected a date, got {type(value).__name__}")
    return value.isoformat()


def _date_decode(data: Any) -> dt.date:
    if type(data) is not str:
        raise TypeError(f"expected a date, got {type(data).__name__}")
    day = dt.date.fromisoformat(data)
    if day.isoformat() != data:  # fromisoformat also takes `20270101` and `2027-W01-1`
        raise ValueError(f"not a YYYY-MM-DD date: {data!r}")
    return day


def _plain_encode(value: Any) -> Any:
    if value is None or type(value) in _SCALARS:
        return value
    if type(value) is tuple:
        return [_plain_encode(v) for v in value]
    raise TypeError(f"no JSON form for a {type(value).__name__} setting")


def _plain_decode(data: Any) -> Any:
    if data is None or type(data) in _SCALARS:
        return data
    if type(data) is list:
        return tuple(_plain_decode(v) for v in data)
    raise TypeError(f"unexpected {type(data).__name__}")


def _optional(hint: Any) -> tuple[Convert, Convert]:
    encode_inner, decode_inner = _codec(hint)
    return (
        lambda value: None if value is None else encode_inner(value),
        lambda data: None if data is None else decode_inner(data),
    )


def _tuple(args: tuple[Any, ...]) -> tuple[Convert, Convert]:
    if len(args) == 2 and args[1] is Ellipsis:
        encode_item, decode_item = _codec(args[0])

        def encode_all(value: Any) -> list[Any]:
            if type(value) is not tuple:
                raise TypeError(f"expected a tuple, got {type(value).__name__}")
            return [encode_item(v) for v in value]

        def decode_all(data: Any) -> tuple[Any, ...]:
            if type(data) is not list:
                raise TypeError(f"expected a list, got {type(data).__name__}")
            return tuple(decode_item(v) for v in data)

        return encode_all, decode_all
    codecs = [_codec(a) for a in args]

    def encode_fixed(value: Any) -> list[Any]:
        if type(value) is not tuple or len(value) != len(codecs):
            raise TypeError(f"expected a tuple of {len(codecs)}")
        return [c[0](v) for c, v in zip(codecs, value, strict=True)]

    def decode_fixed(data: Any) -> tuple[Any, ...]:
        if type(data) is not list or len(data) != len(codecs):
            raise TypeError(f"expected a list of {len(codecs)}")
        return tuple(c[1](v) for c, v in zip(codecs, data, strict=True))

    return encode_fixed, decode_fixed


def _dict(hint: Any) -> tuple[Convert, Convert]:
    encode_value, decode_value = _codec(hint)

    def encode_all(value: Any) -> dict[str, Any]:
        if type(value) is not dict or not all(type(k) is str for k in value):
            raise TypeError("expected a dict with text keys")
        return {k: encode_value(v) for k, v in value.items()}

    def decode_all(data: Any) -> dict[str, Any]:
        if type(data) is not dict:
            raise TypeError(f"expected an object, got {type(data).__name__}")
        return {k: decode_value(v) for k, v in data.items()}

    return encode_all, decode_all


def _dataclass(kind: type) -> tuple[Convert, Convert]:
    hints = typing.get_type_hints(kind)
    names = tuple(f.name for f in dataclasses.fields(kind))
    codecs = {name: _codec(hints[name]) for name in names}
    expected = set(names)

    def encode_one(value: Any) -> dict[str, Any]:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
        return {name: codecs[name][0](getattr(value, name)) for name in names}

    # A frozen dataclass's __init__ sets each field through object.__setattr__, five times
    # slower than filling the instance's dict: with every field checked and present, and no
    # __post_init__ to run, the dict is filled directly (reading a portfolio builds 10,000s).
    direct = not hasattr(kind, "__post_init__") and "__slots__" not in vars(kind)

    def decode_one(data: Any) -> Any:
        if type(data) is not dict or data.keys() != expected:
            raise TypeError(f"not the fields of {kind.__name__}")
        values = {name: codecs[name][1](data[name]) for name in names}
        if not direct:
            return kind(**values)
        built: Any = object.__new__(kind)
        built.__dict__.update(values)
        return built

    return encode_one, decode_one
