from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.access import AuthenticatedHttpRequest, get_for_user, require_capability, scoped
from jaring.accounts.models import Opd, User
from jaring.accounts.roles import Role, permission_name
from jaring.accounts.selectors import opd_list
from jaring.core.intake import FIELD_LABELS, field_label, issue_label, issue_message, mask_nik
from jaring.core.occupations import CATALOGUE
from jaring.jobs.models import Job
from jaring.jobs.selectors import jobs_needing_attention
from jaring.lib.listing import download_format, list_page, table_download
from jaring.lib.pages import refusal_as_message, valid_data
from jaring.registry.exports import PROBLEMS_FILE_COLUMNS, submission_problems_xlsx
from jaring.registry.forms import ColumnsForm, SameFileForm, SynonymForm, UploadForm
from jaring.registry.models import SourceRecord, Submission
from jaring.registry.selectors import occupation_synonyms
from jaring.registry.services import (
    import_confirm_columns,
    import_remove,
    import_retry,
    import_same_file_decide,
    occupation_synonym_add,
)
from jaring.registry.tasks import IMPORT, import_start

CAPABILITY = "submit_worker_lists"


@login_required
def submission_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    submissions = scoped(request.user, Submission.objects.select_related("opd", "corrects"))
    fmt = download_format(request)
    if fmt:
        return table_download(
            fmt=fmt,
            stem="daftar-kiriman",
            header=[
                _("Time"),
                _("File"),
                _("Sender"),
                _("Rows"),
                _("Accepted"),
                _("With notes"),
                _("Rejected"),
                _("Corrected earlier rows"),
                _("Status"),
            ],
            rows=(
                [
                    item.created_at,
                    item.file_name,
                    item.opd.code if item.opd else item.source,
                    item.counts.get("rows", 0),
                    item.counts.get("accepted", 0),
                    item.counts.get("warnings", 0),
                    item.counts.get("rejected", 0),
                    item.counts.get("updated", 0),
                    submission_state(item),
                ]
                for item in submissions.iterator(chunk_size=2000)
            ),
        )
    listing = list_page(request, submissions)
    rows = [{"submission": item, "state": submission_state(item)} for item in listing.rows]
    return render(
        request,
        "registry/submission_list.html",
        {
            "listing": listing,
            "rows": rows,
            "attention": jobs_needing_attention(user=request.user, kind=IMPORT),
            "opds": _opds_for_upload(request.user),
            "fixed_opd": request.user.opd if request.user.role is Role.OPD_OPERATOR else None,
        },
    )


def submission_state(submission: Submission) -> str:
    """What became of a list, in words: held, refused, a correction of another list, or stored."""
    if submission.linkage_held:
        return str(_("On hold: mostly people already known"))
    if submission.linkage_rejected:
        return str(_("Refused: kept, not linked"))
    if submission.corrects is not None:
        return str(_("Correction of %(file)s") % {"file": submission.corrects.file_name})
    return str(_("Stored"))


@login_required
@require_POST
def submission_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    with refusal_as_message(request) as refusal:
        data = valid_data(UploadForm(request.POST, request.FILES, user=request.user))
    if refusal:
        return redirect("registry:submissions")
    upload = data["berkas"]
    job = import_start(actor=request.user, opd=data["opd"], file_name=upload.name, data=upload.read())
    return redirect("jobs:job", pk=job.pk)


