"""Upload a BPJS roster (a job with progress), its snapshots with their counts, and the entries no person matches."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.access import AuthenticatedHttpRequest, get_for_user, require_capability, scoped
from jaring.bpjs.forms import RosterUploadForm
from jaring.bpjs.models import Participation, RosterSnapshot
from jaring.bpjs.selectors import roster_snapshots, roster_unmatched_entries
from jaring.bpjs.tasks import roster_start
from jaring.core.intake import mask_nik
from jaring.lib.listing import download_format, list_page, table_download
from jaring.lib.pages import refusal_as_message, valid_data

CAPABILITY = "upload_bpjs_data"


@login_required
def snapshot_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    snapshots = roster_snapshots(snapshots=scoped(request.user, RosterSnapshot.objects.all()))
    fmt = download_format(request)
    if fmt:
        return table_download(
            fmt=fmt,
            stem="daftar-peserta-bpjs",
            header=[
                _("Position date"),
                _("File"),
                _("Entries"),
                _("Matched"),
                _("Active"),
                _("Lapsed"),
                _("Not matched"),
                _("Uploaded"),
            ],
            rows=([s.as_of, s.file_name, *_counts(s), s.created_at] for s in snapshots),
        )
    return render(request, "bpjs/roster_list.html", {"listing": list_page(request, snapshots)})


@login_required
@require_POST
def snapshot_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    region = request.user.region
    if region is None or not region.is_regency:
        messages.error(request, _("Rosters are kept per regency or city; your account is not scoped to one."))
        return redirect("roster:snapshots")
    with refusal_as_message(request) as refusal:
        data = valid_data(RosterUploadForm(request.POST, request.FILES))
    if refusal:
        return redirect("roster:snapshots")
    upload, as_of = data["berkas"], data["posisi"]
    job = roster_start(actor=request.user, region=region, file_name=upload.name, data=upload.read(), as_of=as_of)
    return redirect("jobs:job", pk=job.pk)


@login_required
def snapshot_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    snapshot = get_for_user(request.user, RosterSnapshot.objects.select_related("region", "uploaded_by"), pk=pk)
    unmatched = roster_unmatched_entries(snapshot=snapshot)
    fmt = download_format(request)
    if fmt:
        # For BPJS's own follow-up: the officer needs the whole NIK to find the participant.
        return table_download(
            fmt=fmt,
            stem=f"tidak-cocok-{snapshot.as_of:%Y%m%d}",
            header=[_("Row"), "KPJ", "NIK", _("Name"), _("Birth date"), _("Segment"), _("Status"), _("Cover ends")],
            rows=(
                [e.row, e.kpj, e.nik, e.name, e.birth_date, e.segment, _status_text(e.status), e.cover_end]
                for e in unmatched.iterator(chunk_size=5000)
            ),
        )
    listing = list_page(request, unmatched)
    rows = [{"entry": entry, "nik": mask_nik(entry.nik)} for entry in listing.rows]
    return render(request, "bpjs/roster_detail.html", {"snapshot": snapshot, "listing": listing, "rows": rows})


def _status_text(status: str) -> str:
    """A roster entry's status in words, as the page shows it ("active" is BPJS's word, not the reader's)."""
    return str(Participation.Status(status).label) if status in Participation.Status.values else ""


def _counts(snapshot: RosterSnapshot) -> list[int]:
    counts = snapshot.counts
    return [counts.get(key, 0) for key in ("entries", "matched", "active", "inactive", "unmatched")]
