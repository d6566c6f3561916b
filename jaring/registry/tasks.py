"""The registry's background work: importing an uploaded list, pausing for uncertain columns."""

from django.urls import reverse
from django.utils.translation import get_language, gettext, gettext_noop

from jaring.accounts.models import Opd, User
from jaring.accounts.selectors import opd_get
from jaring.core.intake import FileRejected, MappingNeedsConfirmation, file_rejection_text
from jaring.jobs.handlers import JobContext, JobNeedsInput, JobOutcome, JobRefused, job_handler
from jaring.jobs.models import Job
from jaring.jobs.services import job_start
from jaring.registry.services import IMPORT_KIND, SameFileElsewhere, submission_import

IMPORT = IMPORT_KIND


def import_start(*, actor: User, opd: Opd, file_name: str, data: bytes, same_file_ok: bool = False) -> Job:
    """Keep the uploaded file in a job and import it in the worker."""
    return job_start(
        kind=IMPORT,
        actor=actor,
        title=file_name,
        scope_region=opd.region_id,
        scope_opd=opd.pk,
        # An upload asks before storing a file another OPD already sent (the CLI says so with a flag).
        input={"opd": opd.pk, "file_name": file_name, "same_file_ok": same_file_ok},
        input_file=data,
    )


@job_handler(IMPORT)
def import_task(job: JobContext) -> JobOutcome:
    opd = opd_get(pk=job.input["opd"])
    try:
        result = submission_import(
            confirm_uncertain=not job.input.get("confirmed"),
            same_file_ok=job.input.get("same_file_ok", True),
            overrides=job.input.get("overrides"),
            actor=job.actor,
            region=opd.region,
            source=opd.code,
            opd=opd,
            file_name=job.input["file_name"],
            data=job.input_file,
            progress=job.progress,
        )
    except FileRejected as exc:
        raise JobRefused(exc.code, file_rejection_text(exc.code, exc.message, get_language())) from exc
    except SameFileElsewhere as pause:
        raise JobNeedsInput(
            stage=pause.message,
            wait_url=reverse("registry:same_file", args=[job.job_id]),
            input={"same_file": {"submission": pause.earlier.pk, "message": pause.message}},
        ) from pause
    except MappingNeedsConfirmation as pause:
        raise JobNeedsInput(
            stage=gettext("Waiting for the columns to be confirmed"),
            wait_url=reverse("registry:confirm_columns", args=[job.job_id]),
            input={"sheets": pause.sheets},
        ) from pause
    message = (
        gettext_noop("This exact file was imported before; nothing new was stored.") if result.duplicate_of else ""
    )
    return JobOutcome(
        result=result.to_dict(),
        done_url=reverse("registry:submission", args=[result.submission.pk]),
        message=message,
    )
