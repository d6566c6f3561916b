"""BPJS's background work: storing a roster uploaded on the page (the linkage matches it as it is stored)."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import get_language, gettext, gettext_noop

from jaring.accounts.models import User
from jaring.bpjs.services import roster_import
from jaring.core.intake import FileRejected, file_rejection_text
from jaring.jobs.handlers import JobContext, JobOutcome, JobRefused, job_handler
from jaring.jobs.models import Job
from jaring.jobs.services import job_start
from jaring.regions.models import Region
from jaring.regions.selectors import region_get

ROSTER = "bpjs.roster_import"


def roster_start(*, actor: User, region: Region, file_name: str, data: bytes, as_of: dt.date | None) -> Job:
    """Keep an uploaded BPJS roster in a job; the worker stores it and matches it to persons."""
    return job_start(
        kind=ROSTER,
        actor=actor,
        title=file_name,
        scope_region=region.code,
        input={"file_name": file_name, "as_of": as_of.isoformat() if as_of else None},
        input_file=data,
    )


@job_handler(ROSTER)
def roster_task(job: JobContext) -> JobOutcome:
    region = region_get(code=job.scope_region)
    if region is None:
        raise LookupError(f"The job's region {job.scope_region} is not stored.")
    job.progress(10, gettext("Reading the roster and matching it to persons"))
    as_of = job.input.get("as_of")
    try:
        result = roster_import(
            actor=job.actor,
            region=region,
            file_name=job.input["file_name"],
            data=job.input_file,
            as_of=dt.date.fromisoformat(as_of) if as_of else None,
        )
    except FileRejected as exc:
        raise JobRefused(exc.code, file_rejection_text(exc.code, exc.message, get_language())) from exc
    message = (
        gettext_noop("This exact roster was uploaded before; nothing new was stored.") if result.duplicate_of else ""
    )
    return JobOutcome(
        result=result.to_dict(), done_url=reverse("roster:snapshot", args=[result.snapshot.pk]), message=message
    )
