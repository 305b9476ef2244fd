"""The portfolio as an Excel workbook: a ranking sheet and a heatmap sheet, for the board pack.

The bytes depend only on the portfolio: the document's created and modified times are the
portfolio's as-of date, and every file in the archive carries that date too.
"""

from __future__ import annotations

from typing import Any  # openpyxl has no type hints

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from readiness.portfolio import Portfolio
from readiness.reporters.portfolio_table import (
    RANKING_HEADER,
    Cell,
    heatmap_header,
    heatmap_row,
    ranking_row,
)
from readiness.reporters.workbook import text_stays_text, workbook_bytes

# Fills of the heatmap's RAG cells; the RAG word is in the cell beside, never colour alone.
FILLS = {"red": "FDECEA", "amber": "FEF3C7", "green": "DCFCE7", "none": "F1F3F5"}


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
    return workbook_bytes(book, portfolio.as_of)


def _table(sheet: Any, header: tuple[str, ...], rows: list[tuple[Cell, ...]]) -> None:
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    text_stays_text(sheet)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, name in enumerate(header, start=1):
        width = max([len(name), *(len(str(r[index - 1] or "")) for r in rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
