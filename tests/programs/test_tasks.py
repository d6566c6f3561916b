"""Saving eligibility runs as a job: progress on the job, the outcome as its result, a refusal in words."""

import pytest
from django.utils import translation

from jaring.jobs.models import Job
from jaring.programs.models import Eligibility
from jaring.programs.services import program_approve, program_eligibility, program_select
from jaring.programs.tasks import eligibility_start

pytestmark = pytest.mark.django_db


def test_the_job_saves_eligibility_and_says_how_many_are_eligible(
    personas, program, django_capture_on_commit_callbacks
):
    with translation.override("id"), django_capture_on_commit_callbacks(execute=True):
        job = eligibility_start(actor=personas.admin, program=program)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error_message
    assert (job.result["eligible"], job.result["persons"], job.scope_region) == (6, 8, program.region.code)
    assert job.done_url == f"/program/{program.pk}/"
    assert Eligibility.objects.filter(program=program, eligible=True).count() == 6


def test_on_an_approved_program_the_job_fails_with_the_reason_and_changes_nothing(
    personas, program, django_capture_on_commit_callbacks
):
    program_eligibility(actor=personas.admin, program=program, save=True)
    program_select(actor=personas.admin, program=program)
    program_approve(actor=personas.admin, program=program)
    before = list(Eligibility.objects.order_by("id").values_list("person_id", "eligible"))
    with translation.override("id"), django_capture_on_commit_callbacks(execute=True):
        job = eligibility_start(actor=personas.admin, program=program)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "disetujui" in job.error_message
    assert list(Eligibility.objects.order_by("id").values_list("person_id", "eligible")) == before
