from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from jaring.accounts.access import get_for_user
from jaring.jobs.models import Job


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_for_user(request.user, Job.objects.all(), pk=pk)
    target = _done_url(job)
    if target and not request.headers.get("HX-Request"):
        if job.result.get("duplicate_of"):
            messages.info(request, _("This exact file was imported before; nothing new was stored."))
        return redirect(target)
    return render(request, "jobs/job_detail.html", {"job": job})


@login_required
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment the job page polls; sends the browser on when the job is done."""
    job = get_for_user(request.user, Job.objects.all(), pk=pk)
    response = render(request, "jobs/_progress.html", {"job": job})
    target = _done_url(job)
    if target:
        response["HX-Redirect"] = target
    return response


def _done_url(job: Job) -> str | None:
    submission_id = job.result.get("submission_id") if job.status == Job.Status.DONE else None
    return reverse("registry:submission", args=[submission_id]) if submission_id else None
