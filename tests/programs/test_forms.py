"""The programs pages' forms: whole numbers and rupiah read strictly, refusals in the reader's language."""

import datetime as dt

import pytest
from django.utils import translation

from jaring.core.programs import CoverMonths
from jaring.lib.pages import valid_data
from jaring.programs.forms import (
    DecisionForm,
    FundingForm,
    PlannerForm,
    ProfileForm,
    ProgramForm,
    ResponseForm,
    RulesForm,
)
from jaring.programs.models import BatchResponse, EnrolmentBatch, Program
from jaring.programs.services import batch_profile_for
from tests.conftest import PASSWORD
from tests.forms import post, refusal

PROGRAM = {"nama": "Pekerja rentan 2027", "tahun": "2027", "mulai": "2027-01", "bulan": "12"}
RULES = {"usia_min": "15", "usia_max": "65"}
COVER = CoverMonths(dt.date(2027, 1, 1), 12)


def test_a_program_form_gives_the_services_arguments():
    form = ProgramForm(post({**PROGRAM, "tahun": "2.027", "target": " 1.250 "}))
    valid_data(form)
    assert form.program() == {
        "name": "Pekerja rentan 2027",
        "budget_year": 2027,
        "cover": COVER,
        "package": "jkk_jkm",
        "kind": "yearly",
        "target_workers": 1250,
    }
    chosen = ProgramForm(post({**PROGRAM, "paket": "jkk_jkm_jht", "jenis": "event"}))
    valid_data(chosen)
    assert (chosen.program()["package"], chosen.program()["kind"], chosen.program()["target_workers"]) == (
        "jkk_jkm_jht",
        "event",
        None,
    )


def test_one_and_a_half_months_is_refused_not_read_as_fifteen():
    assert refusal(ProgramForm(post({**PROGRAM, "bulan": "1.5"}))) == (
        "Lama perlindungan (bulan) harus bilangan bulat, bukan '1.5'."
    )
    with translation.override("en"):
        assert refusal(ProgramForm(post({**PROGRAM, "bulan": "1.5"}))) == (
            "Months of cover must be a whole number, not '1.5'."
        )


def test_every_refusal_of_a_form_is_said_in_the_fields_order():
    text = refusal(ProgramForm(post({**PROGRAM, "tahun": "", "target": "banyak"})))
    assert text == (
        "Tahun anggaran harus bilangan bulat, bukan ''. Target jumlah pekerja harus bilangan bulat, bukan 'banyak'."
    )
    assert "tulis YYYY-MM" in refusal(ProgramForm(post({**PROGRAM, "mulai": "Juli 2027"})))


def test_a_fund_reads_rupiah_as_the_command_line_does():
    form = FundingForm(post({"dana": "dbhcht", "jumlah": "Rp 30.240.000,-", "hanya": ["petani", "ojek"]}))
    valid_data(form)
    assert form.funding() == {
        "kind": "dbhcht",
        "amount": 30_240_000,
        "legal_basis": "",
        "categories": ["petani", "ojek"],
        "sponsor": "",
    }
    assert "«30240000.50» bukan rupiah bulat" in refusal(FundingForm(post({"dana": "apbd", "jumlah": "30240000.50"})))
    with translation.override("en"):
        assert "is not whole rupiah" in refusal(FundingForm(post({"dana": "apbd", "jumlah": "30.240.000,50"})))


def test_the_rules_form_reads_ages_desil_occupations_and_priority():
    form = RulesForm(
        post({**RULES, "desil_min": "1", "desil_max": "4", "kategori": ["petani"], "kecuali_bpjs": "1",
              "prioritas": "desil, -age"})
    )  # fmt: skip
    valid_data(form)
    assert form.rules() == {
        "min_age": 15,
        "max_age": 65,
        "categories": ["petani"],
        "exclude_bpjs_active": True,
        "desil": (1, 4),
        "priority": ["desil", "-age"],
    }
    plain = RulesForm(post(RULES))
    valid_data(plain)
    assert plain.rules() == {**form.rules(), "categories": [], "exclude_bpjs_active": False, "desil": None,
                             "priority": []}  # fmt: skip


def test_one_end_of_the_desil_range_asks_for_the_other():
    assert refusal(RulesForm(post({**RULES, "desil_min": "3"}))) == "Desil tertinggi harus bilangan bulat, bukan ''."
    assert refusal(RulesForm(post({**RULES, "desil_max": "3"}))) == "Desil terendah harus bilangan bulat, bukan ''."
    assert (
        refusal(RulesForm(post({**RULES, "usia_max": "65,5"}))) == "Usia tertinggi harus bilangan bulat, bukan '65,5'."
    )


