"""Death lists: every row kept with its outcome, persons marked by NIK (theirs or a row's), never across regions."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from jaring.accounts.models import AuditEvent
from jaring.core.intake.tabular import ReadLimits, read_table_file
from jaring.jobs.models import Job
from jaring.linkage.services import link_region
from jaring.persons.models import Death, DeathList, Person
from jaring.persons.selectors import deceased_frame
from jaring.persons.services import deaths_import, deaths_match, person_merge
from tests.files import csv_bytes, xlsx_bytes
from tests.linkage.test_link_region import send

pytestmark = pytest.mark.django_db
HEADER = ["No", "NIK", "Nama", "Tanggal Meninggal", "Sebab"]


def _siti_other_nik(persons) -> str:
    """The NIK of Siti Aminah's that is not her golden record's (one of her rows holds it)."""
    golden = persons["SITI AMINAH"].nik
    return "3573015203850020" if golden == "3573015203850002" else "3573015203850002"


def _death_list(persons) -> bytes:
    return xlsx_bytes(
        {
            "Kematian": [
                HEADER,
                [1, "3573011508900001", "H. Ahmad Fauzi", dt.date(2026, 3, 4), "sakit"],
                [2, _siti_other_nik(persons), "Siti Aminah", "12-05-2026", None],
                [3, "3573012207700003", "Joko Widodo", "01/06/2026", None],  # Budi's NIK, someone else's name
                [4, "3573014406950004", "Dewi Lestari", "02-06-2026", None],  # nobody in Jaring yet
                [5, "3579011203800001", "Rudi Hartono", "03-06-2026", None],  # a person of Kota Batu
                [6, None, None, "04-06-2026", None],
                [7, "35730115089", "Budi", "05-06-2026", None],
                [8, "3573012512800007", "Joko Susilo", "kemarin", None],
                [9, "3573012512800007", "Joko Susilo", "01-01-2099", None],
            ]
        }
    )


def _outcomes(death_list: DeathList) -> dict[int, tuple[str, str]]:
    return {death.row: (death.outcome, death.reason) for death in death_list.deaths.all()}


def test_a_death_list_marks_persons_by_their_nik_or_a_rows_and_keeps_every_row(personas, persons):
    result = deaths_import(
        actor=personas.admin,
        region=personas.malang,
        file_name="kematian.xlsx",
        data=_death_list(persons),
        source="Dukcapil",
    )
    death_list = result.death_list
    counts = result.to_dict()
    assert (counts["rows"], counts["matched"], counts["check"], counts["unmatched"], counts["refused"]) == (
        9,
        2,
        1,
        2,
        4,
    )
    outcomes = _outcomes(death_list)
    assert outcomes[2][0] == outcomes[3][0] == "matched"  # golden NIK (with a title), a linked row's NIK
    assert outcomes[4] == ("check", "NIK cocok tetapi nama berbeda: periksa (di Jaring: BUDI SANTOSO).")
    assert outcomes[5][0] == outcomes[6][0] == "unmatched"
    assert outcomes[7] == ("refused", "Baris tanpa NIK dan tanpa nama.")
    assert outcomes[8][0] == "refused" and outcomes[8][1].startswith("NIK tidak valid: NIK harus 16 digit")
    assert outcomes[9] == (
        "refused",
        "Tanggal meninggal “kemarin” tidak dikenali; tulis sebagai hari-bulan-tahun, mis. 17-08-2025.",
    )
    assert outcomes[10] == ("refused", "Tanggal meninggal 01-01-2099 di masa depan.")
    ahmad, siti, budi = persons["AHMAD FAUZI"], persons["SITI AMINAH"], persons["BUDI SANTOSO"]
    matched = {death.person_id: death.match for death in death_list.deaths.filter(outcome="matched")}
    assert matched == {ahmad.pk: "nik", siti.pk: "record_nik"}
    deceased = deceased_frame(region=personas.malang)
    assert deceased.rows() == sorted(
        [(ahmad.pk, dt.date(2026, 3, 4), "Dukcapil"), (siti.pk, dt.date(2026, 5, 12), "Dukcapil")]
    )
    assert budi.pk not in deceased.get_column("person_id").to_list()
    # A person of another region is never marked, whatever a Malang list says.
    assert deceased_frame(region=personas.batu).is_empty()
    event = AuditEvent.objects.get(action="persons.deaths_import")
    assert event.actor == personas.admin and event.after["matched"] == 2 and event.after["source"] == "Dukcapil"
    assert counts["reasons"] == {
        "name_differs": 1,
        "not_found": 2,
        "nik_name_missing": 1,
        "nik_invalid": 1,
        "date_invalid": 1,
        "date_future": 1,
    }


def test_the_same_file_twice_stores_nothing_new_and_a_person_linked_later_is_matched(personas, persons):
    data = csv_bytes([["NIK", "Nama", "Tgl Kematian"], ["3573014406950004", "Dewi Lestari", "02-06-2026"]])
    first = deaths_import(actor=None, region=personas.malang, file_name="a.csv", data=data, source="Kelurahan Dinoyo")
    assert first.to_dict()["unmatched"] == 1 and deceased_frame(region=personas.malang).is_empty()

    send(personas.malang, personas.dinsos, [["3573014406950004", "Dewi Lestari", "04-06-1995", "P", "Merjosari",
                                             "Lowokwaru", None]], "dewi.xlsx")  # fmt: skip
    link_region(actor=None, region=personas.malang)
    again = deaths_import(actor=None, region=personas.malang, file_name="b.csv", data=data, source="Dukcapil")
    assert again.duplicate_of == first.death_list and again.to_dict()["duplicate_of"] == first.death_list.pk
    assert DeathList.objects.count() == 1 and Death.objects.count() == 1
    dewi = Person.objects.get(nik="3573014406950004")
    assert again.to_dict()["matched"] == 1
    assert deceased_frame(region=personas.malang).rows() == [(dewi.pk, dt.date(2026, 6, 2), "Kelurahan Dinoyo")]
    assert deaths_match(actor=None, region=personas.malang).changed == 0  # nothing left to change


def test_a_death_follows_its_person_into_a_merge(personas, persons):
    ahmad, budi = persons["AHMAD FAUZI"], persons["BUDI SANTOSO"]
    gone, kept = max(ahmad.pk, budi.pk), min(ahmad.pk, budi.pk)
    nik = Person.objects.get(pk=gone).nik
    data = csv_bytes([["NIK", "Nama", "Tanggal Wafat"], [nik, "", "02-06-2026"]])
    deaths_import(actor=None, region=personas.malang, file_name="a.csv", data=data, source="Dukcapil")
    person_merge(actor=None, region=personas.malang, person_ids=(ahmad.pk, budi.pk))
    # Before anything is matched again, the death already follows its NIK to the person holding it now.
    assert deceased_frame(region=personas.malang).get_column("person_id").to_list() == [kept]
    assert deaths_match(actor=None, region=personas.malang).changed == 1
    assert Death.objects.get().person_id == kept


def test_cli_import_json_and_list(personas, persons, tmp_path, capsys):
    path = tmp_path / "kematian.xlsx"
    path.write_bytes(_death_list(persons))
    call_command("deaths", "import", str(path), "--source", "Dukcapil", "--region", "35.73", "--json")
    data = json.loads(capsys.readouterr().out)
    assert (data["rows"], data["matched"], data["check"], data["unmatched"], data["refused"]) == (9, 2, 1, 2, 4)
    assert {problem["row"] for problem in data["problems"]} == {4, 7, 8, 9, 10}
    call_command("deaths", "import", str(path), "--source", "Dukcapil", "--region", "35.73")
    assert "sama persis dengan daftar kematian" in capsys.readouterr().out
    call_command("deaths", "list", "--region", "35.73", "--json")
    (item,) = json.loads(capsys.readouterr().out)
    assert item["source"] == "Dukcapil" and item["matched"] == 2
    call_command("deaths", "match", "--region", "35.73")
    assert "0 berubah" in capsys.readouterr().out


def test_cli_import_text_explains_the_rows_in_indonesian(personas, persons, tmp_path, capsys):
    path = tmp_path / "kematian.xlsx"
    path.write_bytes(_death_list(persons))
    call_command("deaths", "import", str(path), "--source", "Dukcapil", "--region", "35.73")
    out = capsys.readouterr().out
    assert "9 baris, 2 ditandai meninggal, 1 perlu diperiksa, 2 tidak cocok, 4 ditolak" in out
    assert "Kematian baris 9 JOKO SUSILO: Tanggal meninggal “kemarin” tidak dikenali" in out


def _upload(client, capture, data: bytes, **extra):
    with capture(execute=True):
        response = client.post(
            reverse("persons:deaths_upload"), {"berkas": SimpleUploadedFile("kematian.xlsx", data), **extra}
        )
    return client.get(response["Location"], follow=True)


def test_the_administrator_uploads_a_death_list_on_the_page(
    client, personas, persons, django_capture_on_commit_callbacks
):
    client.force_login(personas.admin)
    assert reverse("persons:deaths") in client.get(reverse("coverage:persons")).text
    response = _upload(client, django_capture_on_commit_callbacks, _death_list(persons), sumber="Dukcapil")
    death_list = DeathList.objects.get()
    assert Job.objects.get().status == Job.Status.DONE and death_list.uploaded_by == personas.admin
    assert response.redirect_chain[-1][0] == reverse("persons:death_list", args=[death_list.pk])
    page = response.text
    assert 'data-testid="count-matched">2<' in page and 'data-testid="count-refused">4<' in page
    assert "NIK cocok tetapi nama berbeda: periksa" in page and "3573012207700003" not in page  # masked

    listing = client.get(reverse("persons:deaths")).text
    assert "kematian.xlsx" in listing and "Dukcapil" in listing
    download = client.get(reverse("persons:death_list", args=[death_list.pk]), {"hasil": "belum", "unduh": "xlsx"})
    (sheet,) = read_table_file(download.content, file_name="x.xlsx", limits=ReadLimits())
    rows = sheet.frame.drop("__row__", strict=False).rows()
    assert len(rows) == 1 + 7  # the header, and every row that marked nobody
    assert "3573012207700003" in {cell for row in rows for cell in row}  # the whole NIK, for the follow-up

    ahmad = persons["AHMAD FAUZI"]
    detail = client.get(reverse("coverage:person", args=[ahmad.pk])).text
    assert 'data-testid="deceased"' in detail and "04-03-2026 (Dukcapil)" in detail
    # Budi is alive: his page offers to record a death, and shows none.
    budi = client.get(reverse("coverage:person", args=[persons["BUDI SANTOSO"].pk])).text
    assert 'data-testid="deceased"' not in budi and 'data-testid="death-record"' in budi


def test_a_death_list_needs_a_source_and_an_operator_is_refused(client, personas, persons):
    client.force_login(personas.admin)
    response = client.post(reverse("persons:deaths_upload"), {"berkas": SimpleUploadedFile("k.xlsx", b"x")})
    assert response.status_code == 302 and not Job.objects.exists()
    client.force_login(personas.operator)
    assert client.get(reverse("persons:deaths")).status_code == 403
    data = {"berkas": SimpleUploadedFile("k.xlsx", _death_list(persons)), "sumber": "Dukcapil"}
    assert client.post(reverse("persons:deaths_upload"), data).status_code == 403
    assert not Job.objects.exists() and not DeathList.objects.exists()
    # Another region's administrator does not see Malang's lists.
    deaths_import(actor=None, region=personas.malang, file_name="k.xlsx", data=_death_list(persons), source="X")
    client.force_login(personas.batu_admin)
    assert client.get(reverse("persons:death_list", args=[DeathList.objects.get().pk])).status_code == 404
