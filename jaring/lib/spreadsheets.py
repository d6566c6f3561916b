"""The spreadsheets Jaring writes (xlsx, and csv Excel opens in UTF-8) and the limits on reading one.

One rule keeps a cell from running as a formula, for single values (`safe_cell`) and whole frame
columns (`safe_text`) alike: text starting with =, +, - or @ gets an apostrophe in front, unless it
is number-like (a phone +62 812-..., a negative amount), which is data and stays as written.
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

import polars as pl
import xlsxwriter
from django.conf import settings
from django.utils import timezone

from jaring.core.intake import ReadLimits

FORMATS = ("xlsx", "csv")
_FORMULA_START = ("=", "+", "-", "@")
_NUMBER_LIKE = r"^[+-]?[\d\s().-]+$"
_NUMBER_LIKE_RE = re.compile(_NUMBER_LIKE)


def safe_text(column: pl.Expr) -> pl.Expr:
    """`safe_cell` for a whole text column of a frame."""
    formula = column.str.contains(r"^[=+\-@]") & ~column.str.contains(_NUMBER_LIKE)
    return pl.when(formula).then(pl.lit("'") + column).otherwise(column).name.keep()


def read_limits() -> ReadLimits:
    """How much of an uploaded file is read (settings IMPORT_MAX_BYTES, IMPORT_MAX_ROWS_PER_SHEET)."""
    return ReadLimits(max_bytes=settings.IMPORT_MAX_BYTES, max_rows_per_sheet=settings.IMPORT_MAX_ROWS_PER_SHEET)


def safe_cell(value: Any) -> Any:
    """A value no spreadsheet will run: text with a leading =, +, - or @ gets an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER_LIKE_RE.match(value):
        return f"'{value}"
    return value


def rows_xlsx(*, header: Sequence[str], rows: Iterable[Sequence[Any]], sheet: str = "Data") -> bytes:
    buffer = io.BytesIO()
    workbook = xlsx_workbook(buffer)
    worksheet = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True, "bg_color": "#E8F0FE", "border": 1})
    date_format = workbook.add_format({"num_format": "dd-mm-yyyy"})
    time_format = workbook.add_format({"num_format": "dd-mm-yyyy hh:mm"})
    worksheet.write_row(0, 0, list(header), bold)
    worksheet.freeze_panes(1, 0)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                worksheet.write_boolean(number, column, value)
            elif isinstance(value, int | float):
                worksheet.write_number(number, column, value)
            elif isinstance(value, dt.datetime):
                worksheet.write_datetime(number, column, _local(value).replace(tzinfo=None), time_format)
            elif isinstance(value, dt.date):
                worksheet.write_datetime(number, column, dt.datetime.combine(value, dt.time()), date_format)
            else:
                worksheet.write_string(number, column, safe_cell(str(value)))
    worksheet.set_column(0, max(len(header) - 1, 0), 18)
    workbook.close()
    return buffer.getvalue()


def xlsx_workbook(buffer: io.BytesIO) -> xlsxwriter.Workbook:
    """A workbook that writes text as text: never a formula, a number or a link made from a cell's text."""
    return xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )


def rows_csv(*, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    # The byte-order mark tells Excel the file is UTF-8, so names with é or ' stay readable.
    return "\ufeff".encode() + text.getvalue().encode()


def _csv_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return _local(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return safe_cell(value)


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment
