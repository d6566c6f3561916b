"""Dukcapil's answer on NIKs: a NIK it does not know, or knows as someone else's, keeps its person waiting."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from jaring.accounts.models import AuditEvent
from jaring.core.intake.tabular import FileRejected
from jaring.linkage.services import link_region
from jaring.persons.models import NikVerification, Person
from jaring.persons.services import nik_confirm, nik_verifications_import
from tests.files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db
HEADER = ["NO", "NIK", "NAMA LENGKAP", "HASIL VERIFIKASI"]


def _answer() -> bytes:
    return xlsx_bytes(
        {
            "Hasil": [
                HEADER,
                [1, "3573011508900001", "AHMAD FAUZI", "SESUAI"],
                [2, "3573012207700003", "BUDI SANTOSO", "NIK TIDAK DITEMUKAN"],
                [3, "3573015203850020", "SITI AMINAH", "NAMA TIDAK SESUAI"],  # her Excel-damaged NIK
                [4, "3579011203800001", "RUDI HARTONO", "TIDAK DITEMUKAN"],  # Kota Batu's, not Malang's
                [5, "35730115089", "JOKO", "SESUAI"],
                [6, "3573014406950004", "DEWI", "mungkin"],
            ]
        }
    )


def test_dukcapil_s_answer_keeps_who_it_does_not_know_waiting_and_clears_who_it_does(personas, persons):
    assert persons["SITI AMINAH"].nik_check != ""
    result = nik_verifications_import(
        actor=personas.admin, region=personas.malang, file_name="hasil.xlsx", data=_answer()
    )
    counts = result.to_dict()
    assert (counts["rows"], counts["found"], counts["other_name"], counts["not_found"], counts["refused"]) == (
        6,
        1,
        1,
        2,
        2,
    )
    # Ahmad, Budi and Siti (her other row's NIK) hold answered NIKs; Rudi is Kota Batu's.
    assert (counts["persons"], counts["persons_waiting"]) == (3, 1)
    reasons = {problem["row"]: problem["reason"] for problem in counts["problems"]}
    assert reasons[6].startswith("NIK tidak valid") and "mungkin" in reasons[7]
    assert all("35730115089" not in problem["nik"] or "…" in problem["nik"] for problem in counts["problems"])
    fresh = {person.name: person for person in Person.objects.filter(region=personas.malang)}
    assert fresh["BUDI SANTOSO"].nik_check == "dukcapil_missing"
    assert fresh["AHMAD FAUZI"].nik_check == ""
    # Siti's two lists gave two NIKs; Dukcapil refuted the damaged one, so the other is hers, without a doubt.
    assert (fresh["SITI AMINAH"].nik, fresh["SITI AMINAH"].nik_check) == ("3573015203850002", "")
    assert Person.objects.get(region=personas.batu).nik_check == ""
    event = AuditEvent.objects.get(action="persons.nik_verify")
    assert event.actor == personas.admin and event.after["not_found"] == 2 and event.after["persons_waiting"] == 1

    # The answer is kept by NIK: a link run that rebuilds the persons keeps it.
    link_region(actor=None, region=personas.malang)
    assert Person.objects.get(pk=fresh["BUDI SANTOSO"].pk).nik_check == "dukcapil_missing"
    # A later answer replaces the earlier one; the KTP seen in person wins over both.
    later = csv_bytes([["NIK", "STATUS"], ["3573012207700003", "Data ditemukan"]])
    assert nik_verifications_import(actor=None, region=personas.malang, file_name="ulang.csv", data=later).found == 1
    assert Person.objects.get(pk=fresh["BUDI SANTOSO"].pk).nik_check == ""
    assert NikVerification.objects.get(nik="3573012207700003").result == "found"


def test_a_file_that_is_no_answer_is_refused_and_stores_nothing(personas, persons):
    data = csv_bytes([["NIK", "NAMA"], ["3573011508900001", "AHMAD"]])
    with pytest.raises(FileRejected, match="kolom hasil verifikasi"):
        nik_verifications_import(actor=None, region=personas.malang, file_name="daftar.csv", data=data)
    assert not NikVerification.objects.exists() and not AuditEvent.objects.filter(action="persons.nik_verify").exists()


def test_a_nik_confirmed_against_the_ktp_goes_through_whatever_dukcapil_answered(personas, persons):
    nik_verifications_import(actor=None, region=personas.malang, file_name="hasil.xlsx", data=_answer())
    budi = Person.objects.get(pk=persons["BUDI SANTOSO"].pk)
    budi = nik_confirm(actor=personas.admin, person=budi, reason="KTP dilihat di kelurahan")
    assert budi.nik_check == ""


def test_the_administrator_uploads_the_answer_on_the_page_and_an_operator_cannot(client, personas, persons):
    client.force_login(personas.admin)
    assert reverse("persons:nik_verifications") in client.get(reverse("coverage:persons")).text
    response = client.post(
        reverse("persons:nik_verifications"), {"berkas": SimpleUploadedFile("hasil.xlsx", _answer())}
    )
    page = response.text
    assert response.status_code == 200 and 'data-testid="nik-verification-result"' in page
    assert "tidak dikenali" in page and "3573015203850020" not in page
    assert Person.objects.get(pk=persons["BUDI SANTOSO"].pk).nik_check == "dukcapil_missing"
    response = client.post(
        reverse("persons:nik_verifications"),
        {"berkas": SimpleUploadedFile("x.csv", b"NIK;NAMA\n3573011508900001;AHMAD\n")},
    )
    assert "kolom hasil verifikasi" in response.text
    client.force_login(personas.operator)
    assert client.get(reverse("persons:nik_verifications")).status_code == 403
    assert (
        client.post(
            reverse("persons:nik_verifications"), {"berkas": SimpleUploadedFile("h.xlsx", _answer())}
        ).status_code
        == 403
    )
    assert NikVerification.objects.count() == 5 - 1  # the first upload's four answers; nothing from the others


def test_cli_verify_niks_prints_the_outcome(personas, persons, tmp_path, capsys):
    path = tmp_path / "hasil.xlsx"
    path.write_bytes(_answer())
    call_command("person", "verify-niks", str(path), "--region", "35.73")
    text = capsys.readouterr().out
    assert "1 NIK milik orangnya, 1 milik orang lain, 2 tidak ditemukan di Dukcapil, 2 baris ditolak" in text
    assert "1 NIK yang dijawab tidak dipegang siapa pun di Jaring" in text
    assert "baris 7 DEWI: Hasil verifikasi 'mungkin' tidak dikenali" in text
    call_command("person", "verify-niks", str(path), "--region", "35.73", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["duplicate_of"].startswith("Berkas yang sama persis") and data["rows"] == 0
    later = tmp_path / "ulang.csv"
    later.write_bytes(csv_bytes([["NIK", "STATUS"], ["3573012207700003", "TIDAK DITEMUKAN"]]))
    call_command("person", "verify-niks", str(later), "--region", "35.73", "--json")
    data = json.loads(capsys.readouterr().out)
    assert (data["not_found"], data["persons_waiting"], data["duplicate_of"]) == (1, 1, "")


def test_the_same_answer_file_again_changes_nothing_and_says_when_it_was_loaded(personas, persons):
    answer = _answer()
    first = nik_verifications_import(actor=None, region=personas.malang, file_name="hasil.xlsx", data=answer)
    assert first.niks_without_person == 1  # Rudi's NIK: Kota Batu's person, none of Malang's
    # A newer answer on Budi, then the old file once more: the old answer must not come back.
    later = csv_bytes([["NIK", "STATUS"], ["3573012207700003", "Sesuai"]])
    nik_verifications_import(actor=None, region=personas.malang, file_name="ulang.csv", data=later)
    again = nik_verifications_import(actor=None, region=personas.malang, file_name="hasil.xlsx", data=answer)
    assert again.duplicate_of.startswith("Berkas yang sama persis sudah dimuat pada") and again.rows == 0
    assert NikVerification.objects.get(nik="3573012207700003").result == "found"
    assert AuditEvent.objects.filter(action="persons.nik_verify").count() == 2


def test_a_refused_row_never_shows_the_whole_nik_it_quotes(personas, persons):
    data = xlsx_bytes({"Hasil": [HEADER, [1, "357301150890000", "AHMAD", "SESUAI"]]})
    [problem] = nik_verifications_import(actor=None, region=personas.malang, file_name="h.xlsx", data=data).problems
    assert "357301150890000" not in problem["reason"] and problem["reason"].startswith("NIK tidak valid")
