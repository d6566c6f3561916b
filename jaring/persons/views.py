import polars as pl
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from jaring.accounts.access import require_capability, scoped
from jaring.persons.selectors import record_export_frame
from jaring.registry.exports import safe_text
from jaring.registry.models import SourceRecord


@login_required
def records_export(request: HttpRequest) -> HttpResponse:
    """Every stored source row the user may see, with its person, as `jaring export records` writes them."""
    require_capability(request.user, "submit_worker_lists")
    frame = record_export_frame(records=scoped(request.user, SourceRecord.objects.all()))
    # Text a spreadsheet could run as a formula is defused, as in every file Jaring writes.
    frame = frame.with_columns(safe_text(pl.col(pl.String)))
    # The byte-order mark tells Excel the file is UTF-8; the columns are the machine-readable export's.
    response = HttpResponse("\ufeff" + frame.write_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="baris-sumber.csv"'
    return response