def test_a_decision_includes_only_when_it_says_so():
    include = DecisionForm(post({"orang": " 3573011508900001 ", "keputusan": "masuk", "alasan": "Pekerja rentan"}))
    assert valid_data(include) == {"orang": "3573011508900001", "keputusan": "masuk", "alasan": "Pekerja rentan"}
    assert include.include
    exclude = DecisionForm(post({"orang": "#12", "keputusan": "keluar", "alasan": "Sudah pindah"}))
    valid_data(exclude)
    assert not exclude.include


def test_the_planner_asks_a_budget_or_a_target_over_the_programs_months_or_others():
    assert not PlannerForm(post({"anggaran": " ", "bulan": "9"}), cover=COVER).asks()
    budget = valid_data(PlannerForm(post({"anggaran": "5.202.892.800", "angkatan_kerja": "x"}), cover=COVER))
    assert (budget["budget"], budget["cover"]) == (5_202_892_800, COVER)
    later = valid_data(PlannerForm(post({"anggaran": "1.000.000", "dari": "2027-04", "bulan": "9"}), cover=COVER))
    assert later["cover"] == CoverMonths(dt.date(2027, 4, 1), 9)
    shorter = valid_data(PlannerForm(post({"target": "41,23", "angkatan_kerja": "420.000", "bulan": "6"}), cover=COVER))
    assert (shorter["budget"], shorter["target"], shorter["workforce"]) == (None, "41,23", 420_000)
    assert shorter["cover"] == CoverMonths(dt.date(2027, 1, 1), 6)
    assert refusal(PlannerForm(post({"target": "41,23"}), cover=COVER)) == (
        "Jumlah angkatan kerja harus bilangan bulat, bukan ''."
    )
    assert "bukan rupiah bulat" in refusal(PlannerForm(post({"anggaran": "1,5"}), cover=COVER))


@pytest.mark.django_db
def test_the_pages_say_a_forms_refusal_and_store_nothing(client, personas, program):
    assert client.login(username=personas.admin.username, password=PASSWORD)
    refused = client.post("/program/baru/", {**PROGRAM, "bulan": "1.5"})
    page = refused.content.decode()
    assert "Lama perlindungan (bulan) harus bilangan bulat, bukan &#x27;1.5&#x27;." in page
    # The form comes back open with what was typed, the slip included, to correct rather than retype.
    assert "<details open>" in page and 'value="Pekerja rentan 2027"' in page and 'value="1.5"' in page
    assert Program.objects.count() == 1
    half = client.post(f"/program/{program.pk}/aturan/", {**RULES, "desil_min": "2"}, follow=True)
    assert "Desil tertinggi harus bilangan bulat" in half.content.decode()
    program.refresh_from_db()
    assert (program.desil_min, program.desil_max) == (None, None)
    nobody = client.post(f"/program/{program.pk}/keputusan/", {"orang": "12a", "keputusan": "masuk", "alasan": "x"})
    assert nobody.url.endswith("?daftar=tidak-layak")
    page = client.get(nobody.url).content.decode()
    assert "Tidak ada orang dengan NIK atau nomor itu di wilayah ini." in page


def test_the_batch_files_columns_are_read_line_by_line():
    form = ProfileForm(post({"kolom": "NIK = nik\n\n  NAMA   LENGKAP = name \r\nKODE = A = nik"}))
    assert valid_data(form)["columns"] == [("NIK", "nik"), ("NAMA LENGKAP", "name"), ("KODE = A", "nik")]
    assert refusal(ProfileForm(post({"kolom": "NIK = nik\nNAMA LENGKAP"}))) == (
        "Baris 2: tulis kolom sebagai 'JUDUL = isian', mis. 'NAMA LENGKAP = name'."
    )
    assert refusal(ResponseForm(post({}), {})) == "Pilih berkas jawaban dari BPJS."


@pytest.mark.django_db
def test_the_enrolment_pages_say_a_forms_refusal_and_store_nothing(client, personas, program):
    assert client.login(username=personas.admin.username, password=PASSWORD)
    profile = batch_profile_for(region=personas.malang)
    before = profile.columns
    sent = "NIK = nik\nNAMA LENGKAP"
    refused = client.post("/pendaftaran/kolom/", {"kolom": sent}, follow=True)
    page = refused.content.decode()
    assert "Baris 2: tulis kolom sebagai" in page and f">{sent}</textarea>" in page  # shown again to be fixed
    unknown = client.post("/pendaftaran/kolom/", {"kolom": "NIK = nik\nGAJI = gaji"}, follow=True)
    assert "isian &#x27;gaji&#x27; tidak dikenal" in unknown.content.decode()
    profile.refresh_from_db()
    assert profile.columns == before
    batch = EnrolmentBatch.objects.create(program=program, number=1, columns=before, profile_name=profile.name)
    missing = client.post(f"/pendaftaran/{batch.pk}/jawaban/", {}, follow=True)
    assert missing.redirect_chain[-1][0] == "/pendaftaran/"
    assert "Pilih berkas jawaban dari BPJS." in missing.content.decode()
    assert not BatchResponse.objects.exists()
