import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jaring.accounts.models import AuditEvent
from jaring.linkage.models import MatchPair
from jaring.linkage.services import link_region, person_split, review_decide
from jaring.persons.models import Person
from jaring.registry.models import SourceRecord
from tests.linkage.test_link_region import send
from tests.people import person_id_of, person_of

pytestmark = pytest.mark.django_db

AHMAD = ["3573011508900001", "Ahmad Fauzi", "15-08-1990", "L", "Sumbersari", "Lowokwaru", None]
# Same name and kelurahan, another birth date and NIK: the model is unsure.
AHMAD_AGAIN = ["3573012208900005", "Ahmad Fauzi", "22-08-1990", "L", "Sumbersari", "Lowokwaru", None]


@pytest.fixture
def unsure_pair(personas):
    send(personas.malang, personas.dinsos, [AHMAD], "dinsos.xlsx")
    send(personas.malang, personas.satpol, [AHMAD_AGAIN], "satpol.xlsx")
    result = link_region(actor=None, region=personas.malang)
    assert result.review_pairs == 1 and result.persons == 2
    return MatchPair.objects.get(decision=MatchPair.Decision.REVIEW)


def test_the_queue_shows_both_rows_and_the_evidence_in_indonesian(client, personas, unsure_pair):
    client.force_login(personas.admin)
    page = client.get(reverse("linkage:review")).text
    assert "1 pasangan menunggu keputusan" in page
    assert "Nama sama (setelah gelar dan ejaan disamakan)" in page
    assert "NIK dan tanggal lahir berbeda" in page
    assert "DINSOS" in page and "SATPOLPP" in page
    # The kelurahan by its name, not its Kemendagri code.
    assert "Sumbersari" in page and "35.73.05." not in page


def test_same_person_merges_the_two_persons_and_is_remembered(client, personas, unsure_pair):
    client.force_login(personas.admin)
    client.post(reverse("linkage:decide", args=[unsure_pair.pk]), {"keputusan": "sama"})
    unsure_pair.refresh_from_db()
    assert unsure_pair.decision == MatchPair.Decision.SAME and unsure_pair.decided_by == personas.admin
    assert Person.objects.count() == 1
    assert len({person_id_of(record) for record in SourceRecord.objects.all()}) == 1
    assert AuditEvent.objects.filter(action="persons.person_merge").exists()
    assert AuditEvent.objects.filter(action="linkage.review_decide", actor=personas.admin).exists()
    # Linking again (with a new row) never asks about this pair again.
    send(
        personas.malang,
        personas.dinsos,
        [["3573014406950004", "Dewi Lestari", "04-06-1995", "P", None, None, None]],
        "b.xlsx",
    )
    link_region(actor=None, region=personas.malang)
    assert not MatchPair.objects.filter(decision=MatchPair.Decision.REVIEW).exists()


def test_different_people_stay_apart_and_a_decided_pair_cannot_be_decided_twice(personas, unsure_pair):
    review_decide(actor=personas.admin, pair=unsure_pair, same=False)
    assert Person.objects.count() == 2
    with pytest.raises(ValidationError):
        review_decide(actor=personas.admin, pair=unsure_pair, same=True)


def test_operators_cannot_review_and_other_regions_cannot_see_the_pair(client, personas, unsure_pair):
    client.force_login(personas.operator)
    assert client.get(reverse("linkage:review")).status_code == 403
    client.force_login(personas.batu_admin)
    assert "Tidak ada pasangan" in client.get(reverse("linkage:review")).text
    assert client.post(reverse("linkage:decide", args=[unsure_pair.pk]), {"keputusan": "sama"}).status_code == 404


def test_a_wrongly_merged_person_can_be_split_and_stays_split(personas, unsure_pair):
    review_decide(actor=personas.admin, pair=unsure_pair, same=True)
    person = Person.objects.get()
    moving = SourceRecord.objects.get(nik="3573012208900005")
    other = person_split(actor=personas.admin, person=person, record_ids=[moving.pk])
    assert person_of(moving) == other and Person.objects.count() == 2
    assert other.birth_date.isoformat() == "1990-08-22"
    assert AuditEvent.objects.filter(action="persons.person_split").exists()
    with pytest.raises(ValidationError):
        person_split(actor=personas.admin, person=other, record_ids=[moving.pk])  # cannot empty a person


