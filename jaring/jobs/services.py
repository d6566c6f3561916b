"""Start long work as a job, run it in a worker, keep its progress where the page reads it, and
notice a job whose worker died.
"""

import logging
import os
import socket
import threading
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from jaring.jobs.handlers import FOLLOWERS, HANDLERS, JobContext, JobNeedsInput, JobRefused
from jaring.jobs.models import Job

if TYPE_CHECKING:
    # The user model AUTH_USER_MODEL names, as django-stubs resolves it: jobs knows no app's models.
    from django.contrib.auth.models import _User

logger = logging.getLogger(__name__)
# Stages and messages are written in the language of the person who started the job (Job.language).
WAITING_STAGE = gettext_noop("Waiting for its turn")
DONE_STAGE = gettext_noop("Done")
RETRIED_STAGE = gettext_noop("Tried again: the previous worker process stopped")
UNKNOWN_KIND_MESSAGE = gettext_noop("Unknown kind of work: {kind}.")
CRASHED_MESSAGE = gettext_noop("A system error stopped this work; contact the administrator. ({name})")
WORKER_LOST_MESSAGE = gettext_noop(
    "The worker process stopped midway (it died or was stopped) and this work has been tried {attempts} times. "
    "Nothing was stored halfway. Try again, or contact the administrator if it happens again."
)


def job_start(
    *,
    kind: str,
    actor: "_User | None",
    title: str,
    scope_region: str,
    scope_opd: int | None = None,
    input: dict[str, Any] | None = None,
    input_file: bytes = b"",
) -> Job:
    """Keep the work's input in a job row and hand the job to the worker once the row is committed."""
    if kind not in HANDLERS:
        raise LookupError(f"No task is registered for job kind {kind!r}.")
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            title=title,
            scope_region=scope_region,
            scope_opd=scope_opd,
            created_by=actor,
            input=input or {},
            input_file=input_file,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            stage=gettext(WAITING_STAGE),
            max_attempts=settings.JOBS_MAX_ATTEMPTS,
        )
        _enqueue_on_commit(job.pk)
    return job


def job_progress(*, job_id: int, percent: int, stage: str) -> None:
    # A plain UPDATE outside the task's own transaction, so the page sees it at once.
    Job.objects.filter(pk=job_id).update(percent=percent, stage=stage, heartbeat_at=timezone.now())


def job_run(*, job_id: int) -> None:
    """Run one queued job to its end; a refusal, a pause or an unexpected error is recorded on the job."""
    me = worker_name()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING,
        worker=me,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
        attempts=F("attempts") + 1,
        error_code="",
        error_message="",
    )
    if not claimed:
        logger.info("Job %s is not queued (taken by another worker, or finished); skipped.", job_id)
        return
    job = Job.objects.select_related("created_by").get(pk=job_id)
    with translation.override(job.language or settings.LANGUAGE_CODE):
        _run_claimed(job, me)


def _run_claimed(job: Job, me: str) -> None:
    job_id = job.pk
    handler = HANDLERS.get(job.kind)
    if handler is None:
        _finish(
            job_id,
            Job.Status.FAILED,
            error_code="job.unknown_kind",
            error_message=gettext(UNKNOWN_KIND_MESSAGE).format(kind=job.kind),
        )
        return
    context = JobContext(
        job_id=job.pk,
        kind=job.kind,
        title=job.title,
        input=job.input,
        input_file=bytes(job.input_file),
        actor=job.created_by,
        scope_region=job.scope_region,
        scope_opd=job.scope_opd,
        progress=lambda percent, stage: job_progress(job_id=job_id, percent=percent, stage=stage),
    )
    with _Heartbeat(job_id, me):
        try:
            outcome = handler(context)
        except JobRefused as refusal:
            _finish(job_id, Job.Status.FAILED, error_code=refusal.code, error_message=refusal.message)
            return
        except JobNeedsInput as pause:
            Job.objects.filter(pk=job_id).update(
                status=Job.Status.WAITING,
                stage=pause.stage,
                wait_url=pause.wait_url,
                input={**job.input, **pause.input},
            )
            return
        except Exception as exc:
            # Recorded for the person waiting on the page, then raised again for the worker's log.
            _finish(
                job_id,
                Job.Status.FAILED,
                error_code="job.crashed",
                error_message=gettext(CRASHED_MESSAGE).format(name=type(exc).__name__),
            )
            raise
    _finish(
        job_id,
        Job.Status.DONE,
        result={**outcome.result, "message": outcome.message},
        done_url=outcome.done_url,
        stage=gettext(DONE_STAGE),
    )
    job.refresh_from_db()
    for follower in FOLLOWERS.get(job.kind, []):
        follower(job)


