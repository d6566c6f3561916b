"""The linkage's background work: linking a region's new rows (after every import too)."""

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext

from jaring.accounts.models import User
from jaring.jobs.handlers import JobContext, JobOutcome, after_job, job_handler
from jaring.jobs.models import Job
from jaring.jobs.services import job_start
from jaring.linkage.models import LinkageModel
from jaring.linkage.services import link_region
from jaring.regions.models import Region
from jaring.regions.selectors import region_get
from jaring.registry.tasks import IMPORT

LINK = "linkage.link_region"


def link_start(*, actor: User, region: Region) -> Job:
    """Link the region's new rows in the worker."""
    return job_start(kind=LINK, actor=actor, title=gettext("Linking the data"), scope_region=region.code)


@job_handler(LINK)
def link_task(job: JobContext) -> JobOutcome:
    region = region_get(code=job.scope_region)
    if region is None:
        raise LookupError(f"The job's region {job.scope_region} is not stored.")
    job.progress(10, gettext("Linking new rows"))
    result = link_region(actor=job.actor, region=region)
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
    if region is None or job.created_by is None:
        return
    if LinkageModel.objects.filter(region=region).exists():
        link_start(actor=job.created_by, region=region)
