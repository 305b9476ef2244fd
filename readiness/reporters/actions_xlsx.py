"""The actions as an Excel workbook: a sheet of actions (filters on, header frozen) and a
sheet of sites. Written with XlsxWriter, whose zip entries carry a fixed date; the document's
dates are the as-of date, so the same run gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import xlsxwriter

from readiness.actions import ActionList
from readiness.reporters.action_rows import COLUMNS, SITE_COLUMNS, Cell, row, site_row

# Column widths in characters, by header; others take the default.
_WIDTHS = {"Due": 11, "Owner": 24, "Role": 24, "Email": 30, "Site": 24, "Rule": 18}
_WIDTHS |= {"Item": 24, "What to do": 60, "Finding": 60, "Where": 40, "Name": 40}


def render(actions: ActionList) -> bytes:
    """The workbook's bytes."""
    buffer = io.BytesIO()
    # Text from site files stays text: never a formula, a link or a number.
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(buffer, options)
    scope = actions.filters.description
    book.set_properties(
        {
            "title": "Readiness actions",
            "subject": f"Open actions as of {actions.as_of.isoformat()}",
            "comments": scope,
            "author": "readiness",
            "created": dt.datetime.combine(actions.as_of, dt.time()),
        }
    )
    formats = {
        "header": book.add_format({"bold": True, "bottom": 1}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "text": book.add_format({"text_wrap": False}),
    }
    rows = [row(action) for action in actions.actions]
    _sheet(book.add_worksheet("Actions"), COLUMNS, rows, formats, filtered=True)
    sites = [site_row(site) for site in actions.sites]
    _sheet(book.add_worksheet("Sites"), SITE_COLUMNS, sites, formats, filtered=False)
    book.close()
    return buffer.getvalue()


def _sheet(
    sheet: Any,
    columns: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    formats: dict[str, Any],
    filtered: bool,
) -> None:
    for index, header in enumerate(columns):
        sheet.write_string(0, index, header, formats["header"])
        sheet.set_column(index, index, _WIDTHS.get(header, 12))
    for line, cells in enumerate(rows, start=1):
        for index, value in enumerate(cells):
            if isinstance(value, dt.date):
                day = dt.datetime.combine(value, dt.time())
                sheet.write_datetime(line, index, day, formats["date"])
            elif isinstance(value, int):
                sheet.write_number(line, index, value)
            else:
                sheet.write_string(line, index, value, formats["text"])
    sheet.freeze_panes(1, 0)
    if filtered:
        sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