def job_resume(*, job: Job, input: dict[str, Any]) -> Job:
    """Give a waiting job what it asked for and queue it again."""
    with transaction.atomic():
        updated = Job.objects.filter(pk=job.pk, status=Job.Status.WAITING).update(
            status=Job.Status.QUEUED,
            stage=_in_language(job, WAITING_STAGE),
            percent=0,
            wait_url="",
            input={**job.input, **input},
        )
        if not updated:
            raise ValueError("job is not waiting for input")
        _enqueue_on_commit(job.pk)
    job.refresh_from_db()
    return job


def job_recover_stale(*, job_ids: list[int] | None = None) -> list[int]:
    """Run again, or fail with a clear message, the running jobs whose worker is gone.

    A worker is gone when its heartbeat is older than JOBS_LEASE_SECONDS, or at once when it ran on
    this machine and its process no longer exists. Returns the ids of the jobs it acted on.
    """
    running = Job.objects.filter(status=Job.Status.RUNNING)
    if job_ids is not None:
        running = running.filter(pk__in=job_ids)
    expired = timezone.now() - timedelta(seconds=settings.JOBS_LEASE_SECONDS)
    acted = []
    for job in running.only("pk", "worker", "heartbeat_at", "attempts", "max_attempts", "language"):
        if not (job.heartbeat_at is None or job.heartbeat_at < expired or _process_gone(job.worker)):
            continue
        same_run = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, worker=job.worker)
        with transaction.atomic():
            if job.attempts < job.max_attempts:
                changed = same_run.update(
                    status=Job.Status.QUEUED,
                    percent=0,
                    stage=_in_language(job, RETRIED_STAGE),
                    worker="",
                )
                if changed:
                    _enqueue_on_commit(job.pk)
            else:
                changed = same_run.update(
                    status=Job.Status.FAILED,
                    finished_at=timezone.now(),
                    percent=100,
                    error_code="job.worker_lost",
                    error_message=_in_language(job, WORKER_LOST_MESSAGE).format(attempts=job.attempts),
                )
        if changed:
            logger.warning(
                "Job %s lost its worker %s; %s.",
                job.pk,
                job.worker,
                "queued again" if job.attempts < job.max_attempts else "failed",
            )
            acted.append(job.pk)
    return acted


def job_retry(*, job: Job) -> Job:
    """Queue a failed job again from its stored input, with a fresh count of attempts."""
    with transaction.atomic():
        updated = Job.objects.filter(pk=job.pk, status=Job.Status.FAILED).update(
            status=Job.Status.QUEUED,
            stage=_in_language(job, WAITING_STAGE),
            percent=0,
            attempts=0,
            error_code="",
            error_message="",
            finished_at=None,
            worker="",
        )
        if not updated:
            raise ValueError("job has not failed")
        _enqueue_on_commit(job.pk)
    job.refresh_from_db()
    return job


def job_delete(*, job: Job) -> None:
    """Remove a failed job, or one waiting for input, with the file it kept; the caller records why."""
    deleted, _detail = Job.objects.filter(pk=job.pk, status__in=(Job.Status.FAILED, Job.Status.WAITING)).delete()
    if not deleted:
        raise ValueError("only a failed or waiting job can be removed")


def _in_language(job: Job, message: str) -> str:
    with translation.override(job.language or settings.LANGUAGE_CODE):
        return gettext(message)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _process_gone(worker: str) -> bool:
    host, _sep, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _finish(job_id: int, status: str, **fields: Any) -> None:
    Job.objects.filter(pk=job_id).update(status=status, finished_at=timezone.now(), percent=100, **fields)


def _enqueue_on_commit(job_id: int) -> None:
    from jaring.jobs.tasks import run_job

    transaction.on_commit(lambda: run_job.enqueue(job_id))


class _Heartbeat:
    """Keeps the job's heartbeat fresh from a thread of its own while the task runs."""

    def __init__(self, job_id: int, worker: str):
        self.job_id, self.worker = job_id, worker
        self.seconds = settings.JOBS_HEARTBEAT_SECONDS
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"heartbeat-{job_id}", daemon=True)

    def __enter__(self) -> Self:
        if self.seconds > 0:
            self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stopped.set()
        if self.thread.is_alive():
            self.thread.join()

    def _beat(self) -> None:
        try:
            while not self.stopped.wait(self.seconds):
                try:
                    Job.objects.filter(pk=self.job_id, worker=self.worker).update(heartbeat_at=timezone.now())
                except OperationalError as exc:
                    # SQLite refuses writes while the task's own transaction writes; the next beat tries again.
                    logger.warning("Heartbeat of job %s not written: %s", self.job_id, exc)
        finally:
            connection.close()
