"""A NIK to check goes back to the OPD that sent it, comes back corrected, and the person may be sent (issue 16)."""

import io
import json

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jaring.accounts.models import AuditEvent
from jaring.linkage.services import link_region
from jaring.persons.models import Person
from jaring.persons.services import nik_confirm
from jaring.registry.models import SourceRecord
from jaring.registry.services import submission_import
from tests.files import xlsx_bytes
from tests.programs.conftest import HEADER, ON

pytestmark = pytest.mark.django_db
AHMAD = ["3573011508900001", "Ahmad Fauzi", "Malang", "15-08-1990", "L", "Jl. Bunga Coklat 3", "2", "5", "Sumbersari",
         "Lowokwaru", "petani", "081234567890"]  # fmt: skip
# Satpol PP typed one digit of his serial wrong: the same man, another NIK, nothing tells which is his.
AHMAD_SLIP = ["3573011508900007", *AHMAD[1:]]


def send(personas, opd, rows, name: str):
    return submission_import(
        actor=None,
        region=personas.malang,
        source=opd.code,
        opd=opd,
        file_name=name,
        data=xlsx_bytes({"Data": [HEADER, *rows]}),
        on=ON,
    )


def sheet_rows(content: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def ahmad(personas) -> Person:
    send(personas, personas.dinsos, [AHMAD], "dinsos.xlsx")
    send(personas, personas.satpol, [AHMAD_SLIP], "satpol.xlsx")
    link_region(actor=None, region=personas.malang)
    [person] = Person.objects.all()
    return person


def test_the_opd_corrects_the_nik_it_sent_from_its_correction_list(client, personas, ahmad):
    assert ahmad.nik_check == "conflict"
    client.force_login(personas.other_operator)  # Satpol PP's operator
    content = client.get("/orang/koreksi-nik.xlsx").content
    header, *rows = sheet_rows(content)
    assert header[0] == "ID Jaring" and "NIK" in header
    # Only Satpol PP's own row: Dinsos's row is Dinsos's to check.
    [row] = rows
    nik_column = header.index("NIK")
    assert row[nik_column] == "3573011508900007"
    assert "daftar-daftar menyebut NIK berbeda" in row[-1] and "KTP" in row[-1]
    # The KTP says …0001: the operator fixes the cell and sends the file back.
    row[nik_column] = "3573011508900001"
    fixed = xlsx_bytes({"Perbaikan": [header, row]})
    result = submission_import(
        actor=None,
        region=personas.malang,
        source=personas.satpol.code,
        opd=personas.satpol,
        file_name="koreksi-nik.xlsx",
        data=fixed,
        on=ON,
    )
    assert result.to_dict()["updated"] == 1
    assert SourceRecord.objects.filter(nik="3573011508900007").count() == 0
    link_region(actor=None, region=personas.malang)
    ahmad.refresh_from_db()
    assert (ahmad.nik, ahmad.nik_check) == ("3573011508900001", "")
    # Nothing left to check for either OPD.
    assert sheet_rows(client.get("/orang/koreksi-nik.xlsx").content)[1:] == []


def test_an_operator_never_sees_another_opds_rows_and_dinsos_gets_its_own(client, personas, ahmad):
    client.force_login(personas.operator)  # Dinsos
    [row] = sheet_rows(client.get("/orang/koreksi-nik.xlsx").content)[1:]
    assert "3573011508900001" in row
    client.force_login(personas.batu_operator)
    assert sheet_rows(client.get("/orang/koreksi-nik.xlsx").content)[1:] == []


def test_an_administrator_confirms_a_nik_seen_on_the_ktp_and_it_stays_confirmed(personas, ahmad):
    with pytest.raises(ValidationError):
        nik_confirm(actor=personas.admin, person=ahmad, reason="ok")
    with pytest.raises(ValidationError, match="NIK"):
        nik_confirm(actor=personas.admin, person=ahmad, reason="KTP dilihat", nik="3573011508900099")
    # The golden record took Satpol PP's (the latest list's) …0007; the KTP says …0001.
    assert ahmad.nik == "3573011508900007"
    person = nik_confirm(actor=personas.admin, person=ahmad, reason="KTP dilihat di kelurahan", nik="3573011508900001")
    assert (person.nik, person.nik_check) == ("3573011508900001", "")
    assert AuditEvent.objects.filter(action="persons.nik_confirm", actor=personas.admin).exists()
    # Another list and another link run: the confirmation is the NIK's, and holds.
    send(personas, personas.dinsos, [["3573014406950004", "Dewi Lestari", "Kediri", "04-06-1995", "P", "Jl. Joyo 1",
                                      "3", "1", "Merjosari", "Lowokwaru", "pemulung", ""]], "dewi.xlsx")  # fmt: skip
    link_region(actor=None, region=personas.malang)
    person.refresh_from_db()
    assert person.nik_check == ""


def test_the_person_page_says_why_the_nik_waits_and_the_administrator_confirms_it_there(client, personas, ahmad):
    client.force_login(personas.admin)
    # Links from before the person pages moved to /orang/ still arrive.
    moved = client.get(f"/deduplikasi/orang/{ahmad.pk}/")
    assert (moved.status_code, moved["Location"]) == (301, f"/orang/{ahmad.pk}/")
    page = client.get(f"/orang/{ahmad.pk}/").content.decode()
    assert 'data-testid="nik-check"' in page and "daftar-daftar menyebut NIK berbeda" in page
    assert 'value="3573011508900001"' in page and 'value="3573011508900007"' in page
    response = client.post(f"/orang/{ahmad.pk}/nik/", {"nik": "3573011508900001", "alasan": "KTP dilihat"})
    assert response.status_code == 302
    page = client.get(f"/orang/{ahmad.pk}/").content.decode()
    assert 'data-testid="nik-check"' not in page and 'data-testid="nik-confirmed"' in page
    # An operator may not confirm.
    client.force_login(personas.operator)
    assert (
        client.post(f"/orang/{ahmad.pk}/nik/", {"nik": "3573011508900007", "alasan": "KTP dilihat"}).status_code == 403
    )


def test_the_cli_lists_the_niks_to_check_and_confirms_one(personas, ahmad, capsys):
    from django.core.management import call_command

    call_command("person", "nik-checks", "--region", "35.73", "--json")
    assert json.loads(capsys.readouterr().out) == [{"person": ahmad.pk, "why": ["conflict"]}]
    call_command("person", "nik-checks", "--region", "35.73")
    assert "daftar-daftar menyebut NIK berbeda" in capsys.readouterr().out
    call_command("person", "confirm-nik", f"#{ahmad.pk}", "--nik", "3573011508900001", "--reason", "KTP dilihat",
                 "--region", "35.73", "--json")  # fmt: skip
    assert json.loads(capsys.readouterr().out) == {"person": ahmad.pk, "nik": "3573011508900001", "nik_check": ""}


def test_an_administrator_downloads_one_senders_niks_to_check(client, personas, ahmad):
    client.force_login(personas.admin)
    response = client.get("/orang/koreksi-nik.xlsx")
    assert response.status_code == 302  # back to Pendataan: the file goes to one sender, so choose it
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="nik-corrections-form"' in page
    content = client.get(f"/orang/koreksi-nik.xlsx?opd={personas.satpol.pk}")
    assert content["Content-Disposition"].endswith('koreksi-nik-SATPOLPP.xlsx"')
    [row] = sheet_rows(content.content)[1:]
    assert "3573011508900007" in row
    # Another region's OPD is not the administrator's to ask.
    assert client.get(f"/orang/koreksi-nik.xlsx?opd={personas.batu_dinsos.pk}").status_code == 404


def test_the_person_list_finds_who_waits_for_a_nik_check(client, personas, ahmad):
    client.force_login(personas.admin)
    listing = client.get(reverse("coverage:persons")).text
    assert "1 orang menunggu pemeriksaan NIK" in listing and 'data-testid="nik-check"' in listing
    waiting = client.get(reverse("coverage:persons"), {"nik": "periksa"}).text
    assert "AHMAD FAUZI" in waiting
    nik_confirm(actor=personas.admin, person=ahmad, reason="KTP dilihat di kelurahan")
    waiting = client.get(reverse("coverage:persons"), {"nik": "periksa"}).text
    assert "AHMAD FAUZI" not in waiting and 'data-testid="nik-check"' not in waiting
