"""Membership follows the worker: a merge brings the enrolments along (and shows a double enrolment),
an exit or a death recorded on the person's page ends the months."""

import datetime as dt

import polars as pl
import pytest

from jaring.billing.selectors import (
    continuity_risks,
    cover_ending_next_month,
    fund_realisation,
    member_months_frame,
    members_active_on,
)
from jaring.core.billing import double_enrolments
from jaring.persons.services import person_merge
from jaring.programs.models import Enrolment
from tests.billing.load import running_program
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_a_merge_moves_the_enrolments_and_the_double_enrolment_shows(client, personas, program, enrolled):
    ahmad, siti = enrolled["Ahmad Fauzi"], enrolled["Siti Aminah"]
    kept = person_merge(actor=personas.admin, region=personas.malang, person_ids=(ahmad.pk, siti.pk))
    gone = siti.pk if kept.pk == ahmad.pk else ahmad.pk
    moved = Enrolment.objects.filter(program=program, person_id=kept.pk)
    assert moved.count() == 2 and moved.filter(merged_from=gone).count() == 1
    doubles = double_enrolments(member_months_frame(region=personas.malang))
    assert doubles.get_column("person_id").unique().to_list() == [kept.pk] and doubles.height == 12
    page = login(client, personas.admin).get(f"/orang/{kept.pk}/").content.decode()
    assert 'data-testid="merged-enrolment"' in page


def test_an_exit_and_a_death_on_the_person_page_end_the_months(client, personas, program, enrolled):
    budi, dewi = enrolled["Budi Santoso"], enrolled["Dewi Lestari"]
    login(client, personas.admin)
    enrolment = Enrolment.objects.get(program=program, person_id=budi.pk)
    outside = client.post(
        f"/pendaftaran/peserta/{enrolment.pk}/keluar/", {"bulan": "2028-02", "alasan": "pindah kota"}, follow=True
    )
    assert "within the cover" in outside.content.decode() or "dalam masa" in outside.content.decode()
    client.post(f"/pendaftaran/peserta/{enrolment.pk}/keluar/", {"bulan": "2027-03", "alasan": "pindah ke Surabaya"})
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.end_month) == (Enrolment.Status.ENDED, dt.date(2027, 3, 1))

    future = client.post(
        f"/orang/{dewi.pk}/meninggal/", {"tanggal": "2030-01-01", "keterangan": "surat kelurahan"}, follow=True
    )
    assert "2030" in future.content.decode()
    client.post(f"/orang/{dewi.pk}/meninggal/", {"tanggal": "2026-11-30", "keterangan": "surat kematian kelurahan"})
    ledger = member_months_frame(region=personas.malang)
    months = dict(ledger.group_by("person_id").agg(pl.len()).iter_rows())
    in_april = set(members_active_on(region=personas.malang, day=dt.date(2027, 4, 15)).get_column("person_id"))
    assert budi.pk not in in_april and len(in_april) == 3  # Ahmad, Siti and Joko
    ending = cover_ending_next_month(region=personas.malang, today=dt.date(2027, 2, 10))
    assert ending.get_column("person_id").to_list() == [budi.pk]  # his last month is March
    assert months[budi.pk] == 3  # January to March 2027
    assert dewi.pk not in months  # died before her cover began
    # The death ends Dewi's enrolment; the money committed for the APBD fund is Budi's three months,
    # nothing for Dewi, and Joko's twelve.
    assert Enrolment.objects.get(program=program, person_id=dewi.pk).status == Enrolment.Status.ENDED
    apbd = next(row for row in fund_realisation(program=program) if row["source"].kind == "apbd")
    assert apbd["money"].committed == 201_600 * 3 // 12 + 0 + 201_600
    # Nobody who died is listed as about to lapse.
    lapsing = set(
        continuity_risks(region=personas.malang, today=dt.date(2027, 11, 15), next_cover=dt.date(2028, 6, 1))
        .get_column("person_id")
        .to_list()
    )
    assert dewi.pk not in lapsing and budi.pk not in lapsing and len(lapsing) == 3  # Budi lapsed by then
    budi_page = client.get(f"/orang/{budi.pk}/").content.decode()
    assert 'data-testid="membership"' in budi_page and "01-2027" in budi_page and "03-2027" in budi_page
    page = client.get(f"/orang/{dewi.pk}/").content.decode()
    assert 'data-testid="deceased"' in page and "surat kematian kelurahan" in page
    login(client, personas.operator)
    assert (
        client.post(f"/orang/{dewi.pk}/meninggal/", {"tanggal": "2026-11-30", "keterangan": "x" * 6}).status_code == 403
    )


def test_the_person_page_says_a_program_covers_them_this_month(client, personas, workers):
    this_month = dt.date.today().replace(day=1)
    program, source = running_program(personas.malang, name="Linmas", start=this_month, months=3)
    ahmad = workers["AHMAD FAUZI"]
    Enrolment.objects.create(
        program=program,
        person_id=ahmad.pk,
        source=source,
        cost=50_400,
        cover_start=this_month,
        cover_months=3,
        status=Enrolment.Status.ACTIVE,
        kpj="10000000001",
        nik=ahmad.nik,
    )
    page = login(client, personas.admin).get(f"/orang/{ahmad.pk}/").content.decode()
    assert 'data-testid="covered-now"' in page and "Linmas" in page and "10000000001" in page
    other = client.get(f"/orang/{workers['BUDI SANTOSO'].pk}/").content.decode()
    assert 'data-testid="covered-now"' not in other
