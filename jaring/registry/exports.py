"""Spreadsheets Jaring writes back to the people who sent the lists."""

import io
import re

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext

from jaring.core.intake import is_english, issue_message
from jaring.lib.spreadsheets import safe_cell as defuse
from jaring.lib.spreadsheets import xlsx_workbook
from jaring.registry.models import SourceRecord, Submission

RECORD_ID_LABEL = "ID Jaring"
_NUMBER_TEXT = re.compile(r"^(\d+)\.0+$")


def safe_cell(value: object) -> str:
    """Text for a cell that no spreadsheet will run: a leading =, +, - or @ gets an apostrophe."""
    text = "" if value is None else str(value)
    text = _NUMBER_TEXT.sub(r"\1", text)  # "3573011508900001.0" back to the digits the sender typed
    return defuse(text)


# Jaring's own columns of the problems file, per language; the import knows them all (core.intake.headers
# "jaring_column"), so a corrected file coming back raises no "unknown column" note.
PROBLEMS_COLUMNS = {
    "id": ("Lembar asal", "Baris asal", "Status Jaring", "Masalah menurut Jaring"),
    "en": ("Original sheet", "Original row", "Jaring status", "Problems found by Jaring"),
}
PROBLEMS_FILE_COLUMNS = frozenset({RECORD_ID_LABEL, *PROBLEMS_COLUMNS["id"], *PROBLEMS_COLUMNS["en"]})


def submission_problems_xlsx(*, submission: Submission, language: str = "id") -> bytes:
    """The rejected and flagged rows with the sender's own columns and a column of problems, to fix and resend.

    Every cell is text and every column is formatted as text, so a NIK typed into the file stays
    sixteen digits instead of becoming 3,57E+15.
    """
    records = submission.records.exclude(status=SourceRecord.Status.ACCEPTED).order_by("sheet", "row")
    return records_problems_xlsx(records=records, submissions=[submission], language=language)


def records_problems_xlsx(
    *,
    records: QuerySet[SourceRecord],
    submissions: list[Submission],
    language: str = "id",
    more_problems: dict[int, str] | None = None,
) -> bytes:
    """`records` (of `submissions`) as a problems file: the senders' own columns, each row's problems and,
    per record id, `more_problems` others found (a NIK to check). Sent back fixed, it corrects those rows."""
    labels: list[str] = []
    for submission in submissions:
        for sheet in submission.sheets:
            for column in sheet["columns"]:
                if column["label"] not in labels and column["field"] not in ("record_id", "jaring_column"):
                    labels.append(column["label"])
    sheet_label, row_label, status_label, problems_label = PROBLEMS_COLUMNS["en" if is_english(language) else "id"]
    header = [RECORD_ID_LABEL, sheet_label, row_label, *labels, status_label, problems_label]
    more_problems = more_problems or {}
    with translation.override(language):
        status_labels = {value: str(label) for value, label in SourceRecord.Status.choices}
        sheet_name = gettext("To fix")

    buffer = io.BytesIO()
    workbook = xlsx_workbook(buffer)
    sheet = workbook.add_worksheet(sheet_name)
    bold = workbook.add_format({"bold": True, "bg_color": "#FFF2CC", "border": 1})
    text = workbook.add_format({"num_format": "@"})
    wrap = workbook.add_format({"num_format": "@", "text_wrap": True, "valign": "top"})
    sheet.write_row(0, 0, header, bold)
    sheet.freeze_panes(1, 0)
    for number, record in enumerate(records.iterator(chunk_size=2000), start=1):
        found = [issue_message(issue["code"], issue["message"], language) for issue in record.issues]
        problems = "\n".join(
            f"• {text}" for text in [*found, *([more_problems[record.pk]] if record.pk in more_problems else [])]
        )
        values = [
            str(record.pk),
            record.sheet,
            str(record.row),
            *[record.raw.get(label) for label in labels],
            status_labels[record.status],
            problems,
        ]
        for column, value in enumerate(values):
            sheet.write_string(number, column, safe_cell(value), wrap if column == len(values) - 1 else text)
    # The "@" (text) format on whole columns: what the sender types in later stays text too.
    sheet.set_column(0, 2, 10, text)
    sheet.set_column(3, 2 + len(labels), 18, text)
    sheet.set_column(len(header) - 2, len(header) - 2, 16, text)
    sheet.set_column(len(header) - 1, len(header) - 1, 70, wrap)
    workbook.close()
    return buffer.getvalue()
