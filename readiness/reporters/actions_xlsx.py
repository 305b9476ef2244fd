"""The actions as an Excel workbook: a sheet of actions (filters on, header frozen) and a
sheet of sites. Its bytes depend only on the actions and the as-of date (`workbook`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any  # openpyxl has no type hints

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from readiness.actions import ActionList
from readiness.reporters.action_rows import COLUMNS, SITE_COLUMNS, Cell, row, site_row
from readiness.reporters.workbook import text_stays_text, workbook_bytes

# Column widths in characters, by header; others take 12.
_WIDTHS = {"Due": 11, "Owner": 24, "Role": 24, "Email": 30, "Site": 24, "Rule": 18}
_WIDTHS |= {"Item": 24, "What to do": 60, "Finding": 60, "Where": 40, "Name": 40}


def render(actions: ActionList) -> bytes:
    """The workbook's bytes: sheets `Actions` and `Sites`."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Actions"
    _table(sheet, COLUMNS, [row(action) for action in actions.actions])
    # Filters over every column; a spreadsheet user narrows by owner, site or rule.
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(actions.actions) + 1}"
    _table(book.create_sheet("Sites"), SITE_COLUMNS, [site_row(s) for s in actions.sites])
    book.properties.title = "Readiness actions"
    book.properties.description = actions.filters.description or None
    return workbook_bytes(book, actions.as_of)


def _table(sheet: Any, header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    sheet.append(list(header))
    for cells in rows:
        sheet.append([_value(value) for value in cells])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy-mm-dd"
    text_stays_text(sheet)
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(name, 12)


def _value(value: Cell) -> object:
    # A date is a date cell (at midnight), so a spreadsheet sorts and filters it as one.
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return value
