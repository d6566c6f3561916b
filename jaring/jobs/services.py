"""Start long work as a job, run it in the worker, and keep its progress where the page can read it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jaring.accounts.models import Opd, User
from jaring.accounts.services import audit_record
from jaring.core.headers import FIELD_LABELS
from jaring.core.tabular import FileRejected
from jaring.jobs.models import Job

IMPORT = "registry.import"
LINK = "linkage.link_region"


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


def job_start_link(*, actor: User, region) -> Job:
    """Link the region's new rows in the worker."""
    from jaring.jobs.tasks import run_job

    with transaction.atomic():
        job = Job.objects.create(
            kind=LINK, region=region, created_by=actor, stage="Menunggu giliran", file_name="Penautan data"
        )
        transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


def job_progress(*, job_id: int, percent: int, stage: str) -> None:
    # A plain UPDATE outside the import's own transaction, so the page sees it at once.
    Job.objects.filter(pk=job_id).update(percent=percent, stage=stage)


def job_run(*, job_id: int) -> None:
    """Run one job to its end; a refused file or an unexpected error is recorded on the job."""
    from jaring.registry.services import MappingNeedsConfirmation, submission_import

    job = Job.objects.select_related("opd", "created_by", "region").get(pk=job_id)
    Job.objects.filter(pk=job_id).update(status=Job.Status.RUNNING, started_at=timezone.now())
    if job.kind == LINK:
        _run_link(job)
        return
    try:
        result = submission_import(
            confirm_uncertain=not job.params.get("confirmed"),
            overrides=job.params.get("overrides"),
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
    except MappingNeedsConfirmation as pause:
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.CONFIRM, stage="Menunggu konfirmasi kolom", params={**job.params, "sheets": pause.sheets}
        )
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
    _link_after_import(job)


def _finish(job_id: int, status: str, **fields) -> None:
    Job.objects.filter(pk=job_id).update(status=status, finished_at=timezone.now(), percent=100, **fields)


def job_confirm_mapping(*, actor: User, job: Job, choices: dict[str, dict[str, str]]) -> Job:
    """Record the person's reading of each column (sheet -> column -> field or "") and run the job again."""
    from jaring.jobs.tasks import run_job

    if job.status != Job.Status.CONFIRM:
        raise ValidationError("Pekerjaan ini tidak sedang menunggu konfirmasi kolom.")
    allowed = set(FIELD_LABELS) | {""}
    sheets = {
        sheet["name"]: {column["column"] for column in sheet["columns"]} for sheet in job.params.get("sheets", [])
    }
    for sheet, columns in choices.items():
        if sheet not in sheets or not set(columns) <= sheets[sheet] or not set(columns.values()) <= allowed:
            raise ValidationError("Pilihan kolom tidak dikenal.")
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.QUEUED,
            stage="Menunggu giliran",
            percent=0,
            params={**job.params, "overrides": choices, "confirmed": True},
        )
        audit_record(
            actor=actor,
            action="jobs.confirm_mapping",
            obj=job,
            region=job.region,
            opd=job.opd,
            after={"overrides": choices},
        )
        transaction.on_commit(lambda: run_job.enqueue(job.pk))
    job.refresh_from_db()
    return job


def _run_link(job: Job) -> None:
    from jaring.linkage.services import link_region

    job_progress(job_id=job.pk, percent=10, stage="Menautkan baris baru")
    try:
        result = link_region(actor=job.created_by, region=job.region)
    except Exception as exc:
        # Recorded for the person waiting on the page, then raised again for the worker's log.
        _finish(
            job.pk,
            Job.Status.FAILED,
            error_code="job.crashed",
            error_message="Terjadi kesalahan sistem saat menautkan data; hubungi administrator. "
            f"({type(exc).__name__})",
        )
        raise
    _finish(job.pk, Job.Status.DONE, result=result.to_dict(), stage="Selesai")


def _link_after_import(job: Job) -> None:
    """Once a region links (it has a model), each new list is linked right after its import."""
    from jaring.linkage.models import LinkageModel

    if job.created_by is not None and LinkageModel.objects.filter(region=job.region).exists():
        job_start_link(actor=job.created_by, region=job.region)
