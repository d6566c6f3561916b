"""Never pay one worker twice, never send BPJS a NIK that may not be theirs (issue 16)."""

import pytest
from django.core.exceptions import ValidationError

from jaring.bpjs.services import roster_import
from jaring.linkage.models import MatchPair
from jaring.linkage.services import link_region
from jaring.persons.models import Person
from jaring.programs.models import Eligibility, Enrolment
from jaring.programs.selectors import program_selected, program_waiting
from jaring.programs.services import (
    batch_create,
    funding_add,
    program_approve,
    program_eligibility,
    program_select,
)
from tests.files import xlsx_bytes
from tests.programs.conftest import HEADER, ON, ROWS, a_program, send_workers

pytestmark = pytest.mark.django_db
PER_WORKER = 201_600  # Rp16,800 a month for 12 months


def a_rich_program(personas, workers_wanted: int = 20):
    """A program whose APBD money pays for everybody eligible: only the safety rules keep anyone waiting."""
    program = a_program(personas)
    funding_add(actor=None, program=program, kind="apbd", amount=workers_wanted * PER_WORKER, legal_basis="Perwal")
    return program


def selected_and_waiting(program):
    selected = {row.person.pk for row in program_selected(program=program).iterator()}
    waiting = {row.person.pk: row.waiting_reason for row in program_waiting(program=program).iterator()}
    return selected, waiting


def test_of_a_pair_waiting_for_review_only_one_is_selected_and_the_other_says_why(personas):
    send_workers(personas)
    # Satpol PP lists Ahmad Fauzi again with another NIK and birth date: the model is unsure.
    again = ["3573012208900005", "Ahmad Fauzi", "", "22-08-1990", "L", "", "", "", "Sumbersari", "Lowokwaru",
             "petani", ""]  # fmt: skip
    send_workers(personas, rows=[again], name="satpol.xlsx")
    link_region(actor=None, region=personas.malang)
    pair = MatchPair.objects.get(decision=MatchPair.Decision.REVIEW)
    both = sorted(
        Person.objects.filter(record_links__record_id__in=[pair.record_l_id, pair.record_r_id]).values_list(
            "pk", flat=True
        )
    )
    assert len(both) == 2
    program = a_rich_program(personas)
    program_eligibility(actor=None, program=program, save=True)
    result = program_select(actor=None, program=program)

    selected, waiting = selected_and_waiting(program)
    assert len(set(both) & selected) == 1
    [kept] = set(both) & selected
    [other] = set(both) - {kept}
    assert waiting[other] == f"kemungkinan orang yang sama dengan #{kept}, menunggu keputusan"
    assert result.held == {"pair": 1}
    # The money was enough for everybody: nobody else waits.
    assert set(waiting) == {other}
    assert program_approve(actor=None, program=program) == len(selected)


def test_approval_refuses_while_two_selected_persons_may_be_one_and_names_them(personas, workers):
    program = a_rich_program(personas)
    program_eligibility(actor=None, program=program, save=True)
    program_select(actor=None, program=program)
    # A link run after the selection finds that two selected persons may be one worker.
    budi, joko = workers["BUDI SANTOSO"], workers["JOKO SUSILO"]
    MatchPair.objects.create(
        region=personas.malang,
        record_l_id=budi.record_links.get().record_id,
        record_r_id=joko.record_links.get().record_id,
        probability=0.6,
        decision=MatchPair.Decision.REVIEW,
    )
    low, high = sorted((budi.pk, joko.pk))
    with pytest.raises(ValidationError, match=f"#{low} dan #{high}"):
        program_approve(actor=None, program=program)
    assert not Enrolment.objects.exists()
    # Selecting again holds one of them back; then approval goes through.
    program_select(actor=None, program=program)
    created = program_approve(actor=None, program=program)
    enrolled = set(Enrolment.objects.values_list("person_id", flat=True))
    assert created == len(enrolled) and len({budi.pk, joko.pk} & enrolled) == 1


def test_a_person_whose_only_nik_excel_may_have_rounded_waits_and_is_never_sent(personas):
    # The NIK typed as a number ends in 0: Excel keeps 15 digits, so the 16th may not be the worker's.
    damaged = ["3573016305880008", "Wati Ningsih", "Pasuruan", "23-05-1988", "P", "Jl. Candi 2", "6", "4", "Tlogomas",
               "Lowokwaru", "linmas", "081234567897"]  # fmt: skip
    damaged[0] = 3573015904910010
    damaged[1:4] = ["Rina Wulandari", "Malang", "19-04-1991"]
    send_workers(personas, rows=[*ROWS, damaged])
    link_region(actor=None, region=personas.malang)
    rina = Person.objects.get(name="RINA WULANDARI")
    assert (rina.nik, rina.nik_check) == ("3573015904910010", "excel")
    program = a_rich_program(personas)
    program_eligibility(actor=None, program=program, save=True)
    assert Eligibility.objects.get(program=program, person=rina).eligible  # eligible: only the NIK waits
    program_select(actor=None, program=program)
    selected, waiting = selected_and_waiting(program)
    assert rina.pk not in selected
    assert waiting[rina.pk].startswith("NIK perlu diperiksa (NIK tersimpan sebagai angka di Excel")
    program_approve(actor=None, program=program)
    assert not Enrolment.objects.filter(person_id=rina.pk).exists()


