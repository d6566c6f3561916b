"""Pendaftaran: batches of an approved program to BPJS, their files, BPJS's responses, the file's columns."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.access import (
    AuthenticatedHttpRequest,
    get_for_user,
    require_any_capability,
    require_capability,
    scoped,
)
from jaring.accounts.roles import permission_name
from jaring.core.programs import BATCH_FIELDS
from jaring.lib.pages import refusal_as_message, valid_data
from jaring.programs.forms import EnrolmentExitForm, ProfileForm, ResponseForm
from jaring.programs.models import Enrolment, EnrolmentBatch, Program
from jaring.programs.selectors import program_stage_counts
from jaring.programs.services import (
    batch_create,
    batch_file,
    batch_profile_for,
    batch_profile_update,
    batch_response_import,
    enrolment_exit,
)

SEND = "manage_enrolment"
ANSWER = ("manage_enrolment", "upload_bpjs_data")  # BPJS's officer uploads the responses too
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def batch_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_any_capability(request.user, *ANSWER)
    programs = scoped(
        request.user,
        Program.objects.filter(status__in=[Program.Status.APPROVED, Program.Status.RUNNING, Program.Status.CLOSED]),
    ).prefetch_related("batches__responses")
    rows = [{"program": program, "counts": program_stage_counts(program=program)} for program in programs]
    return render(
        request,
        "programs/batch_list.html",
        {"rows": rows, "can_send": request.user.has_perm(permission_name(SEND))},
    )


@login_required
@require_POST
def batch_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, SEND)
    program = get_for_user(request.user, Program.objects.select_related("region"), pk=pk)
    with refusal_as_message(request):
        result = batch_create(actor=request.user, program=program)
        text = _("Batch %(n)s made with %(persons)s persons: download its file and send it to BPJS.") % {
            "n": result.number,
            "persons": result.persons,
        }
        if result.nik_check_waiting:
            text += " " + _("%(n)s stay out of it until their NIK is checked.") % {"n": result.nik_check_waiting}
        messages.success(request, text)
    return redirect("batches:list")


@login_required
def batch_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_any_capability(request.user, *ANSWER)
    batch = get_for_user(request.user, EnrolmentBatch.objects.select_related("program"), pk=pk)
    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    name, content = batch_file(batch=batch, fmt=fmt)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8" if fmt == "csv" else XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def response_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_any_capability(request.user, *ANSWER)
    batch = get_for_user(request.user, EnrolmentBatch.objects.select_related("program"), pk=pk)
    with refusal_as_message(request):
        upload = valid_data(ResponseForm(request.POST, request.FILES))["berkas"]
        result = batch_response_import(actor=request.user, batch=batch, file_name=upload.name, data=upload.read())
        messages.success(
            request,
            _(
                "Response applied: %(accepted)s accepted, %(rejected)s rejected (back on the waiting list), "
                "%(unchanged)s unchanged."
            )
            % result.to_dict(),
        )
    return redirect("batches:list")


@login_required
def profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, SEND)
    region = request.user.region
    if region is None:
        messages.error(request, _("Your account is not scoped to a regency or city."))
        return redirect("batches:list")
    profile = batch_profile_for(region=region)
    text = "\n".join(f"{header} = {field}" for header, field in profile.columns)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        text = form["kolom"].value() or ""  # what was sent, shown again when it is refused
        with refusal_as_message(request):
            data = valid_data(form)
            batch_profile_update(actor=request.user, profile=profile, columns=data["columns"])
            messages.success(request, _("Columns saved; new batches use them (earlier batches keep theirs)."))
            return redirect("batches:list")
    return render(request, "programs/profile.html", {"profile": profile, "text": text, "fields": BATCH_FIELDS})


@login_required
@require_POST
def enrolment_exit_post(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The worker leaves the program (moved away, now a wage worker): cover ends after the month given."""
    require_capability(request.user, "manage_enrolment")
    enrolment = get_for_user(request.user, Enrolment.objects.select_related("program"), pk=pk)
    with refusal_as_message(request):
        data = valid_data(EnrolmentExitForm(request.POST))
        enrolment_exit(actor=request.user, enrolment=enrolment, last_month=data["bulan"], reason=data["alasan"])
        messages.success(
            request, _("The worker leaves the program after %(month)s.") % {"month": f"{data['bulan']:%m-%Y}"}
        )
    return redirect("coverage:person", pk=enrolment.person_id)
