"""Lists that page and download; failed, held and repeated uploads stay visible; the problems file round trip."""

import csv
import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from jaring.accounts.models import AuditEvent
from jaring.jobs.models import Job
from jaring.registry.models import SourceRecord, Submission
from jaring.registry.services import submissions_hold_for_linkage
from tests.registry.test_import import BAD, FLAGGED, GOOD, import_file, messy_list

pytestmark = pytest.mark.django_db


def _submissions(personas, count: int) -> None:
    Submission.objects.bulk_create(
        Submission(
            region=personas.malang,
            opd=personas.dinsos,
            source="DINSOS",
            file_name=f"daftar-{number:02d}.xlsx",
            sha256=f"{number:064d}",
            size=1,
            status=Submission.Status.DONE,
            counts={"rows": 1234, "accepted": 1200, "warnings": 30, "rejected": 4},
        )
        for number in range(count)
    )


def test_a_long_list_pages_shows_its_total_and_formats_numbers_per_language(client, personas):
    _submissions(personas, 55)
    client.force_login(personas.admin)
    first = client.get(reverse("registry:submissions")).text
    assert "55 data" in first and "halaman 1 dari 2" in first
    assert first.count('data-testid="submission-row"') == 50 and "1.234" in first
    second = client.get(reverse("registry:submissions"), {"halaman": 2}).text
    assert second.count('data-testid="submission-row"') == 5
    client.cookies["django_language"] = "en"
    english = client.get(reverse("registry:submissions")).text
    assert "55 items" in english and "1,234" in english and "page 1 of 2" in english


