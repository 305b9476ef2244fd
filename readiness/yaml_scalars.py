"""How a plain YAML scalar reads: the YAML 1.1 surprises are reported, never coerced silently.

`2.10` read as 2.1, `no` read as false, `012` read as octal and `12:30` read as 750 are all
legal YAML 1.1; a site file that means text by them gets a problem instead of a wrong value.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

Scalar = str | int | float | bool | None
# What a plain scalar means, and the problem (message, code) when it does not mean what it looks.
Reading = tuple[Scalar, tuple[str, str] | None]

# Longer whole numbers are refused as written (the schema's own bounds are far lower).
MAX_DIGITS = 30

NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_YAML11_BOOL = frozenset(
    {"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"}
)
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")
_OTHER_BASE = re.compile(r"^[-+]?0[xXoObB][0-9a-fA-F_]+$")
_UNDERSCORE_INT = re.compile(r"^[-+]?[1-9][0-9_]*_[0-9_]*$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = re.compile(r"^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$")


@lru_cache(maxsize=8192)  # keys and values repeat throughout a site: read each text once
def read_plain(text: str) -> Reading:
    """The value of an unquoted scalar, with the problem when YAML 1.1 would misread it."""
    if NULL.match(text):
        return None, None
    if text in _TRUE:
        return True, None
    if text in _FALSE:
        return False, None
    if _INT.match(text):
        if len(text) > MAX_DIGITS:
            # Python refuses to read whole numbers past a few thousand digits.
            shown = f"{text[:12]}..."
            message = (
                f"`{shown}` is a number of {len(text.lstrip('+-'))} digits; no figure of a "
                "site is that large: write the real figure"
            )
            return text, (message, "yaml-number")
        return int(text), None
    for check in _SURPRISES:
        problem = check(text)
        if problem is not None:
            return text, problem
    if _FLOAT.match(text):
        number = float(text)
        if not math.isfinite(number):
            return text, (f"`{text}` is not a finite number; write a number", "yaml-number")
        return number, None
    return text, None


def _bool_word(text: str) -> tuple[str, str] | None:
    if text not in _YAML11_BOOL:
        return None
    meaning = "true" if text.lower() in ("yes", "on") else "false"
    return (
        f"`{text}` is read by YAML 1.1 as the boolean {meaning}; write {meaning} for a "
        f'yes/no answer, or quote it ("{text}") for text',
        "yaml-ambiguous-bool",
    )


def _other_base(text: str) -> tuple[str, str] | None:
    if not _OTHER_BASE.match(text):
        return None
    base = {"x": "hexadecimal", "o": "octal", "b": "binary"}[text.lstrip("+-")[1].lower()]
    return (
        f"`{text}` is read by YAML 1.1 as a {base} number; write it in decimal, "
        f'or quote it ("{text}") if it is a code',
        "yaml-leading-zero",
    )


def _underscores(text: str) -> tuple[str, str] | None:
    if not _UNDERSCORE_INT.match(text):
        return None
    return (
        f"`{text}` is read by YAML 1.1 as a number with its underscores dropped; "
        f'write it without underscores, or quote it ("{text}") if it is a code',
        "yaml-leading-zero",
    )


def _leading_zero(text: str) -> tuple[str, str] | None:
    if not _LEADING_ZERO.match(text):
        return None
    return (
        f"`{text}` is not a plain decimal number (YAML 1.1 reads a leading zero as "
        "octal); write it without the leading zero, or quote it "
        f'("{text}") if it is a code',
        "yaml-leading-zero",
    )


def _sexagesimal(text: str) -> tuple[str, str] | None:
    if not _SEXAGESIMAL.match(text):
        return None
    return (
        f"`{text}` is read by YAML 1.1 as a base-60 number; quote it "
        f'("{text}") if it is a time or a code',
        "yaml-sexagesimal",
    )


def _special_float(text: str) -> tuple[str, str] | None:
    if not _SPECIAL_FLOAT.match(text):
        return None
    return f"`{text}` is not a finite number; write a number", "yaml-number"


# In the order they are tried: the first that matches explains the scalar.
_SURPRISES = (_bool_word, _other_base, _underscores, _leading_zero, _sexagesimal, _special_float)


def describe_value(value: object) -> str:
    """How a loaded value reads to a user, e.g. `the number 2.1`."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value:g}"
    if value is None:
        return "null"
    return "text"
