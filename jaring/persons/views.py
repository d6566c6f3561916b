from typing import TYPE_CHECKING, TypedDict, cast

import polars as pl
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.access import AuthenticatedHttpRequest, get_for_user, require_capability, scoped
from jaring.accounts.models import Opd
from jaring.accounts.roles import Role
from jaring.core.deaths import reason_text
from jaring.core.intake import FileRejected, file_rejection_text, mask_nik
from jaring.core.linkage import nik_check_text
from jaring.lib.listing import download_format, list_page, table_download
from jaring.lib.pages import refusal_as_message, valid_data
from jaring.lib.spreadsheets import safe_text
from jaring.persons.forms import DeathListForm, DeathRecordForm, NikConfirmForm, NikVerificationForm
from jaring.persons.models import Death, DeathList, Person
from jaring.persons.selectors import (
    death_lists,
    death_rows,
    nik_correction_rows,
    nik_verification_counts,
    record_export_frame,
)
from jaring.persons.services import death_record, nik_confirm, nik_verifications_import
from jaring.persons.tasks import deaths_start
from jaring.registry.exports import records_problems_xlsx
from jaring.registry.models import SourceRecord, Submission

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django_stubs_ext import WithAnnotations

# Keeping the registry's persons true (one person, one record; who has died) is the administrator's work.
PERSONS_CAPABILITY = "review_duplicates"
NOT_MARKED = "belum"  # the filter of a list's rows that marked nobody: refused, to check, not matched


class _PersonNik(TypedDict):
    """What `nik_correction_rows` annotates each row with (its rows all belong to a person with a check)."""

    person_nik: str
    person_nik_check: str
    person_key: int


