from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.access import get_for_user
from jaring.core.headers import FIELD_LABELS
from jaring.jobs.models import Job
from jaring.jobs.services import LINK, job_confirm_mapping


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_for_user(request.user, Job.objects.all(), pk=pk)
    target = _done_url(job)
    if target and not request.headers.get("HX-Request"):
        if job.result.get("duplicate_of"):
            messages.info(request, _("This exact file was imported before; nothing new was stored."))
        return redirect(target)
    return render(
        request,
        "jobs/job_detail.html",
        {"job": job, "field_choices": sorted(FIELD_LABELS.items(), key=lambda item: item[1])},
    )


@login_required
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment the job page polls; sends the browser on when the job is done."""
    job = get_for_user(request.user, Job.objects.all(), pk=pk)
    response = render(request, "jobs/_progress.html", {"job": job})
    target = _done_url(job)
    if target:
        response["HX-Redirect"] = target
    elif job.status == Job.Status.CONFIRM:
        response["HX-Refresh"] = "true"  # the whole page, so the column form appears
    return response


def _done_url(job: Job) -> str | None:
    if job.status == Job.Status.DONE and job.kind == LINK:
        return reverse("linkage:review")
    submission_id = job.result.get("submission_id") if job.status == Job.Status.DONE else None
    return reverse("registry:submission", args=[submission_id]) if submission_id else None


@login_required
@require_POST
def job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Take the person's reading of the uncertain columns and run the import."""
    job = get_for_user(request.user, Job.objects.select_related("region", "opd"), pk=pk)
    choices: dict[str, dict[str, str]] = {}
    for key, value in request.POST.items():
        if key.startswith("kolom:"):
            _prefix, sheet, column = key.split(":", 2)
            choices.setdefault(sheet, {})[column] = value
    try:
        job_confirm_mapping(actor=request.user, job=job, choices=choices)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("jobs:job", pk=job.pk)
