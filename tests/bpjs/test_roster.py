import datetime as dt
import json

import pytest
from django.core.management import call_command

from jaring.bpjs.models import Participation, RosterEntry, RosterSnapshot
from jaring.bpjs.services import roster_import
from jaring.linkage.services import link_region
from jaring.persons.models import Person
from tests.bpjs.conftest import send_lists
from tests.files import xlsx_bytes
from tests.people import bpjs_of

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 11, 1)
ROSTER_HEADER = ["No KPJ", "NIK", "Nama Peserta", "Tgl Lahir", "Segmen", "Status Kepesertaan", "Tgl Akhir Kepesertaan"]


def roster_file() -> bytes:
    return xlsx_bytes(
        {
            "Peserta": [
                ROSTER_HEADER,
                ["12345678901", "3573011508900001", "AHMAD FAUZI", "15-08-1990", "BPU", "Aktif", "31-12-2026"],
                [
                    "12345678902",
                    "3573012207700003",
                    "BUDI SANTOSO",
                    "22-07-1970",
                    "Penerima Upah",
                    "Non Aktif",
                    "31-03-2026",
                ],
                # Siti's NIK mistyped at BPJS (one digit of the kecamatan), name and birth date agree.
                ["12345678903", "3573025203850002", "SITI AMINAH", "12-03-1985", "BPU", "AKTIF", "30-11-2026"],
                ["12345678904", "3573014406950004", "DEWI LESTARI", "04-06-1995", "BPU", "Aktif", "31-12-2026"],
            ]
        }
    )


def test_the_roster_marks_who_bpjs_already_covers(personas, persons):
    result = roster_import(
        actor=personas.bpjs, region=personas.malang, file_name="peserta.xlsx", data=roster_file(), as_of=AS_OF
    )
    assert result.to_dict() == {
        "snapshot_id": result.snapshot.pk,
        "duplicate_of": None,
        "entries": 4,
        "matched": 3,
        "active": 2,
        "inactive": 1,
        "unmatched": 1,
        "already_covered": 2,
    }
    ahmad, budi, siti = (
        Person.objects.get(pk=persons[name].pk) for name in ("AHMAD FAUZI", "BUDI SANTOSO", "SITI AMINAH")
    )
    assert bpjs_of(ahmad) == ("active", "12345678901", "BPU")
    assert bpjs_of(budi)[0::2] == ("inactive", "PU")
    assert bpjs_of(siti)[0] == "active"
    dewi = RosterEntry.objects.get(kpj="12345678904")
    assert dewi.person is None and dewi.covered


def test_a_cover_that_ended_before_the_day_is_not_covered(personas, persons):
    roster_import(
        actor=None, region=personas.malang, file_name="peserta.xlsx", data=roster_file(), as_of=dt.date(2027, 1, 15)
    )
    assert Participation.objects.filter(status="active").count() == 0


def test_the_same_roster_twice_changes_nothing(personas, persons):
    data = roster_file()
    first = roster_import(actor=None, region=personas.malang, file_name="a.xlsx", data=data, as_of=AS_OF)
    again = roster_import(actor=None, region=personas.malang, file_name="b.xlsx", data=data, as_of=AS_OF)
    assert again.duplicate_of == first.snapshot and RosterSnapshot.objects.count() == 1


def test_cli_roster_import_json_and_link_reports_covered(personas, persons, tmp_path, capsys):
    path = tmp_path / "peserta.xlsx"
    path.write_bytes(roster_file())
    call_command("roster", "import", str(path), "--as-of", "2026-11-01", "--region", "35.73", "--json")
    assert json.loads(capsys.readouterr().out)["already_covered"] == 2
    call_command("link", "--region", "35.73", "--json")
    assert json.loads(capsys.readouterr().out)["already_covered"] == 2


def _covered() -> dict[str, tuple]:
    return {person.name: bpjs_of(person) for person in Person.objects.all() if bpjs_of(person)[0] != "none"}


@pytest.mark.parametrize("roster_first", [True, False], ids=["roster-before-link", "roster-after-link"])
def test_the_same_persons_are_covered_whatever_the_order_of_lists_roster_and_link(personas, roster_first):
    send_lists(personas)
    if roster_first:
        early = roster_import(actor=None, region=personas.malang, file_name="p.xlsx", data=roster_file(), as_of=AS_OF)
        assert early.to_dict()["matched"] == 0  # nobody is linked yet: the entries wait
        result = link_region(actor=None, region=personas.malang)
    else:
        link_region(actor=None, region=personas.malang)
        roster_import(actor=None, region=personas.malang, file_name="p.xlsx", data=roster_file(), as_of=AS_OF)
        result = link_region(actor=None, region=personas.malang)
    assert _covered() == {
        "AHMAD FAUZI": ("active", "12345678901", "BPU"),
        "BUDI SANTOSO": ("inactive", "12345678902", "PU"),
        "SITI AMINAH": ("active", "12345678903", "BPU"),
    }
    assert result.already_covered == 2
    snapshot = RosterSnapshot.objects.get()
    assert (snapshot.counts["matched"], snapshot.counts["unmatched"], snapshot.counts["active"]) == (3, 1, 2)


def test_the_same_roster_again_after_linking_matches_the_persons_it_could_not_before(personas, monkeypatch):
    from jaring.linkage.services import linking

    send_lists(personas)
    data = roster_file()
    first = roster_import(actor=None, region=personas.malang, file_name="p.xlsx", data=data, as_of=AS_OF)
    assert first.to_dict()["matched"] == 0
    # A link run that did not apply the roster (as before this was fixed): the same file again applies it.
    monkeypatch.setattr(linking, "roster_match_latest", lambda *, region, person_ids: None)
    link_region(actor=None, region=personas.malang)
    again = roster_import(actor=None, region=personas.malang, file_name="p.xlsx", data=data, as_of=AS_OF)
    assert again.duplicate_of == first.snapshot and again.to_dict()["matched"] == 3
    assert again.to_dict()["already_covered"] == 2


def test_a_worker_whose_only_row_carries_excels_copy_of_her_nik_is_found_on_the_roster(personas):
    # Her only row: the NIK as Excel rounded it (…0428 → …0430) and her name mistyped; BPJS has it right.
    from tests.linkage.test_link_region import send

    send(
        personas.malang,
        personas.dinsos,
        [
            ["3573015708820430", "Siti Aainah", "17-08-1982", "P", "Sumbersari", "Lowokwaru", None],
            ["3573011508900001", "Ahmad Fauzi", "15-08-1990", "L", "Sumbersari", "Lowokwaru", None],
        ],
        "dinsos.xlsx",
    )
    link_region(actor=None, region=personas.malang)
    roster = xlsx_bytes(
        {
            "Peserta": [
                ROSTER_HEADER,
                ["12345678905", "3573015708820428", "SITI AMINAH", "17-08-1982", "BPU", "AKTIF", "31-12-2026"],
            ]
        }
    )
    result = roster_import(actor=personas.bpjs, region=personas.malang, file_name="p.xlsx", data=roster, as_of=AS_OF)
    assert result.to_dict()["matched"] == 1
    siti = Person.objects.get(name="SITI AAINAH")
    assert bpjs_of(siti) == ("active", "12345678905", "BPU")
    assert RosterEntry.objects.get(kpj="12345678905").person_id == siti.pk
