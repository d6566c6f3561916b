"""Previewing eligibility judges every person of the region, so it runs as a job: the request returns at once,
the job's result holds the counts and reasons, and the program page shows them from that job, for the
program's region only."""

import pytest
from django.utils import translation

from jaring.core.programs import CoverMonths
from jaring.jobs.models import Job
from jaring.jobs.selectors import job_done_for_user
from jaring.programs.models import Eligibility
from jaring.programs.selectors import ELIGIBILITY_PREVIEW, program_eligibility_preview
from jaring.programs.services import program_create, program_rules_update
from jaring.programs.tasks import eligibility_preview_start
from tests.programs.conftest import a_program

pytestmark = pytest.mark.django_db


def previewed(personas, program, capture) -> Job:
    with translation.override("id"), capture(execute=True):
        job = eligibility_preview_start(actor=personas.admin, program=program)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error_message
    return job


def test_the_preview_job_keeps_the_counts_and_reasons_and_saves_nothing(
    personas, program, django_capture_on_commit_callbacks
):
    job = previewed(personas, program, django_capture_on_commit_callbacks)
    assert (job.kind, job.scope_region) == (ELIGIBILITY_PREVIEW, program.region.code)
    assert (job.result["persons"], job.result["eligible"], job.result["saved"]) == (8, 6, False)
    assert job.result["reasons"] == {"age.above": 1, "age.below": 1}
    assert job.done_url == f"/program/{program.pk}/?pratinjau={job.pk}#preview-counts"
    program.refresh_from_db()
    assert not Eligibility.objects.exists() and program.eligibility_summary == {}


def test_asking_for_a_preview_returns_at_once_and_leaves_the_judging_to_the_worker(
    client, personas, program, monkeypatch, django_capture_on_commit_callbacks
):
    def judged(*args, **kwargs):
        raise AssertionError("the request judged the region's persons itself")

    monkeypatch.setattr("jaring.programs.services.selection.eligibility", judged)
    client.force_login(personas.admin)
    with django_capture_on_commit_callbacks(execute=False):  # the worker has not run it yet
        response = client.post(f"/program/{program.pk}/pratinjau/")
    job = Job.objects.get(kind=ELIGIBILITY_PREVIEW)
    assert response.url == f"/pekerjaan/{job.pk}/" and job.status == Job.Status.QUEUED
    # The old address of the preview judges nobody in the request either: it names no finished preview.
    client.cookies["django_language"] = "en"
    page = client.get(f"/program/{program.pk}/?pratinjau=1")
    assert page.status_code == 200 and 'data-testid="preview-counts"' not in page.text
    assert "That eligibility preview is not available. Preview the eligibility again." in page.text


def test_the_job_page_returns_to_the_program_page_which_shows_the_preview(
    client, personas, program, django_capture_on_commit_callbacks
):
    client.force_login(personas.admin)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(f"/program/{program.pk}/pratinjau/")
    back = client.get(started.url, follow=True)
    job = Job.objects.get(kind=ELIGIBILITY_PREVIEW)
    assert back.redirect_chain[-1][0] == f"/program/{program.pk}/?pratinjau={job.pk}#preview-counts"
    preview = back.text.split('data-testid="preview-counts"')[1].split("</article>")[0]
    assert "6 dari 8 orang layak" in preview
    assert "usia di atas 65 tahun pada 1 Januari 2027" in preview
    assert "usia di bawah 15 tahun pada 1 Januari 2027" in preview
    assert 'data-testid="preview-stale"' not in preview


def test_a_preview_is_read_only_on_its_own_programs_page_and_within_the_users_region(
    client, personas, program, django_capture_on_commit_callbacks
):
    job = previewed(personas, program, django_capture_on_commit_callbacks)
    other = a_program(personas, name="Linmas 2027")
    assert program_eligibility_preview(user=personas.admin, program=program, job_id=job.pk) is not None
    assert program_eligibility_preview(user=personas.admin, program=other, job_id=job.pk) is None
    assert job_done_for_user(user=personas.batu_admin, pk=job.pk, kind=ELIGIBILITY_PREVIEW) is None
    assert job_done_for_user(user=personas.admin, pk=job.pk, kind="programs.eligibility") is None
    batu = program_create(
        actor=None, region=personas.batu, name="Batu 2027", budget_year=2027, cover=CoverMonths(program.cover_start, 12)
    )
    assert program_eligibility_preview(user=personas.batu_admin, program=batu, job_id=job.pk) is None
    client.force_login(personas.admin)
    page = client.get(f"/program/{other.pk}/?pratinjau={job.pk}").text
    assert 'data-testid="preview-counts"' not in page


def test_a_preview_made_before_the_rules_changed_says_so(client, personas, program, django_capture_on_commit_callbacks):
    job = previewed(personas, program, django_capture_on_commit_callbacks)
    program_rules_update(actor=None, program=program, min_age=18, max_age=60, categories=[])
    client.force_login(personas.admin)
    page = client.get(f"/program/{program.pk}/?pratinjau={job.pk}").text
    assert 'data-testid="preview-counts"' in page and 'data-testid="preview-stale"' in page