def test_the_whole_list_downloads_as_csv_and_xlsx(client, personas):
    _submissions(personas, 55)
    client.force_login(personas.admin)
    response = client.get(reverse("registry:submissions"), {"unduh": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Waktu", "Berkas", "Pengirim"] and len(rows) == 56
    response = client.get(reverse("registry:submissions"), {"unduh": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 56 and sheet.cell(2, 4).value == 1234  # numbers stay numbers


def test_an_operator_sees_only_their_opds_lists_and_total(client, personas):
    _submissions(personas, 3)
    client.force_login(personas.other_operator)
    assert "0 data" in client.get(reverse("registry:submissions")).text or "daftar-00" not in (
        client.get(reverse("registry:submissions")).text
    )
    assert "daftar-00" not in client.get(reverse("registry:submissions"), {"unduh": "csv"}).content.decode()


def test_a_failed_upload_stays_with_its_error_and_can_be_retried_or_removed(client, personas, upload):
    client.force_login(personas.operator)
    upload(client, b"\xd0\xcf\x11\xe0 this is no spreadsheet", name="rusak.xls")
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    page = client.get(reverse("registry:submissions")).text
    assert "rusak.xls" in page and job.error_message[:30] in page and 'data-testid="retry"' in page

    client.post(reverse("registry:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status in (Job.Status.QUEUED, Job.Status.FAILED) and job.attempts <= 1
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED)
    client.post(reverse("registry:remove", args=[job.pk]))
    assert not Job.objects.exists()
    assert 'data-testid="attention"' not in client.get(reverse("registry:submissions")).text
    assert set(AuditEvent.objects.filter(action__startswith="registry.import_").values_list("action", flat=True)) == {
        "registry.import_retry",
        "registry.import_remove",
    }
    # Another OPD's operator cannot touch it.
    client.force_login(personas.other_operator)
    assert client.post(reverse("registry:remove", args=[job.pk])).status_code == 404


def test_the_same_file_from_another_opd_asks_before_storing(
    client, personas, upload, django_capture_on_commit_callbacks
):
    data = messy_list(GOOD, FLAGGED)
    client.force_login(personas.operator)
    upload(client, data, name="linmas.xlsx")
    client.force_login(personas.other_operator)
    response = upload(client, data, name="linmas-satpol.xlsx")
    job = Job.objects.get(title="linmas-satpol.xlsx")
    assert job.status == Job.Status.WAITING and Submission.objects.count() == 1
    page = client.get(reverse("registry:same_file", args=[job.pk])).text
    assert "Berkas ini sudah diunggah oleh DINSOS pada" in page
    assert "Berkas ini sudah diunggah oleh DINSOS" in response.text  # the job page says why it waits

    client.post(reverse("registry:same_file", args=[job.pk]), {"keputusan": "batal"})
    assert not Job.objects.filter(pk=job.pk).exists() and Submission.objects.count() == 1

    upload(client, data, name="linmas-satpol.xlsx")
    job = Job.objects.get(title="linmas-satpol.xlsx")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("registry:same_file", args=[job.pk]), {"keputusan": "simpan"})
    assert Submission.objects.filter(opd=personas.satpol).count() == 1


def test_cli_refuses_the_same_file_from_another_opd_unless_told(personas, tmp_path, capsys):
    path = tmp_path / "linmas.xlsx"
    path.write_bytes(messy_list(GOOD))
    call_command("import", str(path), "--source", "DINSOS", "--region", "35.73", "--json")
    capsys.readouterr()
    with pytest.raises(SystemExit):
        call_command("import", str(path), "--source", "SATPOLPP", "--region", "35.73", "--json")
    assert json.loads(capsys.readouterr().out)["error"] == "file.same_elsewhere"
    call_command("import", str(path), "--source", "SATPOLPP", "--region", "35.73", "--same-file-ok", "--json")
    assert Submission.objects.count() == 2


def test_the_problems_file_comes_back_as_a_correction_counted_once(client, personas, upload):
    client.force_login(personas.operator)
    upload(client, messy_list(GOOD, FLAGGED, BAD))
    original = Submission.objects.get()
    response = client.get(reverse("registry:problems", args=[original.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    # Every column is text: a NIK typed later stays sixteen digits.
    assert sheet.column_dimensions["E"].number_format == "@" or sheet["E2"].number_format == "@"
    for row in sheet.iter_rows(min_row=2):
        if row[1].value and row[2].value == "6":
            row[4].value, row[6].value = "3573011502900003", "15-02-1990"
            row[9].value, row[10].value, row[12].value = "Dinoyo", "Lowokwaru", "Ojol"
        else:
            row[6].value = "15-08-1990"
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = upload(client, buffer.getvalue(), name="perbaikan-linmas.xlsx").text

    correction = Submission.objects.exclude(pk=original.pk).get()
    assert correction.corrects == original
    assert correction.counts["rejected"] == 0 and correction.counts["accepted"] == 0  # counted in the original
    assert "tidak dikenali" not in page  # its own columns raise no "unknown column" note
    assert "Berkas ini memperbaiki daftar linmas.xlsx" in page
    original.refresh_from_db()
    assert original.counts["rejected"] == 0 and original.counts["accepted"] + original.counts["warnings"] == 3
    assert SourceRecord.objects.count() == 3
    listing = client.get(reverse("registry:submissions")).text
    assert "Perbaikan linmas.xlsx" in listing


def test_a_held_list_is_marked_and_can_be_refused_keeping_its_rows(client, personas, capsys):
    result = import_file(personas, messy_list(GOOD, FLAGGED))
    submissions_hold_for_linkage(shares={result.submission.pk: 0.92})
    client.force_login(personas.admin)
    listing = client.get(reverse("registry:submissions")).text
    assert 'data-testid="held"' in listing and "Ditahan" in listing
    queue = client.get(reverse("linkage:review")).text
    assert 'data-testid="held-list"' in queue and "Tolak daftar ini" in queue and "Tetap tautkan" in queue

    call_command("submission", "list", "--held", "--region", "35.73", "--json")
    assert [item["id"] for item in json.loads(capsys.readouterr().out)] == [result.submission.pk]
    client.post(reverse("linkage:reject", args=[result.submission.pk]), {"kembali": "antrean"})
    submission = Submission.objects.get()
    assert submission.linkage_rejected and not submission.linkage_held
    assert SourceRecord.objects.filter(submission=submission).count() == 2
    assert AuditEvent.objects.filter(action="registry.submission_reject_linkage").exists()
    with pytest.raises(CommandError, match="tidak sedang ditahan"):
        call_command("submission", "release", str(submission.pk))


def test_an_english_session_sees_no_indonesian_issue_labels_or_codes(client, personas, upload):
    client.force_login(personas.operator)
    upload(client, messy_list(GOOD, FLAGGED, BAD))
    submission = Submission.objects.get()
    client.cookies["django_language"] = "en"
    page = client.get(reverse("registry:submission", args=[submission.pk])).text
    for indonesian in ("NIK tidak 16 digit", "NIK harus 16 digit", "Tanggal lahir", "tidak dikenali", "Pekerjaan"):
        assert indonesian not in page
    for code in ("nik.length", "age.out_of_range", "birth_date.invalid"):
        assert code not in page
    assert "NIK must have 16 digits" in page or "16 digits" in page
    with translation.override("en"):
        response = client.get(reverse("registry:problems", args=[submission.pk]))
    header = [cell.value for cell in openpyxl.load_workbook(io.BytesIO(response.content)).active[1]]
    assert header[-2:] == ["Jaring status", "Problems found by Jaring"]
