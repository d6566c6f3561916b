"""The BPJS officer's home: upload the roster on a page (a job), see snapshots with counts, download the unmatched."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jaring.bpjs.models import RosterSnapshot
from jaring.bpjs.services import roster_import
from jaring.jobs.models import Job
from jaring.persons.models import Person
from tests.bpjs.test_roster import roster_file

pytestmark = pytest.mark.django_db


def _upload(client, capture, data: bytes, **extra):
    with capture(execute=True):
        response = client.post(reverse("roster:upload"), {"berkas": SimpleUploadedFile("peserta.xlsx", data), **extra})
    return client.get(response["Location"], follow=True)


def test_the_officer_uploads_a_roster_and_reads_its_counts(
    client, personas, persons, django_capture_on_commit_callbacks
):
    client.force_login(personas.bpjs)
    home = client.get(reverse("home")).text
    # Every area of the officer's is built: rosters, the bills the branch sends, claims.
    assert reverse("roster:snapshots") in home and reverse("claims:list") in home and "Segera hadir" not in home
    assert reverse("billing:invoices") in home
    response = _upload(client, django_capture_on_commit_callbacks, roster_file(), posisi="2026-11-01")
    snapshot = RosterSnapshot.objects.get()
    assert Job.objects.get().status == Job.Status.DONE
    assert response.redirect_chain[-1][0] == reverse("roster:snapshot", args=[snapshot.pk])
    assert snapshot.as_of.isoformat() == "2026-11-01" and snapshot.uploaded_by == personas.bpjs
    page = response.text
    assert 'data-testid="count-matched">3<' in page and 'data-testid="count-unmatched">1<' in page
    assert "DEWI LESTARI" in page and "3573014406950004" not in page  # masked on the page

    listing = client.get(reverse("roster:snapshots")).text
    assert "01-11-2026" in listing and "peserta.xlsx" in listing
    download = client.get(reverse("roster:snapshot", args=[snapshot.pk]), {"unduh": "csv"})
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[1][2] == "3573014406950004" and len(rows) == 2  # the whole NIK, for BPJS's follow-up
    assert rows[1][6] == "Aktif di BPJS"  # the status in words, as on the page


def test_the_officer_reads_persons_but_cannot_split_them(client, personas, persons):
    client.force_login(personas.bpjs)
    listing = client.get(reverse("coverage:persons")).text
    assert "AHMAD FAUZI" in listing and "Hanya baca" in listing
    person = persons["AHMAD FAUZI"]
    page = client.get(reverse("coverage:person", args=[person.pk])).text
    assert 'name="baris"' not in page
    assert client.post(reverse("linkage:split", args=[person.pk]), {"baris": [1]}).status_code == 403
    # The person page itself takes no writes: they go to the app that owns them.
    assert client.post(reverse("coverage:person", args=[person.pk]), {"baris": [1]}).status_code == 405


def test_a_bad_position_date_and_other_regions_are_refused(client, personas, persons):
    client.force_login(personas.bpjs)
    response = client.post(
        reverse("roster:upload"), {"berkas": SimpleUploadedFile("p.xlsx", roster_file()), "posisi": "kemarin"}
    )
    assert response.status_code == 302 and not Job.objects.exists()
    client.force_login(personas.operator)
    assert client.get(reverse("roster:snapshots")).status_code == 403


def test_a_person_reads_not_found_at_bpjs_only_once_a_roster_was_loaded(client, personas, persons):
    client.force_login(personas.admin)
    newcomer = Person.objects.create(region=personas.malang, nik="3573014107000009", name="SRI UTAMI")
    page = client.get(reverse("coverage:person", args=[newcomer.pk])).text
    assert "Belum dicek: belum ada daftar peserta BPJS" in page
    roster_import(actor=None, region=personas.malang, file_name="p.xlsx", data=roster_file())
    page = client.get(reverse("coverage:person", args=[newcomer.pk])).text
    assert "Tidak ditemukan di BPJS" in page and "Belum dicek" not in page
