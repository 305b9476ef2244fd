"""Excel workbooks whose bytes depend only on what they show and the as-of date.

openpyxl stamps a saved workbook with the clock twice: the document's modified time, and the
date of every file in the zip archive. Both are set here to the as-of date, so the same run
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any  # openpyxl has no type hints

from openpyxl.writer.excel import ExcelWriter

ZIP_EPOCH = dt.date(1980, 1, 1)  # the earliest date a zip archive can hold


def text_stays_text(sheet: Any) -> None:
    """Mark every text cell as text: openpyxl would store `=...` from a site file as a formula."""
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def workbook_bytes(book: Any, day: dt.date) -> bytes:
    """The workbook's bytes, the document and every file in the archive dated `day`."""
    stamp = dt.datetime.combine(day, dt.time())
    book.properties.creator = "readiness"
    book.properties.created = book.properties.modified = stamp
    raw = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the modified time with the clock.
    ExcelWriter(book, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    return _dated(raw.getvalue(), max(day, ZIP_EPOCH))


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
