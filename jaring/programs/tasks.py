"""Programs' background work: saving eligibility judges every person of the region (a million take
about 12 s), and so does previewing it (5 to 8 s), so the page starts either as a job and shows its
progress instead of holding the request."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext

from jaring.accounts.models import User
from jaring.jobs.handlers import JobContext, JobOutcome, JobRefused, job_handler
from jaring.jobs.models import Job
from jaring.jobs.services import job_start
from jaring.programs.models import Program
from jaring.programs.selectors import ELIGIBILITY_PREVIEW, program_get, program_rules_key
from jaring.programs.services import program_eligibility

ELIGIBILITY = "programs.eligibility"


def eligibility_start(*, actor: User, program: Program) -> Job:
    """Judge and save the eligibility of the program's region in the worker."""
    return job_start(
        kind=ELIGIBILITY,
        actor=actor,
        title=gettext("Eligibility for %(program)s") % {"program": program.name},
        scope_region=program.region.code,
        input={"program": program.pk},
    )


@job_handler(ELIGIBILITY)
def eligibility_task(job: JobContext) -> JobOutcome:
    program = program_get(pk=job.input["program"])
    if program is None:
        raise JobRefused("programs.gone", gettext("The program no longer exists."))
    try:
        result = program_eligibility(actor=job.actor, program=program, save=True, progress=job.progress)
    except ValidationError as exc:
        raise JobRefused("programs.refused", " ".join(exc.messages)) from exc
    message = gettext("Eligibility saved: %(eligible)s of %(persons)s persons are eligible.") % {
        "eligible": number_format(result.eligible, force_grouping=True),
        "persons": number_format(result.persons, force_grouping=True),
    }
    return JobOutcome(result=result.to_dict(), done_url=reverse("programs:detail", args=[program.pk]), message=message)


def eligibility_preview_start(*, actor: User, program: Program) -> Job:
    """Judge the program's region in the worker without saving anything: the program page shows the counts
    and reasons from the job's result (`selectors.program_eligibility_preview`)."""
    return job_start(
        kind=ELIGIBILITY_PREVIEW,
        actor=actor,
        title=gettext("Eligibility preview for %(program)s") % {"program": program.name},
        scope_region=program.region.code,
        input={"program": program.pk},
    )


@job_handler(ELIGIBILITY_PREVIEW)
def eligibility_preview_task(job: JobContext) -> JobOutcome:
    program = program_get(pk=job.input["program"])
    if program is None:
        raise JobRefused("programs.gone", gettext("The program no longer exists."))
    try:
        result = program_eligibility(actor=job.actor, program=program, save=False, progress=job.progress)
    except ValidationError as exc:
        raise JobRefused("programs.refused", " ".join(exc.messages)) from exc
    # The rules judged by, so the page can tell a preview the rules have changed since.
    outcome = {**result.to_dict(), "rules": program_rules_key(program)}
    page = reverse("programs:detail", args=[program.pk])
    return JobOutcome(result=outcome, done_url=f"{page}?pratinjau={job.job_id}#preview-counts")
