"""The claims pages for each role: who records claims works here, leadership reads, an OPD operator may not,
and another region's claim is missing."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jaring.claims.models import Claim, ClaimReport
from jaring.claims.services import claim_add
from jaring.persons.services import death_record
from tests.claims.conftest import claim_report

pytestmark = pytest.mark.django_db
READ_PAGES = ("/klaim/", "/klaim/usulan-jkm/", "/klaim/nilai-manfaat/")
WRITE_PAGES = ("/klaim/baru/", "/klaim/impor/")


@pytest.fixture
def claim(covered_2026):
    return claim_add(
        actor=None, person=covered_2026, program="jkm", event_date=dt.date(2026, 2, 10), amount_paid=42_000_000,
        status=Claim.Status.PAID, claim_number="JKM/2026/7",
    )  # fmt: skip


@pytest.mark.parametrize("role", ["admin", "bpjs"])
def test_who_records_claims_sees_every_page(client, personas, claim, role):
    client.force_login(getattr(personas, role))
    for page in (*READ_PAGES, *WRITE_PAGES, f"/klaim/{claim.pk}/"):
        assert client.get(page).status_code == 200, page
    letter = client.get(f"/klaim/{claim.pk}/surat.pdf")
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF")
    home = client.get("/").content.decode()
    assert 'href="/klaim/"' in home


def test_leadership_reads_but_does_not_record(client, personas, claim):
    client.force_login(personas.viewer)
    for page in (*READ_PAGES, f"/klaim/{claim.pk}/", f"/klaim/{claim.pk}/surat.pdf"):
        assert client.get(page).status_code == 200, page
    for page in WRITE_PAGES:
        assert client.get(page).status_code == 403, page
    assert client.post("/klaim/baru/", {"orang": "#1"}).status_code == 403
    assert "Record a claim" not in client.get("/klaim/").content.decode()


def test_an_opd_operator_gets_no_claims_page(client, personas, claim):
    client.force_login(personas.operator)
    for page in (*READ_PAGES, *WRITE_PAGES, f"/klaim/{claim.pk}/", f"/klaim/{claim.pk}/surat.pdf"):
        assert client.get(page).status_code == 403, page


def test_another_regions_claim_is_missing(client, personas, claim):
    client.force_login(personas.batu_admin)
    assert client.get(f"/klaim/{claim.pk}/").status_code == 404
    assert client.get(f"/klaim/{claim.pk}/surat.pdf").status_code == 404
    assert "WATI" not in client.get("/klaim/").content.decode()
    client.force_login(personas.province_admin)  # the province sees its regencies' claims
    assert client.get(f"/klaim/{claim.pk}/").status_code == 200


def test_a_claim_typed_on_the_page_is_recorded_and_a_slip_comes_back_with_what_was_typed(
    client, personas, covered_2026
):
    client.force_login(personas.admin)
    typed = {"orang": covered_2026.nik, "program": "jkm", "tanggal": "2026-01-20", "nominal": "42.000.000",
             "status": "paid", "nomor": "K-9"}  # fmt: skip
    response = client.post("/klaim/baru/", typed, follow=True)
    claim = Claim.objects.get()
    assert response.redirect_chain[-1][0] == f"/klaim/{claim.pk}/"
    page = response.content.decode()
    # Died in her first month: only the funeral benefit is due, and the page says so.
    assert claim.expected == 10_000_000 and "berbeda dari perhitungan Rp10.000.000" in page
    assert 'data-testid="claim-warning"' in page and "Klaim dicatat." in page
    future = client.post("/klaim/baru/", {**typed, "tanggal": "2099-01-01", "nomor": "K-10"})
    page = future.content.decode()
    assert future.status_code == 200 and "di masa depan" in page and 'value="K-10"' in page
    unknown = client.post("/klaim/baru/", {**typed, "orang": "3573000000000000", "nomor": "K-11"})
    assert "3573000000000000" in unknown.content.decode() and Claim.objects.count() == 1
    bad = client.post("/klaim/baru/", {**typed, "nominal": "42,5", "nomor": "K-12"})
    assert "rupiah" in bad.content.decode() and Claim.objects.count() == 1
    client.cookies["django_language"] = "en"
    english = client.get(f"/klaim/{claim.pk}/").content.decode()
    assert "Died within the first 3 months of membership" in english


def test_a_claim_report_uploaded_on_the_page_shows_what_was_recorded_and_refused(client, personas, covered_2026):
    client.force_login(personas.bpjs)
    data = claim_report(
        [
            [covered_2026.nik, "10000000008", "WATI NINGSIH", "JKM", "10-06-2026", "42.000.000", "DIBAYAR", "K-1"],
            ["3573099999990001", "", "ORANG LAIN", "JKM", "10-06-2026", "42.000.000", "DIBAYAR", "K-2"],
        ]
    )
    upload = SimpleUploadedFile("klaim-juni.xlsx", data)
    response = client.post("/klaim/impor/", {"berkas": upload}, follow=True)
    report = ClaimReport.objects.get()
    assert response.redirect_chain[-1][0] == f"/klaim/impor/{report.pk}/"
    page = response.content.decode()
    assert "Belum ada orang di wilayah ini dengan NIK atau KPJ ini." in page and "ORANG LAIN" in page
    assert Claim.objects.get().claim_number == "K-1"
    again = client.post("/klaim/impor/", {"berkas": SimpleUploadedFile("lagi.xlsx", data)}, follow=True)
    assert "sudah pernah diunggah" in again.content.decode() and ClaimReport.objects.count() == 1
    empty = client.post("/klaim/impor/", {}, follow=True)
    assert "Pilih berkas laporan klaim dari BPJS." in empty.content.decode()


def test_the_list_filters_and_downloads_with_the_whole_nik(client, personas, claim, covered_2026):
    client.force_login(personas.admin)
    page = client.get("/klaim/?program=jkm&status=paid").content.decode()
    assert "3573********0008" in page and covered_2026.nik not in page
    assert "WATI" not in client.get("/klaim/?program=jkk").content.decode()
    download = client.get("/klaim/?program=jkm&unduh=csv").content.decode("utf-8-sig")
    assert covered_2026.nik in download and "42000000" in download
    assert client.get("/klaim/?unduh=xlsx").content[:2] == b"PK"


def test_the_suggestions_and_value_pages(client, personas, covered_2026):
    death_record(actor=None, person=covered_2026, death_date=dt.date(2026, 9, 1), note="surat kematian kelurahan")
    client.force_login(personas.admin)
    page = client.get("/klaim/usulan-jkm/").content.decode()
    assert "WATI NINGSIH" in page and "Rp42.000.000" in page and "/klaim/baru/?orang=%23" in page
    assert covered_2026.nik in client.get("/klaim/usulan-jkm/?unduh=csv").content.decode("utf-8-sig")
    value = client.get("/klaim/nilai-manfaat/?menurut=dana").content.decode()
    assert 'aria-current="page">Dana' in value
    assert client.get("/klaim/nilai-manfaat/?menurut=tahun&unduh=xlsx").content[:2] == b"PK"
    assert client.get("/klaim/nilai-manfaat/?menurut=apa").status_code == 200  # an unknown grouping: by program


def test_a_rejected_claim_has_no_letter(client, personas, covered_2026):
    rejected = claim_add(
        actor=None, person=covered_2026, program="jkm", event_date=dt.date(2026, 2, 10), amount_paid=0,
        status=Claim.Status.REJECTED,
    )  # fmt: skip
    client.force_login(personas.admin)
    assert 'data-testid="claim-letter"' not in client.get(f"/klaim/{rejected.pk}/").content.decode()
    assert client.get(f"/klaim/{rejected.pk}/surat.pdf").status_code == 302
