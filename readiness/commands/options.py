"""Argument types shared by commands."""

from __future__ import annotations

import argparse
import datetime as dt


def iso_date(text: str) -> dt.date:
    """An `--as-of` value: a YYYY-MM-DD date."""
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a date; expected YYYY-MM-DD") from None


def rule_ids(text: str) -> list[str]:
    """A comma-separated list of rule ids or prefixes such as `TR-`."""
    ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids:
        raise argparse.ArgumentTypeError("expected one or more rule ids, e.g. TR-COMPLETE,IF-")
    return ids
