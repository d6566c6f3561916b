"""Lists that page: a total, page links that keep the list's filters, and the whole list as xlsx or csv.

Every list page in Jaring goes through `list_page` and includes `_list_nav.html`, and offers its
whole content through `table_download`, so a list of 2 million persons behaves like one of 20.
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone

PER_PAGE = 50
PAGE_PARAM = "halaman"
DOWNLOAD_PARAM = "unduh"
FORMATS = ("xlsx", "csv")
# Cells a spreadsheet program could take for a formula get an apostrophe in front; a phone number
# (+62 812-...) or a negative number is data, not a formula, and stays as written.
_FORMULA_START = ("=", "+", "-", "@")
_NUMBER_LIKE = re.compile(r"^[+-]?[\d\s().-]+$")


@dataclass(frozen=True)
class ListPage:
    """One page of a list, with what its navigation needs."""

    page: Page
    total: int
    filters: str  # the request's query string without the page number, e.g. "q=siti&status=rejected"

    @property
    def rows(self):
        return self.page.object_list

    def page_query(self, number: int) -> str:
        return f"?{self.filters}&{PAGE_PARAM}={number}" if self.filters else f"?{PAGE_PARAM}={number}"

    @property
    def first_query(self) -> str:
        return self.page_query(1)

    @property
    def last_query(self) -> str:
        return self.page_query(self.page.paginator.num_pages)

    @property
    def previous_query(self) -> str:
        return self.page_query(self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_query(self) -> str:
        return self.page_query(self.page.next_page_number()) if self.page.has_next() else ""

    def download_query(self, fmt: str) -> str:
        return f"?{self.filters}&{DOWNLOAD_PARAM}={fmt}" if self.filters else f"?{DOWNLOAD_PARAM}={fmt}"

    @property
    def xlsx_query(self) -> str:
        return self.download_query("xlsx")

    @property
    def csv_query(self) -> str:
        return self.download_query("csv")


def list_page(request: HttpRequest, items: Any, *, per_page: int = PER_PAGE, total: int | None = None) -> ListPage:
    """The page of `items` (a queryset or a sequence) the request asks for.

    `total`, when the caller knows it more cheaply than COUNT(*) (a million persons), is used as is.
    """
    paginator = Paginator(items, per_page=per_page)
    if total is not None:
        paginator.__dict__["count"] = total  # Paginator.count is a cached_property
    page = paginator.get_page(request.GET.get(PAGE_PARAM))
    filters = _without(request.GET, PAGE_PARAM, DOWNLOAD_PARAM)
    return ListPage(page=page, total=paginator.count, filters=filters)


def download_format(request: HttpRequest) -> str | None:
    """ "xlsx" or "csv" when the request asks for the whole list as a file, else None."""
    fmt = request.GET.get(DOWNLOAD_PARAM)
    return fmt if fmt in FORMATS else None


def table_download(
    *, fmt: str, stem: str, header: Sequence[str], rows: Iterable[Sequence[Any]], sheet: str = "Data"
) -> HttpResponse:
    """The rows as an xlsx (text stays text: a NIK never turns into 3,57E+15) or a csv Excel opens in UTF-8."""
    if fmt == "xlsx":
        body = rows_xlsx(header=header, rows=rows, sheet=sheet)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = rows_csv(header=header, rows=rows)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def safe_cell(value: Any) -> Any:
    """A value no spreadsheet will run: text with a leading =, +, - or @ gets an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER_LIKE.match(value):
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


def _without(query: QueryDict, *names: str) -> str:
    kept = query.copy()
    for name in names:
        kept.pop(name, None)
    return kept.urlencode()


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment
