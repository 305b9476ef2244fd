"""Rule parameters: a number, a string or a list of strings, with their types and display."""

from __future__ import annotations

from collections.abc import Mapping

# Lists are tuples so that a compiled rule's parameters cannot be changed after loading.
ParamValue = float | str | tuple[str, ...]

TYPE_NAMES = {float: "a number", str: "a string", tuple: "a list of strings"}


def param_value(raw: object) -> ParamValue:
    """A schema-checked YAML value as a parameter: numbers as floats, lists as tuples."""
    if isinstance(raw, list | tuple):
        return tuple(str(item) for item in raw)
    if isinstance(raw, str):
        return raw
    assert isinstance(raw, int | float) and not isinstance(raw, bool), raw
    return float(raw)


def type_name(value: ParamValue) -> str:
    """What kind of parameter a value is, in words: `a number`, `a list of strings`..."""
    return TYPE_NAMES[type(value)]


def render_param(value: ParamValue) -> str:
    """A parameter as `readiness rules show` prints it: 90, 0.5, a, b, or the text."""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):
        return ", ".join(value) if value else "[]"
    return value


def number(params: Mapping[str, ParamValue], name: str) -> float:
    """A parameter that compiling the rule proved to be a number."""
    value = params[name]
    assert isinstance(value, float), (name, value)
    return value


def strings(params: Mapping[str, ParamValue], name: str) -> tuple[str, ...]:
    """A parameter that compiling the rule proved to be a list of strings."""
    value = params[name]
    assert isinstance(value, tuple), (name, value)
    return value
