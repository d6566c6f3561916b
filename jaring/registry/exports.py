"""Spreadsheets Jaring writes back to the people who sent the lists."""

import io
import re

import polars as pl
import xlsxwriter

from jaring.registry.models import SourceRecord, Submission

RECORD_ID_LABEL = "ID Jaring"
_NUMBER_TEXT = re.compile(r"^(\d+)\.0+$")
# Cells that a spreadsheet program could take for a formula.
_FORMULA_START = ("=", "+", "-", "@")


def safe_text(column: pl.Expr) -> pl.Expr:
    """`safe_cell` for a whole text column of a frame."""
    return pl.when(column.str.contains(r"^[=+\-@]")).then(pl.lit("'") + column).otherwise(column).name.keep()


def safe_cell(value: object) -> str:
    """Text for a cell that no spreadsheet will run: a leading =, +, - or @ gets an apostrophe."""
    text = "" if value is None else str(value)
    text = _NUMBER_TEXT.sub(r"\1", text)  # "3573011508900001.0" back to the digits the sender typed
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def submission_problems_xlsx(*, submission: Submission) -> bytes:
    """The rejected and flagged rows with the sender's own columns and a column of problems, to fix and resend."""
    labels: list[str] = []
    for sheet in submission.sheets:
        for column in sheet["columns"]:
            if column["label"] not in labels and column["field"] != "record_id":
                labels.append(column["label"])
    header = [RECORD_ID_LABEL, "Lembar", "Baris", *labels, "Status", "Masalah"]
    records = submission.records.exclude(status=SourceRecord.Status.ACCEPTED).order_by("sheet", "row")
    status_labels = dict(SourceRecord.Status.choices)

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )
    sheet = workbook.add_worksheet("Perlu diperbaiki")
    bold = workbook.add_format({"bold": True, "bg_color": "#FFF2CC", "border": 1})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    sheet.write_row(0, 0, header, bold)
    sheet.freeze_panes(1, 0)
    for number, record in enumerate(records.iterator(chunk_size=2000), start=1):
        problems = "\n".join(f"• {issue['message']}" for issue in record.issues)
        values = [
            str(record.pk),
            record.sheet,
            str(record.row),
            *[record.raw.get(label) for label in labels],
            str(status_labels[record.status]),
            problems,
        ]
        for column, value in enumerate(values):
            sheet.write_string(number, column, safe_cell(value), wrap if column == len(values) - 1 else None)
    sheet.set_column(0, 2, 10)
    sheet.set_column(3, 2 + len(labels), 18)
    sheet.set_column(len(header) - 1, len(header) - 1, 70)
    workbook.close()
    return buffer.getvalue()
