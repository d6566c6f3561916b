import pytest
from django.core.management import call_command
from django.urls import reverse

from jaring.jobs.models import Job
from jaring.jobs.services import job_run
from jaring.jobs.tasks import run_job
from jaring.persons.models import PersonRecord
from jaring.registry.models import SourceRecord, Submission
from jaring.registry.tasks import IMPORT
from tests.files import xlsx_bytes
from tests.registry.test_import import BAD, GOOD, messy_list

pytestmark = pytest.mark.django_db


def queued_job(personas, data: bytes, name: str = "linmas.xlsx") -> Job:
    return Job.objects.create(
        kind=IMPORT,
        title=name,
        scope_region=personas.malang.code,
        scope_opd=personas.dinsos.pk,
        created_by=personas.operator,
        input={"opd": personas.dinsos.pk, "file_name": name},
        input_file=data,
    )


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection after each task
def test_the_database_worker_runs_a_queued_import(personas):
    job = queued_job(personas, messy_list(GOOD, BAD))
    run_job.using(backend="database").enqueue(job.pk)
    call_command("db_worker", "--batch", "--backend", "database", "--queue-name", "*", "--no-reload")
    job.refresh_from_db()
    assert (job.status, job.percent, job.stage) == (Job.Status.DONE, 100, "Selesai")
    assert job.result["rows"] == 2 and job.started_at and job.finished_at
    submission = Submission.objects.get(pk=job.result["submission_id"])
    assert submission.uploaded_by == personas.operator and submission.opd == personas.dinsos


def test_a_refused_file_fails_the_job_with_the_reason_and_keeps_the_file(personas):
    job = queued_job(personas, b"No,NIK\r\n1,2\r\n", name="palsu.xlsx")
    job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.error_code) == (Job.Status.FAILED, "file.type_mismatch")
    assert "bukan lembar kerja" in job.error_message
    assert bytes(job.input_file) == b"No,NIK\r\n1,2\r\n" and not Submission.objects.exists()


def test_progress_is_reported_stage_by_stage(personas, monkeypatch):
    seen = []
    import jaring.jobs.services as services

    original = services.job_progress
    monkeypatch.setattr(
        services, "job_progress", lambda **kw: (seen.append((kw["percent"], kw["stage"])), original(**kw))
    )
    job_run(job_id=queued_job(personas, messy_list(GOOD, BAD)).pk)
    assert [percent for percent, _stage in seen] == [5, 20, 30, 70, 100]
    assert seen[2][1] == "Memeriksa 2 baris"


def test_the_status_fragment_sends_the_browser_on_when_done(client, personas):
    job = queued_job(personas, messy_list(GOOD))
    client.force_login(personas.operator)
    waiting = client.get(reverse("jobs:status", args=[job.pk]), headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in waiting.text and "HX-Redirect" not in waiting
    job_run(job_id=job.pk)
    done = client.get(reverse("jobs:status", args=[job.pk]), headers={"HX-Request": "true"})
    submission = Submission.objects.get()
    assert done["HX-Redirect"] == reverse("registry:submission", args=[submission.pk])
    assert client.get(reverse("jobs:job", args=[job.pk]))["Location"] == done["HX-Redirect"]


def test_another_opds_job_is_not_found(client, personas):
    job = queued_job(personas, messy_list(GOOD))
    client.force_login(personas.other_operator)
    assert client.get(reverse("jobs:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:status", args=[job.pk])).status_code == 404


def test_an_uncertain_column_waits_for_a_person_then_imports_as_confirmed(
    client, personas, django_capture_on_commit_callbacks
):
    rows = [["NIK", "Nama", "Pekerjan", "Ukuran Baju"], ["3573011508900001", "Ahmad", "Linmas", "XL"]]
    job = queued_job(personas, xlsx_bytes({"Data": rows}))
    job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.WAITING and not Submission.objects.exists()
    columns = {column["label"]: column for column in job.input["sheets"][0]["columns"]}
    assert columns["Pekerjan"]["field"] == "occupation" and not columns["Pekerjan"]["certain"]
    assert columns["Pekerjan"]["samples"] == ["Linmas"]

    client.force_login(personas.operator)
    polled = client.get(reverse("jobs:status", args=[job.pk]), headers={"HX-Request": "true"})
    confirm_url = reverse("registry:confirm_columns", args=[job.pk])
    assert polled["HX-Redirect"] == confirm_url
    assert client.get(reverse("jobs:job", args=[job.pk]))["Location"] == confirm_url
    page = client.get(confirm_url).text
    assert "Pekerjan" in page and 'name="kolom:Data:c2"' in page
    choice = {"kolom:Data:c0": "nik", "kolom:Data:c1": "name", "kolom:Data:c2": "occupation", "kolom:Data:c3": "note"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_url, choice)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    record = SourceRecord.objects.get()
    assert (record.occupation, record.note) == ("linmas", "XL")


def test_a_confirmation_with_unknown_fields_is_refused(client, personas):
    rows = [["NIK", "Nama", "Pekerjan"], ["3573011508900001", "Ahmad", "Linmas"]]
    job = queued_job(personas, xlsx_bytes({"Data": rows}))
    job_run(job_id=job.pk)
    client.force_login(personas.operator)
    confirm_url = reverse("registry:confirm_columns", args=[job.pk])
    response = client.post(confirm_url, {"kolom:Data:c2": "gaji"}, follow=True)
    assert "Pilihan kolom tidak dikenal" in response.text
    job.refresh_from_db()
    assert job.status == Job.Status.WAITING


def test_once_a_region_links_each_new_list_is_linked_after_its_import(personas, django_capture_on_commit_callbacks):
    from jaring.linkage.services import link_region
    from jaring.persons.models import Person

    job_run(job_id=queued_job(personas, messy_list(GOOD)).pk)
    assert not Person.objects.exists()  # no linking before the region's first run
    link_region(actor=None, region=personas.malang)
    dewi = [
        1,
        "3573014406950004",
        "Dewi Lestari",
        "04-06-1995",
        "P",
        "Jl. Apel 2",
        "Merjosari",
        "Lowokwaru",
        "081299990000",
        "Marbot",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        job_run(job_id=queued_job(personas, messy_list(dewi), name="baru.xlsx").pk)
    assert Job.objects.filter(kind="linkage.link_region", status=Job.Status.DONE).count() == 1
    assert SourceRecord.objects.exclude(status="rejected").count() == 2
    linked = set(PersonRecord.objects.values_list("record_id", flat=True))
    assert set(SourceRecord.objects.exclude(status="rejected").values_list("id", flat=True)) == linked


def test_the_same_file_again_says_so_on_the_page_the_browser_is_sent_on_to(client, personas):
    data = messy_list(GOOD)
    job_run(job_id=queued_job(personas, data).pk)
    again = queued_job(personas, data)
    job_run(job_id=again.pk)
    client.force_login(personas.operator)
    polled = client.get(reverse("jobs:status", args=[again.pk]), headers={"HX-Request": "true"})
    landing = client.get(polled["HX-Redirect"]).text
    assert "sudah pernah diunggah" in landing and Submission.objects.count() == 1
