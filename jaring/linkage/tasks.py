"""The linkage's background work: linking a region's new rows (after every import too) and matching BPJS rosters."""

import datetime as dt

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext, gettext_noop

from jaring.accounts.models import User
from jaring.core.intake.messages import file_rejection_text
from jaring.core.intake.tabular import FileRejected
from jaring.jobs.handlers import JobContext, JobOutcome, JobRefused, after_job, job_handler
from jaring.jobs.models import Job
from jaring.jobs.services import job_start
from jaring.linkage.models import LinkageModel
from jaring.linkage.services import link_region, roster_import
from jaring.regions.models import Region
from jaring.regions.selectors import region_get
from jaring.registry.tasks import IMPORT

LINK = "linkage.link_region"
ROSTER = "linkage.roster_import"


def link_start(*, actor: User, region: Region) -> Job:
    """Link the region's new rows in the worker."""
    return job_start(kind=LINK, actor=actor, title=gettext("Linking the data"), scope_region=region.code)


@job_handler(LINK)
def link_task(job: JobContext) -> JobOutcome:
    job.progress(10, gettext("Linking new rows"))
    result = link_region(actor=job.actor, region=region_get(code=job.scope_region))
    message = gettext("Linked: %(persons)s persons in the region, %(new)s new, %(review)s pairs to review.") % {
        "persons": number_format(result.persons, force_grouping=True),
        "new": number_format(result.new_persons, force_grouping=True),
        "review": number_format(result.review_pairs, force_grouping=True),
    }
    return JobOutcome(result=result.to_dict(), done_url=reverse("linkage:review"), message=message)


@after_job(IMPORT)
def link_after_import(job: Job) -> None:
    """Once a region links (it has a model), each new list is linked right after its import."""
    region = region_get(code=job.scope_region)
    if job.created_by is not None and LinkageModel.objects.filter(region=region).exists():
        link_start(actor=job.created_by, region=region)


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
    job.progress(10, gettext("Reading the roster and matching it to persons"))
    as_of = job.input.get("as_of")
    try:
        result = roster_import(
            actor=job.actor,
            region=region_get(code=job.scope_region),
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
