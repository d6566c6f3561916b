from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.access import get_for_user, require_capability, scoped
from jaring.accounts.models import Opd
from jaring.accounts.roles import Role, permission_name
from jaring.core.headers import FIELD_LABELS
from jaring.core.issues import ISSUE_LABELS
from jaring.core.nik import mask_nik
from jaring.core.occupations import CATALOGUE
from jaring.jobs.models import Job
from jaring.registry.exports import submission_problems_xlsx
from jaring.registry.models import SourceRecord, Submission
from jaring.registry.selectors import occupation_synonyms
from jaring.registry.services import import_confirm_columns, occupation_synonym_add
from jaring.registry.tasks import import_start

CAPABILITY = "submit_worker_lists"


@login_required
def submission_list(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    submissions = Paginator(scoped(request.user, Submission.objects.select_related("opd")), per_page=25)
    return render(
        request,
        "registry/submission_list.html",
        {
            "page": submissions.get_page(request.GET.get("halaman")),
            "opds": _opds_for_upload(request.user),
            "fixed_opd": request.user.opd if request.user.role is Role.OPD_OPERATOR else None,
        },
    )


@login_required
@require_POST
def submission_upload(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    upload = request.FILES.get("berkas")
    opd = _chosen_opd(request)
    if upload is None or opd is None:
        messages.error(request, _("Choose a file and the OPD that sent it."))
        return redirect("registry:submissions")
    job = import_start(actor=request.user, opd=opd, file_name=upload.name, data=upload.read())
    return redirect("jobs:job", pk=job.pk)


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    submission = get_for_user(request.user, Submission.objects.select_related("opd", "uploaded_by"), pk=pk)
    problems = Paginator(submission.records.exclude(status=SourceRecord.Status.ACCEPTED).order_by("sheet", "row"), 50)
    page = problems.get_page(request.GET.get("halaman"))
    rows = [
        {"record": record, "nik": mask_nik(record.nik), "messages": [i["message"] for i in record.issues]}
        for record in page.object_list
    ]
    columns = [
        {
            "sheet": sheet["name"],
            "label": column["label"],
            "field": FIELD_LABELS.get(column["field"] or ""),
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
            "counts": submission.counts,
            "page": page,
            "rows": rows,
            "issue_counts": [
                (code, ISSUE_LABELS.get(code, code), count)
                for code, count in submission.counts.get("issues", {}).items()
            ],
            "uncertain": [c for c in columns if c["field"] and not c["certain"]],
            "unknown": [c for c in columns if not c["field"] and not c["label"].startswith("Kolom ")],
        },
    )


@login_required
def submission_problems(request: HttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    submission = get_for_user(request.user, Submission.objects.all(), pk=pk)
    response = HttpResponse(
        submission_problems_xlsx(submission=submission),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stem = submission.file_name.rsplit(".", 1)[0]
    response["Content-Disposition"] = f'attachment; filename="perbaikan-{stem}.xlsx"'
    return response


def _opds_for_upload(user):
    return scoped(user, Opd.objects.select_related("region"))


def _chosen_opd(request: HttpRequest) -> Opd | None:
    if request.user.role is Role.OPD_OPERATOR:
        return request.user.opd
    opd_id = request.POST.get("opd")
    if not opd_id or not opd_id.isdigit():
        return None
    return get_for_user(request.user, Opd.objects.select_related("region"), pk=int(opd_id))


@login_required
def occupation_catalogue(request: HttpRequest) -> HttpResponse:
    """The occupation categories with their words; administrators add their region's own words."""
    require_capability(request.user, CAPABILITY)
    can_edit = request.user.has_perm(permission_name("manage_catalogues")) and request.user.region is not None
    if request.method == "POST":
        require_capability(request.user, "manage_catalogues")
        try:
            occupation_synonym_add(
                actor=request.user,
                region=request.user.region,
                category=request.POST.get("kategori", ""),
                synonym=request.POST.get("sinonim", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Synonym added; the next imports will use it."))
        return redirect("registry:occupations")
    own = occupation_synonyms(region=request.user.region) if request.user.region else {}
    categories = [
        {"code": code, "label": label, "synonyms": synonyms, "own": own.get(code, [])}
        for code, (label, synonyms) in CATALOGUE.items()
    ]
    return render(request, "registry/occupations.html", {"categories": categories, "can_edit": can_edit})


@login_required
def confirm_columns(request: HttpRequest, job_id: int) -> HttpResponse:
    """The columns an import read by a close spelling only, to confirm or correct before it goes on."""
    require_capability(request.user, CAPABILITY)
    job = get_for_user(request.user, Job.objects.all(), pk=job_id)
    if request.method == "POST":
        choices: dict[str, dict[str, str]] = {}
        for key, value in request.POST.items():
            if key.startswith("kolom:"):
                _prefix, sheet, column = key.split(":", 2)
                choices.setdefault(sheet, {})[column] = value
        try:
            import_confirm_columns(actor=request.user, job=job, choices=choices)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("registry:confirm_columns", job_id=job.pk)
        return redirect("jobs:job", pk=job.pk)
    if job.status != Job.Status.WAITING or "sheets" not in job.input:
        return redirect("jobs:job", pk=job.pk)
    return render(
        request,
        "registry/confirm_columns.html",
        {"job": job, "field_choices": sorted(FIELD_LABELS.items(), key=lambda item: item[1])},
    )