def test_a_list_of_people_already_known_is_held_until_an_administrator_releases_it(client, personas):
    rows = [
        ["3573011508900001", "Ahmad Fauzi", "15-08-1990", "L", "Sumbersari", "Lowokwaru", None],
        ["3573012207700003", "Budi Santoso", "22-07-1970", "L", "Tlogomas", "Lowokwaru", None],
        ["3573014406950004", "Dewi Lestari", "04-06-1995", "P", "Merjosari", "Lowokwaru", None],
    ]
    send(personas.malang, personas.dinsos, rows, "2025.xlsx")
    link_region(actor=None, region=personas.malang)
    # Last year's list again, from another OPD, with one new person: 3 of 4 rows repeat known persons.
    again = send(
        personas.malang,
        personas.satpol,
        [*rows, ["3573015203850002", "Siti Aminah", "12-03-1985", "P", "Dinoyo", "Lowokwaru", None]],
        "2026.xlsx",
    )
    result = link_region(actor=None, region=personas.malang)
    again.refresh_from_db()
    assert result.held_submissions == 1 and again.linkage_held and again.linkage_held_share == 0.75
    assert not any(person_id_of(record) for record in again.records.all())

    client.force_login(personas.admin)
    page = client.get(reverse("registry:submission", args=[again.pk])).text
    assert "75% barisnya" in page
    client.post(reverse("linkage:release", args=[again.pk]))
    again.refresh_from_db()
    assert not again.linkage_held and again.linkage_released_by == personas.admin
    result = link_region(actor=None, region=personas.malang)
    assert result.held_submissions == 0 and result.persons == 4
    assert all(person_id_of(record) for record in again.records.all())


def test_linking_from_the_page_runs_as_a_job(client, personas, django_capture_on_commit_callbacks):
    send(personas.malang, personas.dinsos, [AHMAD], "dinsos.xlsx")
    client.force_login(personas.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("linkage:link"))
    followed = client.get(response["Location"])
    assert followed["Location"] == reverse("linkage:review")
    assert Person.objects.count() == 1


def test_persons_can_be_found_shown_and_split_from_the_page(client, personas, unsure_pair):
    review_decide(actor=personas.admin, pair=unsure_pair, same=True)
    person = Person.objects.get()
    client.force_login(personas.admin)
    listing = client.get(reverse("coverage:persons"), {"q": "ahmad"}).text
    assert "AHMAD FAUZI" in listing and "3573********" in listing
    page = client.get(reverse("coverage:person", args=[person.pk])).text
    # No BPJS roster was loaded yet: nobody is "not found at BPJS", only not checked.
    assert "Belum dicek: belum ada daftar peserta BPJS" in page and page.count('name="baris"') == 2
    moving = SourceRecord.objects.get(nik="3573012208900005")
    # A row that is not this person's (a tampered form) is refused by the form, and nothing moves.
    refused = client.post(reverse("linkage:split", args=[person.pk]), {"baris": [moving.pk + 1000]}, follow=True)
    assert "Centang hanya baris orang ini" in refused.text and Person.objects.count() == 1
    response = client.post(reverse("linkage:split", args=[person.pk]), {"baris": [moving.pk]}, follow=True)
    assert "dipindahkan" in response.text and Person.objects.count() == 2
    # The new person has the one row moved: nothing to split off, so no split form.
    assert 'data-testid="split-form"' not in response.text and 'name="baris"' not in response.text
    history = client.get(reverse("coverage:person", args=[person.pk])).text
    assert "Orang digabungkan" in history and "Orang dipisahkan" in history
    assert "persons.person_merge" not in history
    client.force_login(personas.batu_admin)
    assert client.get(reverse("coverage:person", args=[person.pk])).status_code == 404
