"""The billing pages: a BPJS officer uploads, the administrator reconciles, a second one approves and pays;
other roles and regions are refused."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jaring.billing.models import Difference, Invoice, Payment
from jaring.programs.models import FundingSource
from tests.billing.conftest import bill, line
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_upload_reconcile_approve_and_pay_from_the_pages(
    client, personas, program, enrolled, checker, django_capture_on_commit_callbacks
):
    ahmad, siti = enrolled["Ahmad Fauzi"], enrolled["Siti Aminah"]
    data = bill([line(ahmad, "10000000001"), line(siti, "10000000002", jkk=20_000)])
    login(client, personas.bpjs)
    with django_capture_on_commit_callbacks(execute=True):
        job = client.post(
            "/tagihan/unggah/", {"program": program.pk, "berkas": SimpleUploadedFile("tagihan-jan.xlsx", data)}
        )
    assert job.status_code == 302
    invoice = Invoice.objects.get()
    page = client.get(f"/tagihan/{invoice.pk}/").content.decode()
    assert "SG-3573-0001" in page and "Reconcile" not in page  # the officer uploads; the treasurer reconciles

    login(client, personas.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/tagihan/{invoice.pk}/rekonsiliasi/")
    page = client.get(f"/tagihan/{invoice.pk}/").content.decode()
    assert 'data-class="amount_differs"' in page and "3573••••" not in page
    assert "orang lain" in page or "another person" in page  # the maker cannot approve
    refused = client.post(f"/tagihan/{invoice.pk}/setujui/", {"diperiksa": "on"}, follow=True).content.decode()
    assert "pembuat–pemeriksa" in refused
    siti_line = Difference.objects.get(nik=siti.nik)
    client.post(f"/tagihan/selisih/{siti_line.pk}/", {"alasan": "diterima", "semua_bulan": "on", "keputusan": "terima"})
    assert Difference.objects.get(pk=siti_line.pk).resolved == "diterima"

    login(client, checker)
    unticked = client.post(f"/tagihan/{invoice.pk}/setujui/", {}, follow=True).content.decode()
    assert "Centang" in unticked or "Tick" in unticked
    client.post(f"/tagihan/{invoice.pk}/setujui/", {"diperiksa": "on"})
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.APPROVED
    dbhcht = FundingSource.objects.filter(program=program).order_by("id").first()
    too_much = client.post(
        f"/tagihan/{invoice.pk}/bayar/",
        {"dana": dbhcht.pk, "jumlah": "100.000", "tanggal": dt.date.today().isoformat()},
        follow=True,
    ).content.decode()
    assert "Rp43.600" in too_much and Payment.objects.count() == 0
    client.post(
        f"/tagihan/{invoice.pk}/bayar/",
        {"dana": dbhcht.pk, "jumlah": "43.600", "tanggal": dt.date.today().isoformat(), "sp2d": "SP2D/7"},
    )
    assert Payment.objects.get().amount == 43_600
    corrections = client.get(f"/tagihan/{invoice.pk}/koreksi.xlsx")
    assert corrections.status_code == 200 and corrections.content[:2] == b"PK"
    realisation = client.get("/tagihan/realisasi/").content.decode()
    assert "Rp43.600" in realisation
    assert client.get("/tagihan/realisasi/?unduh=xlsx").content[:2] == b"PK"


def test_other_roles_and_regions_are_refused(client, personas, program, enrolled):
    invoice = Invoice.objects.create(
        program=program, period=dt.date(2027, 1, 1), file_name="x.xlsx", sha256="0" * 64, counts={}
    )
    login(client, personas.operator)
    assert client.get("/tagihan/").status_code == 403
    assert client.get(f"/tagihan/{invoice.pk}/").status_code == 403
    login(client, personas.batu_admin)
    assert client.get(f"/tagihan/{invoice.pk}/").status_code == 404
    assert client.post(f"/tagihan/{invoice.pk}/rekonsiliasi/").status_code == 404
    login(client, personas.bpjs)
    assert client.post(f"/tagihan/{invoice.pk}/rekonsiliasi/").status_code == 403
    login(client, personas.viewer)
    assert client.get("/tagihan/kelangsungan/").status_code == 200


def test_the_continuity_page_lists_who_lapses(client, personas, program, enrolled):
    login(client, personas.admin)
    page = client.get("/tagihan/kelangsungan/?mulai=2028-06").content.decode()
    assert 'data-testid="continuity-total"' in page and "5" in page
    assert page.count('data-label="NIK"') == 5
    assert client.get("/tagihan/kelangsungan/?mulai=2028-06&unduh=xlsx").content[:2] == b"PK"
    nobody = client.get("/tagihan/kelangsungan/?mulai=2028-02").content.decode()
    assert nobody.count('data-label="NIK"') == 0
