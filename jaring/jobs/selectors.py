"""Reads of jobs, scoped to the user like every page."""

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from jaring.accounts.access import scoped
from jaring.jobs.models import Job

if TYPE_CHECKING:
    # A signed-in user of the model AUTH_USER_MODEL names, or an anonymous one: jobs knows no app's models.
    from django.contrib.auth.models import _AnyUser


def jobs_needing_attention(*, user: "_AnyUser", kind: str) -> QuerySet[Job]:
    """The user's jobs of one kind that failed or wait for a person: they stay on the page until dealt with."""
    return scoped(user, Job.objects.filter(kind=kind, status__in=(Job.Status.FAILED, Job.Status.WAITING))).order_by(
        "-created_at"
    )


def job_done_for_user(*, user: "_AnyUser", pk: int, kind: str) -> Job | None:
    """A finished job of one kind, for reading its result, if the user may see it; None otherwise (another
    region's, another kind, still running or failed): a page showing a job's result shows only such a job."""
    return scoped(user, Job.objects.filter(kind=kind, status=Job.Status.DONE)).filter(pk=pk).first()