@login_required
def records_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every stored source row the user may see, with its person, as `jaring export records` writes them."""
    require_capability(request.user, "submit_worker_lists")
    frame = record_export_frame(records=scoped(request.user, SourceRecord.objects.all()))
    # Text a spreadsheet could run as a formula is defused, as in every file Jaring writes.
    frame = frame.with_columns(safe_text(pl.col(pl.String)))
    # The byte-order mark tells Excel the file is UTF-8; the columns are the machine-readable export's.
    response = HttpResponse("\ufeff" + frame.write_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="baris-sumber.csv"'
    return response


@login_required
def nik_corrections(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The rows of the sender's own lists whose person's NIK must be checked, as a problems file to fix and resend."""
    require_capability(request.user, "submit_worker_lists")
    # One sender's rows only: the file goes back through that sender's upload, which corrects its own rows.
    opd = request.user.opd if request.user.role is Role.OPD_OPERATOR else None
    if opd is None:
        chosen = request.GET.get("opd", "")
        if not chosen.isdigit():
            messages.error(request, _("Choose the sender whose NIKs to check you want: the file goes back to them."))
            return redirect("registry:submissions")
        opd = get_for_user(request.user, Opd.objects.all(), pk=int(chosen))
    rows = cast(
        "QuerySet[WithAnnotations[SourceRecord, _PersonNik]]",
        nik_correction_rows(records=scoped(request.user, SourceRecord.objects.filter(opd=opd))),
    )
    language = get_language()
    more = {
        row.pk: _("The NIK must be checked before it goes to BPJS (%(why)s): compare it with the KTP and correct "
                  "the NIK column if it is wrong; if it is right, ask the Disnaker to confirm it.")
        % {"why": nik_check_text(row.person_nik_check, language)}
        for row in rows
    }  # fmt: skip
    submissions = list(Submission.objects.filter(id__in=rows.values("submission_id")).order_by("id"))
    response = HttpResponse(
        records_problems_xlsx(records=rows, submissions=submissions, language=language, more_problems=more),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="koreksi-nik-{opd.code}.xlsx"'
    return response


@login_required
@require_POST
def nik_confirm_post(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """An administrator saw the KTP: this NIK is the person's, and they may be sent to BPJS."""
    require_capability(request.user, PERSONS_CAPABILITY)
    person = get_for_user(request.user, Person.objects.all(), pk=pk)
    with refusal_as_message(request):
        data = valid_data(NikConfirmForm(request.POST))
        nik_confirm(actor=request.user, person=person, reason=data["alasan"], nik=data["nik"] or None)
        messages.success(request, _("The NIK is confirmed: the person may be selected and sent to BPJS."))
    return redirect("coverage:person", pk=person.pk)


@login_required
def nik_verifications_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload Dukcapil's answer on a list of NIKs; what Dukcapil said of the region's NIKs so far."""
    require_capability(request.user, PERSONS_CAPABILITY)
    region = request.user.region
    result = None
    if region is None or not region.is_regency:
        messages.error(
            request, _("Dukcapil's answers are kept per regency or city; your account is not scoped to one.")
        )
        return redirect("coverage:persons")
    if request.method == "POST":
        with refusal_as_message(request):
            upload = valid_data(NikVerificationForm(request.POST, request.FILES))["berkas"]
            try:
                result = nik_verifications_import(
                    actor=request.user, region=region, file_name=upload.name, data=upload.read()
                )
            except FileRejected as exc:
                messages.error(request, file_rejection_text(exc.code, exc.message, get_language()))
    return render(
        request,
        "persons/nik_verifications.html",
        {"result": result, "counts": nik_verification_counts(region=region)},
    )


@login_required
def death_lists_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload a death list; the lists uploaded before, with what became of their rows."""
    require_capability(request.user, PERSONS_CAPABILITY)
    lists = death_lists(lists=scoped(request.user, DeathList.objects.all()))
    fmt = download_format(request)
    if fmt:
        return table_download(
            fmt=fmt,
            stem="daftar-kematian",
            header=[
                _("Uploaded"),
                _("File"),
                _("Source"),
                _("Rows"),
                _("Marked deceased"),
                _("To check"),
                _("No person matched"),
                _("Refused"),
            ],
            rows=([item.created_at, item.file_name, item.source, *_death_counts(item)] for item in lists),
        )
    return render(request, "persons/death_lists.html", {"listing": list_page(request, lists)})


@login_required
@require_POST
def death_list_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, PERSONS_CAPABILITY)
    region = request.user.region
    if region is None or not region.is_regency:
        messages.error(request, _("Death lists are kept per regency or city; your account is not scoped to one."))
        return redirect("persons:deaths")
    with refusal_as_message(request) as refusal:
        data = valid_data(DeathListForm(request.POST, request.FILES))
    if refusal:
        return redirect("persons:deaths")
    upload = data["berkas"]
    job = deaths_start(
        actor=request.user, region=region, file_name=upload.name, data=upload.read(), source=data["sumber"]
    )
    return redirect("jobs:job", pk=job.pk)


@login_required
def death_list_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One death list: its counts and its rows, by outcome; the rows download whole, with the whole NIK."""
    require_capability(request.user, PERSONS_CAPABILITY)
    death_list = get_for_user(request.user, DeathList.objects.select_related("region", "uploaded_by"), pk=pk)
    chosen = request.GET.get("hasil", "")
    if chosen == NOT_MARKED:
        outcomes = [value for value in Death.Outcome.values if value != Death.Outcome.MATCHED]
    elif chosen in Death.Outcome.values:
        outcomes = [chosen]
    else:
        chosen, outcomes = "", None
    rows = death_rows(death_list=death_list, outcomes=outcomes)
    language = get_language()
    fmt = download_format(request)
    if fmt:
        # For the follow-up with Dukcapil or the kelurahan: the whole NIK, as the list wrote it.
        return table_download(
            fmt=fmt,
            stem=f"kematian-{death_list.pk}" + (f"-{chosen}" if chosen else ""),
            header=[
                _("Sheet"),
                _("Row"),
                "NIK",
                _("Name"),
                _("Date of death"),
                _("Note"),
                _("Outcome"),
                _("Reason"),
                _("Person"),
            ],
            rows=(
                [
                    death.sheet,
                    death.row,
                    death.nik or death.nik_text,
                    death.name,
                    death.death_date or death.death_date_text,
                    death.note,
                    death.get_outcome_display(),
                    reason_text(death.reason_code, death.reason, language),
                    death.person_id,
                ]
                for death in rows.iterator(chunk_size=5000)
            ),
        )
    listing = list_page(request, rows)
    shown = [
        {
            "death": death,
            "nik": mask_nik(death.nik or death.nik_text),
            "reason": reason_text(death.reason_code, death.reason, language),
        }
        for death in listing.rows
    ]
    filters = [
        ("", _("All rows")),
        (NOT_MARKED, _("Not marked")),
        *((value, label) for value, label in Death.Outcome.choices),
    ]
    return render(
        request,
        "persons/death_list_detail.html",
        {
            "death_list": death_list,
            "listing": listing,
            "rows": shown,
            "filters": filters,
            "chosen": chosen,
            "not_marked": NOT_MARKED,
        },
    )


def _death_counts(death_list: DeathList) -> list[int]:
    counts = death_list.counts
    return [counts.get(key, 0) for key in ("rows", "matched", "check", "unmatched", "refused")]


@login_required
@require_POST
def death_record_post(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A death seen by the Disnaker (a kelurahan's letter, the family at the office): cover ends that month."""
    require_capability(request.user, PERSONS_CAPABILITY)
    person = get_for_user(request.user, Person.objects.all(), pk=pk)
    with refusal_as_message(request):
        data = valid_data(DeathRecordForm(request.POST))
        death_record(actor=request.user, person=person, death_date=data["tanggal"], note=data["keterangan"])
        messages.success(request, _("The death is recorded: programs stop paying after that month."))
    return redirect("coverage:person", pk=person.pk)
