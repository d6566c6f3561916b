"""Persons' background work: importing a death list uploaded on the page."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import get_language, gettext, gettext_noop

from jaring.accounts.models import User
from jaring.core.intake import FileRejected, file_rejection_text
from jaring.jobs.handlers import JobContext, JobOutcome, JobRefused, job_handler
from jaring.jobs.models import Job
from jaring.jobs.services import job_start
from jaring.persons.services import deaths_import
from jaring.regions.models import Region
from jaring.regions.selectors import region_get

DEATHS = "persons.deaths_import"


def deaths_start(*, actor: User, region: Region, file_name: str, data: bytes, source: str) -> Job:
    """Keep an uploaded death list in a job; the worker stores it and marks the persons it names."""
    return job_start(
        kind=DEATHS,
        actor=actor,
        title=file_name,
        scope_region=region.code,
        input={"file_name": file_name, "source": source},
        input_file=data,
    )


@job_handler(DEATHS)
def deaths_task(job: JobContext) -> JobOutcome:
    region = region_get(code=job.scope_region)
    if region is None:
        raise LookupError(f"The job's region {job.scope_region} is not stored.")
    job.progress(10, gettext("Reading the death list and matching it to persons"))
    try:
        result = deaths_import(
            actor=job.actor,
            region=region,
            file_name=job.input["file_name"],
            data=job.input_file,
            source=job.input["source"],
            progress=job.progress,
        )
    except FileRejected as exc:
        raise JobRefused(exc.code, file_rejection_text(exc.code, exc.message, get_language())) from exc
    except ValidationError as exc:
        raise JobRefused("deaths.invalid", " ".join(exc.messages)) from exc
    message = (
        gettext_noop("This exact death list was uploaded before; nothing new was stored.")
        if result.duplicate_of
        else ""
    )
    return JobOutcome(
        result=result.to_dict(),
        done_url=reverse("persons:death_list", args=[result.death_list.pk]),
        message=message,
    )
