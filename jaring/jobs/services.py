"""Start long work as a job, run it in the worker, and keep its progress where the page can read it."""

from django.db import transaction
from django.utils import timezone

from jaring.accounts.models import Opd, User
from jaring.core.tabular import FileRejected
from jaring.jobs.models import Job

IMPORT = "registry.import"


def job_start_import(*, actor: User, opd: Opd, file_name: str, data: bytes) -> Job:
    """Keep the uploaded file in a job and hand the job to the worker once the job is committed."""
    from jaring.jobs.tasks import run_job

    with transaction.atomic():
        job = Job.objects.create(
            kind=IMPORT,
            region=opd.region,
            opd=opd,
            created_by=actor,
            file_name=file_name,
            file_data=data,
            stage="Menunggu giliran",
        )
        transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


def job_progress(*, job_id: int, percent: int, stage: str) -> None:
    # A plain UPDATE outside the import's own transaction, so the page sees it at once.
    Job.objects.filter(pk=job_id).update(percent=percent, stage=stage)


def job_run(*, job_id: int) -> None:
    """Run one job to its end; a refused file or an unexpected error is recorded on the job."""
    from jaring.registry.services import submission_import

    job = Job.objects.select_related("opd", "created_by", "region").get(pk=job_id)
    Job.objects.filter(pk=job_id).update(status=Job.Status.RUNNING, started_at=timezone.now())
    try:
        result = submission_import(
            actor=job.created_by,
            region=job.region,
            source=job.opd.code if job.opd else "",
            opd=job.opd,
            file_name=job.file_name,
            data=bytes(job.file_data),
            progress=lambda percent, stage: job_progress(job_id=job_id, percent=percent, stage=stage),
        )
    except FileRejected as exc:
        _finish(job_id, Job.Status.FAILED, error_code=exc.code, error_message=exc.message)
        return
    except Exception as exc:
        # Recorded for the person waiting on the page, then raised again for the worker's log.
        _finish(
            job_id,
            Job.Status.FAILED,
            error_code="job.crashed",
            error_message="Terjadi kesalahan sistem saat memproses berkas; hubungi administrator. "
            f"({type(exc).__name__})",
        )
        raise
    _finish(job_id, Job.Status.DONE, result=result.to_dict())


def _finish(job_id: int, status: str, **fields) -> None:
    Job.objects.filter(pk=job_id).update(status=status, finished_at=timezone.now(), percent=100, **fields)
