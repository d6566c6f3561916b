"""Lists that page: a total, page links that keep the list's filters, and the whole list as xlsx or csv.

Every list page in Jaring goes through `list_page` and includes `includes/list_nav.html`, and offers
its whole content through `table_download`, so a list of 2 million persons behaves like one of 20.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import translation

from jaring.lib.spreadsheets import FORMATS, rows_csv, rows_xlsx

PER_PAGE = 50
PAGE_PARAM = "halaman"
DOWNLOAD_PARAM = "unduh"


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


def _without(query: QueryDict, *names: str) -> str:
    kept = query.copy()
    for name in names:
        kept.pop(name, None)
    return kept.urlencode()


@dataclass(frozen=True)
class Table:
    """A list as a header and each item's cells: the page shows a page of it (NIK masked), its download and
    `jaring ... export` write all of it (whole NIK), and the API will serve it, all with the same columns."""

    header: list[str]
    items: Any  # a queryset, or a sequence with `iterator()` (a ranked list)
    cells: Callable[[Any, bool], list]  # (item, masked) -> the item's values, in the header's order
    language: str | None = None  # the language the cells are worded in (None: the reader's)

    @property
    def total(self) -> int:
        count = getattr(self.items, "count", None)
        return count() if callable(count) and not isinstance(self.items, list) else len(self.items)

    def rows(self) -> Iterator[list]:
        """Every item's cells with the whole NIK, for a file, in the table's language."""
        iterate = getattr(self.items, "iterator", None)
        items = iterate(chunk_size=5000) if callable(iterate) else iter(self.items)
        for item in items:
            with translation.override(self.language):
                row = self.cells(item, False)
            yield row

    def page_rows(self, listing: ListPage) -> list[list[tuple[str, Any]]]:
        """The cells of a page's items beside their column titles, NIK masked, as the page shows them."""
        return [list(zip(self.header, self.cells(item, True), strict=True)) for item in listing.rows]

    def download(self, *, fmt: str, stem: str) -> HttpResponse:
        return table_download(fmt=fmt, stem=stem, header=self.header, rows=self.rows())


class FrameRows:
    """A Polars frame as the paginator's sequence: only the page shown becomes dicts (`each` adds to a row)."""

    def __init__(self, frame: Any, each: Any = None):
        self.frame, self.each = frame, each

    def __len__(self) -> int:
        return int(self.frame.height)

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(self.frame.height)
        rows = self.frame.slice(start, stop - start).to_dicts()
        return [self.each(row) for row in rows] if self.each else rows