def test_selecting_again_reads_the_nik_doubts_as_they_are_now_not_as_the_eligibility_saved_them(personas, workers):
    program = a_rich_program(personas)
    program_eligibility(actor=None, program=program, save=True)
    dewi, budi = workers["DEWI LESTARI"], workers["BUDI SANTOSO"]
    # After the eligibility was saved, Dukcapil refuted Dewi's NIK; Budi's doubt was settled.
    Person.objects.filter(pk=dewi.pk).update(nik_check="dukcapil_missing")
    Eligibility.objects.filter(program=program, person=budi).update(nik_check="conflict")
    program_select(actor=None, program=program)
    selected, waiting = selected_and_waiting(program)
    assert dewi.pk not in selected and waiting[dewi.pk] == "NIK perlu diperiksa (Dukcapil tidak menemukan NIK ini)"
    assert budi.pk in selected


def test_a_nik_under_doubt_since_approval_stays_out_of_the_batch(personas, workers):
    program = a_rich_program(personas)
    program_eligibility(actor=None, program=program, save=True)
    program_select(actor=None, program=program)
    created = program_approve(actor=None, program=program)
    Person.objects.filter(pk=workers["DEWI LESTARI"].pk).update(nik_check="conflict")
    result = batch_create(actor=None, program=program)
    assert (result.persons, result.nik_check_waiting) == (created - 1, 1)
    dewi = Enrolment.objects.get(person_id=workers["DEWI LESTARI"].pk)
    assert (dewi.status, dewi.batch_id) == (Enrolment.Status.SELECTED, None)


def test_a_kecamatan_without_a_kelurahan_is_domicile_in_the_region(personas):
    # Only the kecamatan is known (KECAMATAN = BLIMBING): she lives in the region.
    row = ["3573015005870011", "Sri Wahyuni", "Malang", "10-05-1987", "P", "Jl. Ciliwung 5", "1", "2", None,
           "BLIMBING", "pemulung", "081234567899"]  # fmt: skip
    send_workers(personas, rows=[row])
    link_region(actor=None, region=personas.malang)
    sri = Person.objects.get(name="SRI WAHYUNI")
    assert (sri.kelurahan_code, sri.kecamatan_code) == ("", "35.73.01")
    program = a_rich_program(personas)
    program_eligibility(actor=None, program=program, save=True)
    judged = Eligibility.objects.get(program=program, person=sri)
    assert (judged.eligible, judged.reasons) == (True, "")


assert HEADER[8:10] == ["Kelurahan", "Kecamatan"]  # the rows above put the kecamatan in the tenth column


def test_a_nik_bpjs_already_covers_is_never_paid_for_again_whichever_person_holds_it(personas, workers):
    # A row of Ahmad's split off into a second person keeps his NIK; BPJS's roster matched only the first.
    ahmad = workers["AHMAD FAUZI"]
    roster = xlsx_bytes({"Peserta": [
        ["No KPJ", "NIK", "Nama Peserta", "Tgl Lahir", "Segmen", "Status Kepesertaan", "Tgl Akhir Kepesertaan"],
        ["12345678901", ahmad.nik, "AHMAD FAUZI", "15-08-1990", "BPU", "Aktif", "31-12-2099"],
    ]})  # fmt: skip
    roster_import(actor=None, region=personas.malang, file_name="peserta.xlsx", data=roster, as_of=ON)
    twin = Person.objects.create(
        region=personas.malang,
        nik=ahmad.nik,
        name="AHMAD FAUZI",
        birth_date=ahmad.birth_date,
        kelurahan_code=ahmad.kelurahan_code,
        occupation=ahmad.occupation,
    )
    program = a_rich_program(personas)
    program_eligibility(actor=None, program=program, save=True)
    judged = {row.person_id: row for row in Eligibility.objects.filter(program=program, person__in=[ahmad, twin])}
    assert not judged[ahmad.pk].eligible and not judged[twin.pk].eligible
    assert judged[twin.pk].reasons == "bpjs.active"
