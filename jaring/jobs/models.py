from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """Long work done by a worker, with the progress and outcome a person watches in the page.

    A job knows no domain: `kind` names a task an app registered (`jaring.jobs.handlers`), `input`
    and `input_file` hold what the task works on (kept, so a failed or interrupted job can run again),
    and the task says which page shows the result (`done_url`) or asks for input (`wait_url`).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        WAITING = "waiting", _("Waiting for input")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=80)
    title = models.CharField(max_length=255, blank=True)  # what the page calls the work: a file name, "Penautan data"
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Who may see the job: the region (a Kemendagri code, with everything below it) and, for OPD
    # operators, the OPD. Plain values, so this app depends on no other.
    scope_region = models.CharField(max_length=20)
    scope_opd = models.BigIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    percent = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True)
    # The language of the person who started it: stages and messages are written in it.
    language = models.CharField(max_length=10, blank=True)
    input = models.JSONField(default=dict)
    input_file = models.BinaryField(blank=True, default=b"")
    result = models.JSONField(default=dict)
    done_url = models.CharField(max_length=300, blank=True)
    wait_url = models.CharField(max_length=300, blank=True)
    error_code = models.CharField(max_length=50, blank=True)
    error_message = models.TextField(blank=True)
    # A job outlives its worker: the worker that runs it says who it is and keeps `heartbeat_at`
    # fresh; a job whose worker stopped answering is run again, up to `max_attempts` times.
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=2)
    worker = models.CharField(max_length=200, blank=True)  # host:pid
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    scope_region_field = "scope_region"
    scope_opd_field = "scope_opd"

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat")]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
