from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from jaring.accounts.access import get_for_user
from jaring.jobs.models import Job
from jaring.jobs.services import job_recover_stale


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    target = _next_url(job)
    if target and not request.headers.get("HX-Request"):
        _announce(request, job)
        return redirect(target)
    return render(request, "jobs/job_detail.html", {"job": job})


@login_required
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment the job page polls; sends the browser on when the job is done or waits."""
    job = _job(request, pk)
    response = render(request, "jobs/_progress.html", {"job": job})
    target = _next_url(job)
    if target:
        _announce(request, job)  # shown on the page the browser is sent on to
        response["HX-Redirect"] = target
    return response


def _announce(request: HttpRequest, job: Job) -> None:
    if job.status == Job.Status.DONE and job.result.get("message"):
        messages.info(request, gettext(job.result["message"]))


def _job(request: HttpRequest, pk: int) -> Job:
    job = get_for_user(request.user, Job.objects.all(), pk=pk)
    if job.status == Job.Status.RUNNING and job_recover_stale(job_ids=[job.pk]):
        job.refresh_from_db()
    return job


def _next_url(job: Job) -> str | None:
    if job.status == Job.Status.DONE:
        return job.done_url or None
    if job.status == Job.Status.WAITING:
        return job.wait_url or None
    return None
