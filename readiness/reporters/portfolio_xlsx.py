"""The portfolio as an Excel workbook: a ranking sheet and a heatmap sheet, for the board pack.

The bytes depend only on the portfolio: the document's created and modified times are the
portfolio's as-of date, and every file in the archive carries that date too.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any  # openpyxl has no type hints

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from readiness.portfolio import Portfolio
from readiness.reporters.portfolio_table import (
    RANKING_HEADER,
    Cell,
    heatmap_header,
    heatmap_row,
    ranking_row,
)

# Fills of the heatmap's RAG cells; the RAG word is in the cell beside, never colour alone.
FILLS = {"red": "FDECEA", "amber": "FEF3C7", "green": "DCFCE7", "none": "F1F3F5"}
ZIP_EPOCH = dt.date(1980, 1, 1)  # the earliest date a zip archive can hold


def render(portfolio: Portfolio) -> bytes:
    """The workbook's bytes: sheets `Ranking` and `Heatmap`, each with a frozen header."""
    book = Workbook()
    ranking = book.active
    ranking.title = "Ranking"
    _table(ranking, RANKING_HEADER, [ranking_row(s) for s in portfolio.sites])
    heat = book.create_sheet("Heatmap")
    _table(heat, heatmap_header(portfolio), [heatmap_row(s) for s in portfolio.sites])
    for row in heat.iter_rows(min_row=2, min_col=2):
        for percent, rag in zip(row[::2], row[1::2], strict=True):
            fill = PatternFill("solid", fgColor=FILLS.get(str(rag.value), FILLS["none"]))
            percent.fill = rag.fill = fill
    stamp = dt.datetime.combine(portfolio.as_of, dt.time())
    book.properties.creator = "readiness"
    book.properties.created = book.properties.modified = stamp
    raw = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the modified time with the clock.
    ExcelWriter(book, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    return _dated(raw.getvalue(), max(portfolio.as_of, ZIP_EPOCH))


def _table(sheet: Any, header: tuple[str, ...], rows: list[tuple[Cell, ...]]) -> None:
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            # Text from a site's files stays text: openpyxl would store `=...` as a formula.
            if isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, name in enumerate(header, start=1):
        width = max([len(name), *(len(str(r[index - 1] or "")) for r in rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)


def _dated(archive: bytes, day: dt.date) -> bytes:
    """The archive again, every member dated `day` at midnight instead of when it was written."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(archive)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            fixed = zipfile.ZipInfo(
                member.filename, date_time=(day.year, day.month, day.day, 0, 0, 0)
            )
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(member))
    return out.getvalue()
