"""On English pages the programs pages name occupations and BPJS's known reasons in English; Indonesian stays
the default, and a reason BPJS wrote that Jaring does not know is shown as written."""

import pytest

from jaring.core.occupations import CATALOGUE, ENGLISH_LABELS, occupation_label
from jaring.core.programs import rejection_reason_text
from jaring.programs.services import (
    batch_create,
    batch_response_import,
    program_approve,
    program_eligibility,
    program_rules_update,
    program_select,
)
from tests.files import xlsx_bytes

pytestmark = pytest.mark.django_db


def reader(client, personas, language):
    client.force_login(personas.admin)
    client.cookies["django_language"] = language
    return client


def test_every_occupation_of_the_catalogue_has_an_english_name_and_indonesian_stays_the_default():
    assert set(ENGLISH_LABELS) == set(CATALOGUE)
    assert occupation_label("petani") == occupation_label("petani", "id") == "Petani / buruh tani"
    assert occupation_label("petani", "en") == "Farmer / farm worker"
    assert occupation_label("pemulung", "en-us") == "Waste picker"
    assert (occupation_label("astronot"), occupation_label("astronot", "en")) == ("Lainnya", "Other")
    assert all(ENGLISH_LABELS[code] != label for code, (label, _synonyms) in CATALOGUE.items())


@pytest.mark.parametrize(
    ("written", "english"),
    [
        ("NIK tidak valid", "Invalid NIK"),
        ("NIK sudah terdaftar", "NIK already registered"),
        ("Usia melebihi batas", "Age over the limit"),
        ("Data tidak lengkap", "Incomplete data"),
        ("Data tidak valid", "Invalid data"),
        ("Sudah terdaftar", "Already registered"),
        ("sudah terdaftar", "already registered"),  # read_response's own word for "already registered"
        ("Peserta sudah terdaftar di wadah lain", "Already registered under another paying body (wadah)"),
        ("NIK tidak padan Dukcapil", "NIK does not match Dukcapil's records"),
        ("NIK tidak padan", "NIK does not match"),
        ("Meninggal", "Deceased"),
        ("ditolak tanpa keterangan", "rejected without a reason"),  # read_response's word for no reason
        ("NIK  tidak valid (15 digit)", "Invalid NIK (15 digit)"),  # the detail after the known words stays
        ("Pindah domisili ke Bali", "Pindah domisili ke Bali"),  # not known: as written
        ("Meninggalkan wilayah", "Meninggalkan wilayah"),  # "meninggal" only as a whole word
    ],
)
def test_bpjs_reasons_known_to_jaring_read_in_english_and_others_as_written(written, english):
    assert rejection_reason_text(written, "en") == english
    assert rejection_reason_text(written, "id") == written


def test_the_lists_and_their_downloads_name_occupations_in_the_page_language(client, personas, program):
    program_eligibility(actor=None, program=program, save=True)
    program_select(actor=None, program=program)
    indonesian = reader(client, personas, "id").get(f"/program/{program.pk}/orang/?daftar=layak").text
    assert "Petani / buruh tani" in indonesian and "Farmer / farm worker" not in indonesian
    english = reader(client, personas, "en")
    for which in ("layak", "terpilih"):
        page = english.get(f"/program/{program.pk}/orang/?daftar={which}").text
        assert "Farmer / farm worker" in page and "Petani / buruh tani" not in page, which
    waiting = english.get(f"/program/{program.pk}/orang/?daftar=tunggu").text
    assert "Civil protection volunteer (Linmas)" in waiting  # Wati Ningsih, linmas, waits for money
    download = english.get(f"/program/{program.pk}/orang/?daftar=layak&unduh=csv").content.decode("utf-8-sig")
    assert "Motorcycle taxi driver (ojek / online)" in download and "Ojek / ojol" not in download


def test_the_program_page_names_the_occupations_of_its_funds_and_rules_in_the_page_language(client, personas, program):
    program_rules_update(actor=None, program=program, min_age=15, max_age=65, categories=["petani", "ojek"])
    page = reader(client, personas, "en").get(f"/program/{program.pk}/").text
    funds = page.split('data-testid="funds"')[1].split("</table>")[0]
    assert "Farmer / farm worker" in funds and "Petani" not in funds  # DBHCHT pays for farmers only
    assert "only Motorcycle taxi driver (ojek / online), Farmer / farm worker" in page  # not the codes
    assert '<option value="pemulung">Waste picker</option>' in page
    indonesian = reader(client, personas, "id").get(f"/program/{program.pk}/").text
    assert "Ojek / ojol, Petani / buruh tani" in indonesian
    assert '<option value="pemulung">Pemulung</option>' in indonesian


def test_bpjs_reasons_read_in_english_on_english_pages_and_unknown_ones_as_written(client, personas, program, workers):
    program_eligibility(actor=None, program=program, save=True)
    program_select(actor=None, program=program)
    program_approve(actor=None, program=program)
    batch_create(actor=None, program=program)
    batch = program.batches.get()
    budi = batch.enrolments.get(person=workers["BUDI SANTOSO"])
    joko = batch.enrolments.get(person=workers["JOKO SUSILO"])
    rows = [["NIK", "KPJ", "Status", "Keterangan"], [budi.nik, "", "Ditolak", "NIK tidak valid"],
            [joko.nik, "", "Ditolak", "Pindah domisili ke Bali"]]  # fmt: skip
    batch_response_import(actor=None, batch=batch, file_name="jawaban.xlsx", data=xlsx_bytes({"Hasil": rows}))
    english = reader(client, personas, "en")
    enrolled = english.get(f"/program/{program.pk}/orang/?daftar=terdaftar").text
    assert "Invalid NIK" in enrolled and "NIK tidak valid" not in enrolled
    assert "Pindah domisili ke Bali" in enrolled
    waiting = english.get(f"/program/{program.pk}/orang/?daftar=tunggu").text
    assert "rejected by BPJS: Invalid NIK" in waiting and "rejected by BPJS: Pindah domisili ke Bali" in waiting
    download = english.get(f"/program/{program.pk}/orang/?daftar=terdaftar&unduh=csv").content.decode("utf-8-sig")
    assert "Invalid NIK" in download
    indonesian = reader(client, personas, "id")
    assert "ditolak BPJS: NIK tidak valid" in indonesian.get(f"/program/{program.pk}/orang/?daftar=tunggu").text
    assert "NIK tidak valid" in indonesian.get(f"/program/{program.pk}/orang/?daftar=terdaftar").text