@login_required
@require_POST
def upload_retry(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    job = get_for_user(request.user, Job.objects.all(), pk=job_id)
    with refusal_as_message(request) as refusal:
        import_retry(actor=request.user, job=job)
    if refusal:
        return redirect("registry:submissions")
    return redirect("jobs:job", pk=job.pk)


@login_required
@require_POST
def upload_remove(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    job = get_for_user(request.user, Job.objects.all(), pk=job_id)
    with refusal_as_message(request):
        import_remove(actor=request.user, job=job)
        messages.success(request, _("The upload %(file)s was removed.") % {"file": job.title})
    return redirect("registry:submissions")


@login_required
def same_file(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    """The file was already uploaded by another OPD: store it again as this OPD's list, or cancel."""
    require_capability(request.user, CAPABILITY)
    job = get_for_user(request.user, Job.objects.all(), pk=job_id)
    if job.status != Job.Status.WAITING or "same_file" not in job.input:
        return redirect("jobs:job", pk=job.pk)
    if request.method == "POST":
        form = SameFileForm(request.POST)
        with refusal_as_message(request) as refusal:
            valid_data(form)
            import_same_file_decide(actor=request.user, job=job, store=form.store)
        if refusal:
            return redirect("registry:same_file", job_id=job.pk)
        if not form.store:
            messages.success(request, _("Cancelled; nothing was stored."))
            return redirect("registry:submissions")
        return redirect("jobs:job", pk=job.pk)
    submissions = scoped(request.user, Submission.objects.select_related("opd"))
    earlier = submissions.filter(pk=job.input["same_file"]["submission"]).first()
    return render(
        request,
        "registry/same_file.html",
        {"job": job, "message": job.input["same_file"]["message"], "earlier": earlier},
    )


@login_required
def submission_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    submission = get_for_user(request.user, Submission.objects.select_related("opd", "uploaded_by", "corrects"), pk=pk)
    language = get_language()
    problems = submission.records.exclude(status=SourceRecord.Status.ACCEPTED).order_by("sheet", "row")
    fmt = download_format(request)
    if fmt:
        return table_download(
            fmt=fmt,
            stem=f"masalah-{submission.pk}",
            header=[_("Sheet"), _("Row"), "NIK", _("Name"), _("Status"), _("Problems")],
            rows=(
                [
                    record.sheet,
                    record.row,
                    mask_nik(record.nik),
                    record.name,
                    record.get_status_display(),
                    "; ".join(issue_message(i["code"], i["message"], language) for i in record.issues),
                ]
                for record in problems.iterator(chunk_size=2000)
            ),
        )
    listing = list_page(request, problems)
    rows = [
        {
            "record": record,
            "nik": mask_nik(record.nik),
            "messages": [issue_message(i["code"], i["message"], language) for i in record.issues],
        }
        for record in listing.rows
    ]
    columns = [
        {
            "sheet": sheet["name"],
            "label": column["label"],
            "field": field_label(column["field"], language) if column["field"] else None,
            "certain": column["certain"],
        }
        for sheet in submission.sheets
        for column in sheet["columns"]
    ]
    return render(
        request,
        "registry/submission_detail.html",
        {
            "submission": submission,
            "state": submission_state(submission),
            "counts": submission.counts,
            "listing": listing,
            "rows": rows,
            "issue_counts": [
                (issue_label(code, language), count) for code, count in submission.counts.get("issues", {}).items()
            ],
            "corrections": submission.corrections.order_by("created_at"),
            "uncertain": [c for c in columns if c["field"] and not c["certain"]],
            "unknown": [
                c
                for c in columns
                if not c["field"] and not c["label"].startswith("Kolom ") and c["label"] not in PROBLEMS_FILE_COLUMNS
            ],
        },
    )


@login_required
def submission_problems(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    submission = get_for_user(request.user, Submission.objects.all(), pk=pk)
    response = HttpResponse(
        submission_problems_xlsx(submission=submission, language=get_language()),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stem = submission.file_name.rsplit(".", 1)[0]
    response["Content-Disposition"] = f'attachment; filename="perbaikan-{stem}.xlsx"'
    return response


def _opds_for_upload(user: User) -> QuerySet[Opd]:
    return opd_list(user=user, active_only=True)


@login_required
def occupation_catalogue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The occupation categories with their words; administrators add their region's own words."""
    require_capability(request.user, CAPABILITY)
    region = request.user.region
    can_edit = request.user.has_perm(permission_name("manage_catalogues")) and region is not None
    if request.method == "POST":
        require_capability(request.user, "manage_catalogues")
        if region is None:  # a national superuser: the words belong to a region's catalogue
            raise PermissionDenied
        with refusal_as_message(request):
            data = valid_data(SynonymForm(request.POST))
            occupation_synonym_add(
                actor=request.user, region=region, category=data["kategori"], synonym=data["sinonim"]
            )
            messages.success(request, _("Synonym added; the next imports will use it."))
        return redirect("registry:occupations")
    own = occupation_synonyms(region=region) if region else {}
    categories = [
        {"code": code, "label": label, "synonyms": synonyms, "own": own.get(code, [])}
        for code, (label, synonyms) in CATALOGUE.items()
    ]
    return render(request, "registry/occupations.html", {"categories": categories, "can_edit": can_edit})


@login_required
def confirm_columns(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    """The columns an import read by a close spelling only, to confirm or correct before it goes on."""
    require_capability(request.user, CAPABILITY)
    job = get_for_user(request.user, Job.objects.all(), pk=job_id)
    if request.method == "POST":
        with refusal_as_message(request) as refusal:
            data = valid_data(ColumnsForm(request.POST))
            import_confirm_columns(actor=request.user, job=job, choices=data["choices"])
        if refusal:
            return redirect("registry:confirm_columns", job_id=job.pk)
        return redirect("jobs:job", pk=job.pk)
    if job.status != Job.Status.WAITING or "sheets" not in job.input:
        return redirect("jobs:job", pk=job.pk)
    return render(
        request,
        "registry/confirm_columns.html",
        {
            "job": job,
            "field_choices": sorted(
                ((name, field_label(name, get_language())) for name in FIELD_LABELS), key=lambda item: item[1]
            ),
        },
    )
