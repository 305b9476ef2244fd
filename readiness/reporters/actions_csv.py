"""The actions as CSV (RFC 4180): one header row, then one row per action."""

from __future__ import annotations

import csv
import datetime as dt
import io

from readiness.actions import ActionList
from readiness.reporters.action_rows import COLUMNS, Cell, row

# A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render(actions: ActionList) -> str:
    """The actions, due date first; dates as YYYY-MM-DD."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([_cell(value) for value in row(action)] for action in actions.actions)
    return out.getvalue()


def _cell(value: Cell) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    # Text from a site file must never run in the spreadsheet that opens this file.
    return f"'{value}" if value.startswith(_FORMULA_START) else value
