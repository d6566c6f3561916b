import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from jaring.registry.models import SourceRecord, Submission
from tests.files import xlsx_bytes
from tests.registry.test_import import BAD, FLAGGED, GOOD, messy_list

pytestmark = pytest.mark.django_db


def test_an_operator_uploads_and_sees_counts_and_problems(client, personas, upload):
    client.force_login(personas.operator)
    response = upload(client, messy_list(GOOD, FLAGGED, BAD))
    submission = Submission.objects.get()
    assert response.redirect_chain[-1][0] == reverse("registry:submission", args=[submission.pk])
    assert submission.opd == personas.dinsos and submission.uploaded_by == personas.operator
    page = response.text
    assert 'data-testid="count-rows">3<' in page and 'data-testid="count-rejected">1<' in page
    assert "NIK harus 16 digit" in page and "NIK tidak 16 digit" in page
    assert "3573********0001" in page and "3573015508900001" not in page  # NIKs are masked in lists


def test_an_admin_chooses_the_sending_opd(client, personas, upload):
    client.force_login(personas.admin)
    upload(client, messy_list(GOOD), opd=personas.satpol.pk)
    assert Submission.objects.get().opd == personas.satpol


def test_an_admin_cannot_upload_for_another_regions_opd(client, personas, upload):
    client.force_login(personas.admin)
    response = upload(client, messy_list(GOOD), opd=personas.batu_dinsos.pk)
    assert response.status_code == 404 and not Submission.objects.exists()


def test_a_refused_file_is_explained_and_nothing_is_stored(client, personas, upload):
    client.force_login(personas.operator)
    response = upload(client, b"No,NIK\r\n1,2\r\n", name="palsu.xlsx")
    assert "bukan lembar kerja" in response.text and not Submission.objects.exists()


def test_the_problems_file_has_the_senders_columns_problems_and_escaped_cells(client, personas, upload):
    client.force_login(personas.operator)
    injected = [*BAD[:2], '@HYPERLINK("http://jahat")', *BAD[3:]]
    upload(client, messy_list(GOOD, FLAGGED, injected))
    submission = Submission.objects.get()
    response = client.get(reverse("registry:problems", args=[submission.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="perbaikan-linmas.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "ID Jaring",
        "Lembar asal",
        "Baris asal",
        "No",
        "NIK",
        "Nama Lengkap",
        "Tgl Lahir",
        "JK",
        "Alamat",
        "Kelurahan",
        "Kecamatan",
        "No HP",
        "Pekerjaan",
        "Status Jaring",
        "Masalah menurut Jaring",
    )
    assert len(rows) == 3  # the flagged and the rejected row
    flagged, rejected = rows[1], rows[2]
    assert flagged[4] == "3573015508900001" and "berbeda dengan tanggal di NIK" in flagged[-1]
    assert rejected[5] == '\'@HYPERLINK("http://jahat")'
    assert all(cell.data_type == "s" for cell in sheet[3])  # text cells, never formulas


def test_the_fixed_problems_file_updates_the_rows_and_the_counts(client, personas, upload):
    client.force_login(personas.operator)
    upload(client, messy_list(GOOD, FLAGGED, BAD))
    first = Submission.objects.get()
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(reverse("registry:problems", args=[first.pk])).content))
    sheet = workbook.active
    for row in sheet.iter_rows(min_row=2):
        if row[2].value == "6":  # Budi: no usable NIK, so only the ID Jaring column can find his row
            row[4].value, row[6].value = "3573011502900003", "15-02-1990"
            row[9].value, row[10].value, row[11].value, row[12].value = "Dinoyo", "Lowokwaru", "081298765432", "Ojol"
        else:
            row[6].value = "15-08-1990"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(client, buffer.getvalue(), name="perbaikan-linmas.xlsx")
    second = Submission.objects.exclude(pk=first.pk).get()
    assert second.counts["updated"] == 2 and SourceRecord.objects.count() == 3
    first.refresh_from_db()
    assert (first.counts["accepted"], first.counts["warnings"], first.counts["rejected"]) == (3, 0, 0)
    assert "2 baris memperbaiki baris sebelumnya" in response.text


def test_other_opds_submissions_are_not_found(client, personas, upload):
    client.force_login(personas.operator)
    upload(client, messy_list(GOOD))
    submission = Submission.objects.get()
    client.force_login(personas.other_operator)
    assert client.get(reverse("registry:submission", args=[submission.pk])).status_code == 404
    assert client.get(reverse("registry:problems", args=[submission.pk])).status_code == 404
    client.force_login(personas.batu_admin)
    assert client.get(reverse("registry:submission", args=[submission.pk])).status_code == 404


def test_roles_without_the_capability_are_refused(client, personas):
    client.force_login(personas.bpjs)
    assert client.get(reverse("registry:submissions")).status_code == 403


def test_the_web_export_holds_only_rows_in_scope_and_defuses_formulas(client, personas, upload):
    client.force_login(personas.operator)
    upload(client, messy_list(GOOD, [*BAD[:2], "@SUM(1)", *BAD[3:]]))
    client.force_login(personas.other_operator)
    upload(client, messy_list(FLAGGED), name="satpol.xlsx")
    client.force_login(personas.operator)
    response = client.get(reverse("persons:export_records"))
    assert response.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    lines = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Disposition"] == 'attachment; filename="baris-sumber.csv"'
    assert [line["file"] for line in lines] == ["linmas.xlsx", "linmas.xlsx"]
    assert lines[1]["name"] == "'@SUM(1)"


def test_an_administrator_teaches_the_catalogue_a_word_the_next_import_uses(client, personas, upload):
    client.force_login(personas.admin)
    response = client.post(
        reverse("registry:occupations"), {"kategori": "satpam_lingkungan", "sinonim": "Penjaga  Sekolah"}, follow=True
    )
    assert 'data-testid="own-satpam_lingkungan">penjaga sekolah<' in response.text
    header = ["NIK", "Nama", "Pekerjaan"]
    upload(
        client,
        xlsx_bytes({"Data": [header, ["3573011508900001", "Ahmad", "Penjaga Sekolah SDN 3"]]}),
        opd=personas.dinsos.pk,
    )
    record = SourceRecord.objects.get()
    assert record.occupation == "satpam_lingkungan" and "occupation.unknown" not in record.issue_codes


def test_only_administrators_extend_the_catalogue_and_bad_words_are_explained(client, personas):
    client.force_login(personas.operator)
    assert client.get(reverse("registry:occupations")).status_code == 200
    assert client.post(reverse("registry:occupations"), {"kategori": "linmas", "sinonim": "jaga"}).status_code == 403
    client.force_login(personas.admin)
    response = client.post(reverse("registry:occupations"), {"kategori": "lainnya", "sinonim": "apa saja"}, follow=True)
    assert "Pilih kategori pekerjaan dari katalog." in response.text
    client.post(reverse("registry:occupations"), {"kategori": "linmas", "sinonim": "jaga malam"})
    response = client.post(
        reverse("registry:occupations"), {"kategori": "marbot", "sinonim": "Jaga Malam"}, follow=True
    )
    assert "sudah ada" in response.text
