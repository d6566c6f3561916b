"""The administrator's pages for a program, and the enrolment pages shared with BPJS's officer."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jaring.programs.models import Enrolment, Program
from tests.conftest import PASSWORD
from tests.files import xlsx_bytes

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_an_administrator_runs_a_program_from_the_pages(client, personas, workers, django_capture_on_commit_callbacks):
    login(client, personas.admin)
    response = client.post(
        "/program/baru/",
        {"nama": "Pekerja rentan 2027", "tahun": "2027", "mulai": "2027-01", "bulan": "12", "paket": "jkk_jkm",
         "jenis": "yearly"},
    )  # fmt: skip
    program = Program.objects.get()
    assert response.url == f"/program/{program.pk}/"
    client.post(f"/program/{program.pk}/dana/", {"dana": "apbd", "jumlah": "Rp1.008.000", "dasar_hukum": "Perwal 1"})
    bad = client.post(f"/program/{program.pk}/dana/", {"dana": "apbd", "jumlah": "1000,5"}, follow=True)
    assert "bukan rupiah bulat" in bad.content.decode()
    # Previewing is a job too: its page sends the browser back to the program, which shows the preview.
    with django_capture_on_commit_callbacks(execute=True):
        previewing = client.post(f"/program/{program.pk}/pratinjau/")
    assert previewing.url.startswith("/pekerjaan/"), previewing.url
    page = client.get(previewing.url, follow=True).content.decode()
    assert "usia di atas 65 tahun pada 1 Januari 2027" in page and "Pratinjau" in page
    # Saving the eligibility is a job: its page sends the browser back to the program with the outcome.
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(f"/program/{program.pk}/kelayakan/")
    assert started.url.startswith("/pekerjaan/"), started.url
    back = client.get(started.url, follow=True)
    assert back.redirect_chain[-1][0] == f"/program/{program.pk}/"
    assert "Kelayakan disimpan: 6 dari 8 orang layak." in back.content.decode()
    client.post(f"/program/{program.pk}/pilih/")
    assert Program.objects.get().selection_summary["selected"] == 5  # Rp1,008,000 / Rp201,600
    waiting = client.get(f"/program/{program.pk}/orang/?daftar=tunggu").content.decode()
    assert "dana APBD habis pada peringkat 6" in waiting
    client.cookies["django_language"] = "en"  # the language switch: the reason follows
    assert "APBD money ran out at rank 6" in client.get(f"/program/{program.pk}/orang/?daftar=tunggu").content.decode()
    client.cookies["django_language"] = "id"
    excluded = client.get(f"/program/{program.pk}/orang/?daftar=tidak-layak").content.decode()
    assert "usia 67 tahun pada 1 Januari 2027, batas 65" in excluded and "3573********0005" in excluded
    download = client.get(f"/program/{program.pk}/orang/?daftar=tidak-layak&unduh=csv")
    assert "3573010101600005" in download.content.decode("utf-8-sig")
    plan = client.get(f"/program/{program.pk}/?anggaran=5.202.892.800").content.decode()
    assert "25.808" in plan

    client.post(f"/program/{program.pk}/setujui/", {"yakin": "1"})
    assert Enrolment.objects.count() == 5
    client.post(f"/pendaftaran/program/{program.pk}/batch-baru/")
    batch = program.batches.get()
    assert client.get(f"/pendaftaran/{batch.pk}/berkas/").status_code == 200
    niks = list(Enrolment.objects.values_list("nik", flat=True))

    # BPJS's officer uploads the response.
    client.logout()
    login(client, personas.bpjs)
    answer = xlsx_bytes(
        {"Hasil": [["NIK", "KPJ", "Status"], *[[nik, f"2601234560{i}", "Diterima"] for i, nik in enumerate(niks)]]}
    )
    page = client.post(
        f"/pendaftaran/{batch.pk}/jawaban/", {"berkas": SimpleUploadedFile("jawaban.xlsx", answer)}, follow=True
    ).content.decode()
    assert "5 diterima" in page
    assert Enrolment.objects.filter(status="active").count() == 5
    assert client.get(f"/program/{program.pk}/").status_code == 403  # programs are the administrator's


def test_another_regions_program_is_not_found(client, personas, program):
    login(client, personas.batu_admin)
    assert client.get(f"/program/{program.pk}/").status_code == 404
    assert client.post(f"/program/{program.pk}/pilih/").status_code == 404


def test_a_draft_program_warns_while_possible_duplicates_wait_for_a_decision(client, personas, program):
    from jaring.linkage.models import MatchPair
    from jaring.registry.models import SourceRecord

    left, right = SourceRecord.objects.order_by("id")[:2]
    pair = MatchPair.objects.create(
        region=personas.malang, record_l=left, record_r=right, probability=0.9, decision=MatchPair.Decision.REVIEW
    )
    login(client, personas.admin)
    page = client.get(f"/program/{program.pk}/").content.decode()
    assert 'data-testid="undecided-pairs"' in page
    assert "1 kemungkinan duplikat di wilayah ini masih menunggu keputusan" in page
    pair.decision = MatchPair.Decision.DIFFERENT
    pair.save()
    assert 'data-testid="undecided-pairs"' not in client.get(f"/program/{program.pk}/").content.decode()


def test_an_unknown_list_says_so_and_shows_the_eligible(client, personas, program):
    login(client, personas.admin)
    response = client.get(f"/program/{program.pk}/orang/?daftar=pilihan", follow=True)
    assert response.redirect_chain[-1][0].endswith("?daftar=layak")
    assert "Tidak ada daftar bernama “pilihan”" in response.content.decode()


def test_the_new_program_address_opens_the_form_on_the_list(client, personas):
    login(client, personas.admin)
    response = client.get("/program/baru/", follow=True)
    assert response.redirect_chain[-1][0] == "/program/?baru=1"
    assert "<details open>" in response.content.decode()


def test_a_fund_no_longer_says_it_ran_out_once_a_rejection_frees_money(client, personas, program, workers):
    from jaring.programs.services import (
        batch_create,
        batch_response_import,
        program_approve,
        program_eligibility,
        program_select,
    )

    program_eligibility(actor=None, program=program, save=True)
    program_select(actor=None, program=program)
    program_approve(actor=None, program=program)
    batch_create(actor=None, program=program)
    login(client, personas.admin)
    funds = client.get(f"/program/{program.pk}/").content.decode().split('data-testid="funds"')[1].split("</table>")[0]
    assert "habis pada peringkat 5" in funds  # APBD: Rp100.000 left, less than one worker
    batch = program.batches.get()
    budi = batch.enrolments.get(person=workers["BUDI SANTOSO"])
    response = xlsx_bytes({"Hasil": [["NIK", "KPJ", "Status", "Keterangan"], [budi.nik, "", "Ditolak", "Meninggal"]]})
    batch_response_import(actor=None, batch=batch, file_name="jawaban.xlsx", data=response)
    funds = client.get(f"/program/{program.pk}/").content.decode().split('data-testid="funds"')[1].split("</table>")[0]
    assert "habis pada peringkat" not in funds.split("APBD")[1]
    assert "Rp403.200" in funds  # APBD now holds two workers' cover


def test_the_funding_form_reads_money_exactly_as_the_command_line_does(client, personas, program):
    login(client, personas.admin)
    before = sorted(program.sources.values_list("amount", flat=True))
    refused = client.post(f"/program/{program.pk}/dana/", {"dana": "apbd", "jumlah": "30240000.50"}, follow=True)
    assert "«30240000.50» bukan rupiah bulat: tulis 30240000 atau 30.240.000 (tanpa sen)." in refused.content.decode()
    for ambiguous in ("30,240,000", "3.5e7", "30.24.000"):
        client.post(f"/program/{program.pk}/dana/", {"dana": "apbd", "jumlah": ambiguous})
    assert sorted(program.sources.values_list("amount", flat=True)) == before  # nothing stored, not Rp3.024.000.050
    client.cookies["django_language"] = "en"
    english = client.post(f"/program/{program.pk}/dana/", {"dana": "apbd", "jumlah": "30.240.000,50"}, follow=True)
    assert "“30.240.000,50” is not whole rupiah: write 30240000 or 30.240.000 (no cents)." in english.content.decode()
    client.post(
        f"/program/{program.pk}/dana/", {"dana": "apbd", "jumlah": "Rp 30.240.000,-", "dasar_hukum": "Perwal 2"}
    )
    assert sorted(program.sources.values_list("amount", flat=True)) == sorted([*before, 30_240_000])
