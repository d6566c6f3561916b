"""The registry pages' forms: bad input is said in Indonesian and stores nothing."""

import pytest
from django.urls import reverse

from jaring.jobs.models import Job
from jaring.jobs.services import job_run
from jaring.lib.pages import valid_data
from jaring.registry.forms import ColumnsForm, SameFileForm, SynonymForm
from jaring.registry.models import OccupationSynonym, Submission
from tests.files import xlsx_bytes
from tests.forms import post, refusal
from tests.jobs.test_jobs import queued_job
from tests.registry.test_import import FLAGGED, GOOD, messy_list

pytestmark = pytest.mark.django_db


def test_the_forms_read_what_the_pages_post():
    assert valid_data(SynonymForm(post({"kategori": "linmas", "sinonim": " jaga malam "}))) == {
        "kategori": "linmas",
        "sinonim": "jaga malam",
    }
    store = SameFileForm(post({"keputusan": "simpan"}))
    valid_data(store)
    assert store.store
    cancel = SameFileForm(post({"keputusan": "batal"}))
    valid_data(cancel)
    assert not cancel.store
    columns = ColumnsForm(post({"kolom:Data:c0": "nik", "kolom:Lembar 2:c1": "", "csrfmiddlewaretoken": "x"}))
    assert valid_data(columns)["choices"] == {"Data": {"c0": "nik"}, "Lembar 2": {"c1": ""}}
    assert valid_data(ColumnsForm(post({"kolom:Data:c:2": "name"})))["choices"] == {"Data": {"c:2": "name"}}


def test_an_unknown_decision_or_column_key_is_refused():
    assert refusal(SameFileForm(post({}))) == "Pilih tetap simpan berkas ini atau batalkan."
    assert refusal(SameFileForm(post({"keputusan": "hapus"}))) == "Pilih tetap simpan berkas ini atau batalkan."
    assert refusal(ColumnsForm(post({"kolom:Data": "nik"}))) == "Pilihan kolom tidak dikenal."


def test_an_upload_without_a_file_or_an_opd_is_refused(client, personas, upload):
    client.force_login(personas.operator)
    response = client.post(reverse("registry:upload"), {}, follow=True)
    assert "Pilih berkas dan OPD pengirimnya." in response.text
    client.force_login(personas.admin)
    response = upload(client, messy_list(GOOD))  # no OPD chosen
    assert "Pilih berkas dan OPD pengirimnya." in response.text
    response = upload(client, messy_list(GOOD), opd="dinsos")
    assert "Pilih berkas dan OPD pengirimnya." in response.text
    personas.satpol.is_active = False
    personas.satpol.save()
    response = upload(client, messy_list(GOOD), opd=personas.satpol.pk)
    assert f"OPD {personas.satpol.code} sudah dinonaktifkan dan tidak menerima daftar baru." in response.text
    assert not Job.objects.exists() and not Submission.objects.exists()


def test_an_empty_word_or_an_unknown_category_adds_no_synonym(client, personas):
    client.force_login(personas.admin)
    url = reverse("registry:occupations")
    response = client.post(url, {"kategori": "linmas", "sinonim": "  "}, follow=True)
    assert "Sinonim terlalu pendek; tulis minimal 3 huruf." in response.text
    response = client.post(url, {"kategori": "juru_sihir", "sinonim": "dukun"}, follow=True)
    assert "Pilih kategori pekerjaan dari katalog." in response.text
    response = client.post(url, {"sinonim": "dukun"}, follow=True)
    assert "Pilih kategori pekerjaan dari katalog." in response.text
    assert not OccupationSynonym.objects.exists()


def test_an_unknown_same_file_decision_neither_stores_nor_cancels(client, personas, upload):
    data = messy_list(GOOD, FLAGGED)
    client.force_login(personas.operator)
    upload(client, data, name="linmas.xlsx")
    client.force_login(personas.other_operator)
    upload(client, data, name="linmas-satpol.xlsx")
    job = Job.objects.get(title="linmas-satpol.xlsx")
    url = reverse("registry:same_file", args=[job.pk])
    for sent in ({}, {"keputusan": "hapus"}):
        response = client.post(url, sent, follow=True)
        assert response.redirect_chain[-1][0] == url
        assert "Pilih tetap simpan berkas ini atau batalkan." in response.text
    job.refresh_from_db()
    assert job.status == Job.Status.WAITING and Submission.objects.count() == 1


def test_a_column_choice_that_is_no_field_or_no_column_is_refused(client, personas):
    rows = [["NIK", "Nama", "Pekerjan"], ["3573011508900001", "Ahmad", "Linmas"]]
    job = queued_job(personas, xlsx_bytes({"Data": rows}))
    job_run(job_id=job.pk)
    client.force_login(personas.operator)
    url = reverse("registry:confirm_columns", args=[job.pk])
    for sent in ({"kolom:Data:c2": "gaji"}, {"kolom:Data:c9": "name"}, {"kolom:Lain:c2": "name"}, {"kolom:Data": "x"}):
        response = client.post(url, sent, follow=True)
        assert response.redirect_chain[-1][0] == url
        assert "Pilihan kolom tidak dikenal." in response.text
    job.refresh_from_db()
    assert job.status == Job.Status.WAITING and not Submission.objects.exists()


def test_an_empty_file_goes_to_the_importer_which_explains_it(client, personas, upload):
    client.force_login(personas.operator)
    response = upload(client, b"", name="kosong.xlsx")
    assert "Berkas kosong.xlsx kosong (0 byte)." in response.text and not Submission.objects.exists()
