"""The first pass of schema validation: is this file valid? asked of the native jsonschema-rs.

Nearly every file a user validates is valid, and jsonschema-rs answers that in about a
hundredth of the time of the jsonschema library. A file it does not call valid goes on to
`schema_check`, where jsonschema finds every problem with its position and wording. So this
pass may be stricter than the library, never looser: when it says valid, the file must be
valid under our rules (the `date` format below, ECMA-262 patterns), or a broken plan would
pass unchecked. tests/properties/test_schema_passes.py holds the two passes to that.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache

import jsonschema_rs

from readiness.resources import schema_path

# Dates a go-live plan can hold; outside them date arithmetic (due dates) would overflow.
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2200, 12, 31)
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def plan_date(text: str) -> bool:
    """True when `text` is a YYYY-MM-DD calendar date between FIRST_DATE and LAST_DATE."""
    if not ISO_DATE.match(text):
        return False
    try:
        return FIRST_DATE <= dt.date.fromisoformat(text) <= LAST_DATE
    except ValueError:  # 2027-02-30
        return False


@cache
def _validator(name: str) -> jsonschema_rs.Validator:
    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    # Formats are only annotations in draft 2020-12 unless asked for; ours is `date`. A format
    # it does not know must stop the build rather than pass every value unchecked.
    return jsonschema_rs.Draft202012Validator(
        schema, formats={"date": plan_date}, validate_formats=True, ignore_unknown_formats=False
    )


def surely_valid(data: object, schema: str) -> bool:
    """True only when `data` is valid against the named shipped schema; False when it is
    invalid or when jsonschema-rs cannot tell (then the full check decides)."""
    try:
        return _validator(schema).is_valid(data)
    except (ValueError, TypeError, OverflowError):
        # A value it cannot convert to JSON (a lone surrogate, a key that is not text): unsure.
        return False
