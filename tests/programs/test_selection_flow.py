"""A program from eligibility to BPJS's response: reasons, selection within two funds, hand decisions
that survive a re-run, the frozen selection, the batch file and an idempotent response."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from jaring.accounts.models import AuditEvent
from jaring.persons.models import Person
from jaring.programs.models import Eligibility, Enrolment, Program
from jaring.programs.selectors import program_selected, program_waiting
from jaring.programs.services import (
    batch_create,
    batch_file,
    batch_response_import,
    decision_set,
    program_approve,
    program_eligibility,
    program_select,
)
from tests.files import xlsx_bytes

pytestmark = pytest.mark.django_db


def selected_names(program) -> list[str]:
    return sorted(row.person.name for row in program_selected(program=program).iterator())


def ranking(program) -> list[tuple[int, str, str | None, str]]:
    """rank, name, fund kind (None: waiting) and why waiting, of everyone the selection ranked."""
    rows = [*program_selected(program=program).iterator(), *program_waiting(program=program).iterator()]
    return sorted((r.rank, r.person.name, r.source.kind if r.source else None, r.waiting_reason) for r in rows)


def test_preview_saves_nothing_and_every_exclusion_has_a_reason(personas, program):
    preview = program_eligibility(actor=personas.admin, program=program, save=False)
    assert (preview.persons, preview.eligible) == (8, 6)
    assert preview.reasons["age.above"] == 1 and preview.reasons["age.below"] == 1
    assert not Eligibility.objects.exists()
    saved = program_eligibility(actor=personas.admin, program=program, save=True)
    assert saved.to_dict() == {**preview.to_dict(), "saved": True}
    slamet = Eligibility.objects.get(person__name="SLAMET RIYADI")
    assert (slamet.eligible, slamet.age, slamet.reasons) == (False, 67, "age.above")


def test_selection_spends_each_fund_on_whole_people_and_the_rest_wait_in_order(personas, program):
    program_eligibility(actor=personas.admin, program=program, save=True)
    result = program_select(actor=personas.admin, program=program)
    assert (result.candidates, result.selected, result.waiting) == (6, 5, 1)
    assert result.spent == {"DBHCHT": 2 * 201_600, "APBD": 3 * 201_600}
    farmers = [
        row.person.occupation for row in program_selected(program=program).iterator() if row.source.kind == "dbhcht"
    ]
    assert farmers == ["petani", "petani"]
    [waiting] = program_waiting(program=program).iterator()
    assert waiting.person.name == "WATI NINGSIH"
    assert waiting.waiting_reason == "dana APBD habis pada peringkat 5"
    assert (waiting.rank, len(program_waiting(program=program)[0:10])) == (5, 1)
    # The same candidates and rules give the same selection.
    before = ranking(program)
    program_select(actor=personas.admin, program=program)
    assert ranking(program) == before


def test_hand_decisions_survive_running_eligibility_again(personas, program, workers):
    program_eligibility(actor=personas.admin, program=program, save=True)
    decision_set(actor=personas.admin, program=program, person=workers["SLAMET RIYADI"], include=True,
                 reason="Penggali makam satu-satunya di kelurahan")  # fmt: skip
    decision_set(actor=personas.admin, program=program, person=workers["JOKO SUSILO"], include=False,
                 reason="Sudah dibiayai CSR rumah sakit")  # fmt: skip
    rerun = program_eligibility(actor=personas.admin, program=program, save=True)
    assert rerun.eligible == 6
    slamet = Eligibility.objects.get(program=program, person=workers["SLAMET RIYADI"])
    joko = Eligibility.objects.get(program=program, person=workers["JOKO SUSILO"])
    assert (slamet.eligible, slamet.manual, slamet.reasons) == (True, True, "age.above")
    assert (joko.eligible, joko.manual, joko.reasons) == (False, False, "manual.excluded")
    with pytest.raises(ValidationError, match="5"):
        decision_set(actor=personas.admin, program=program, person=workers["WATI NINGSIH"], include=True, reason="ok")


def test_approval_freezes_the_selection_and_the_batch_round_trip(personas, program, workers):
    program_eligibility(actor=personas.admin, program=program, save=True)
    program_select(actor=personas.admin, program=program)
    assert program_approve(actor=personas.admin, program=program) == 5
    program.refresh_from_db()
    assert program.status == Program.Status.APPROVED
    # Later registry edits do not change what was decided (who, from which fund, at what cost)...
    Person.objects.filter(pk=workers["BUDI SANTOSO"].pk).update(name="BUDI SANTOSO", nik="3573012207700013")
    with pytest.raises(ValidationError):
        program_eligibility(actor=personas.admin, program=program, save=True)
    decided = set(Enrolment.objects.filter(program=program).values_list("person_id", "source_id", "cost"))

    # ...but a NIK corrected since approval is the one BPJS gets: the batch sends the person as they are now.
    batch = batch_create(actor=personas.admin, program=program)
    assert (batch.persons, batch.niks_updated) == (5, 1)
    assert set(Enrolment.objects.filter(program=program).values_list("person_id", "source_id", "cost")) == decided
    assert AuditEvent.objects.get(action="programs.batch_create").after["niks_updated"] == 1
    name, data = batch_file(batch=program.batches.get(), fmt="xlsx")
    assert name.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["NIK", "NAMA LENGKAP", "TEMPAT LAHIR", "TANGGAL LAHIR", "JENIS KELAMIN", "ALAMAT",
                       "KELURAHAN", "PEKERJAAN", "NO HP", "PROGRAM", "BULAN MULAI", "KODE WADAH"]  # fmt: skip
    budi = next(row for row in rows if row[1] == "BUDI SANTOSO")
    assert budi == ["3573012207700013", "BUDI SANTOSO", "BLITAR", "22-07-1970", "L", "Jl. Kalpataru 12 RT 001/RW 003",
                    "Tlogomas", "Ojek / ojol", "+6281234567891", "JKK-JKM", "01-2027", "SG"]  # fmt: skip
    assert Enrolment.objects.filter(program=program, status="submitted").count() == 5

    sent = {row[1]: row[0] for row in rows[1:]}
    response = xlsx_bytes({"Hasil": [
        ["NIK", "KPJ", "Status", "Keterangan"],
        [sent["BUDI SANTOSO"], "26012345678", "Diterima", ""],
        [sent["AHMAD FAUZI"], "26012345679", "Diterima", ""],
        [sent["SITI AMINAH"], "26012345680", "Berhasil", ""],
        [sent["JOKO SUSILO"], "", "Ditolak", "Sudah terdaftar"],
        [sent["DEWI LESTARI"], "", "Ditolak", "NIK tidak padan Dukcapil"],
    ]})  # fmt: skip
    batch_row = program.batches.get()
    result = batch_response_import(actor=personas.bpjs, batch=batch_row, file_name="jawaban.xlsx", data=response)
    assert (result.accepted, result.rejected, result.unchanged, result.returned_to_waiting) == (3, 2, 0, 2)
    budi = Enrolment.objects.get(program=program, person=workers["BUDI SANTOSO"])
    assert (budi.status, budi.kpj) == ("active", "26012345678")
    waiting = {row.person.name: (row.source, row.waiting_reason) for row in program_waiting(program=program).iterator()}
    assert waiting["DEWI LESTARI"] == (None, "ditolak BPJS: NIK tidak padan Dukcapil")
    assert "DEWI LESTARI" not in selected_names(program)

    snapshot = list(Enrolment.objects.order_by("id").values_list("status", "kpj", "rejection_reason"))
    with pytest.raises(ValidationError, match=r"already imported|sudah diimpor"):
        batch_response_import(actor=personas.bpjs, batch=batch_row, file_name="jawaban (1).xlsx", data=response)
    assert list(Enrolment.objects.order_by("id").values_list("status", "kpj", "rejection_reason")) == snapshot

    # The money BPJS's rejections freed goes to the next on the waiting list; the rejected are not chosen again.
    top_up = program_select(actor=personas.admin, program=program)
    assert top_up.new_enrolments == 1
    # Where things stand now: the two BPJS rejected wait again and hold no money.
    assert (top_up.selected, top_up.waiting, sum(top_up.spent.values())) == (4, 2, 4 * 201_600)
    wati = Enrolment.objects.get(program=program, person=workers["WATI NINGSIH"])
    assert (wati.status, wati.batch) == ("selected", None)
    assert batch_create(actor=personas.admin, program=program).persons == 1


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["3573019999990001", "26012345678", "Diterima", ""], "tidak ada dalam batch"),
        (["BUDI", "2601234567", "Diterima", ""], "NIK"),
        (["{budi}", "2601234567", "Diterima", ""], "11 angka"),
        (["{budi}", "", "entah", ""], "tidak dikenali"),
    ],
)
def test_a_response_with_a_bad_row_changes_nothing(personas, program, workers, row, message):
    program_eligibility(actor=personas.admin, program=program, save=True)
    program_select(actor=personas.admin, program=program)
    program_approve(actor=personas.admin, program=program)
    batch_create(actor=personas.admin, program=program)
    budi = Enrolment.objects.get(person=workers["BUDI SANTOSO"]).nik
    good = [Enrolment.objects.get(person=workers["AHMAD FAUZI"]).nik, "26012345679", "Diterima", ""]
    data = xlsx_bytes({"Hasil": [["NIK", "KPJ", "Status", "Keterangan"], good, [c.format(budi=budi) for c in row]]})
    with pytest.raises(ValidationError, match=message):
        batch_response_import(actor=personas.bpjs, batch=program.batches.get(), file_name="x.xlsx", data=data)
    assert set(Enrolment.objects.values_list("status", flat=True)) == {"submitted"}


def test_persons_enrolled_in_another_program_for_the_same_months_are_not_eligible(personas, program, workers):
    from jaring.programs.services import funding_add
    from tests.programs.conftest import a_program

    sports = a_program(personas, name="Porprov 2027", per_worker_months=3, start=program.cover_start.replace(month=6))
    funding_add(actor=None, program=sports, kind="apbd", amount=3 * 16_800)  # one athlete
    program_eligibility(actor=None, program=sports, save=True)
    program_select(actor=None, program=sports)
    program_approve(actor=None, program=sports)
    athlete = Enrolment.objects.get(program=sports).person_id
    program_eligibility(actor=None, program=program, save=True)
    assert Eligibility.objects.get(program=program, person_id=athlete).reasons == "program.overlap"
    later = a_program(personas, name="Pekerja rentan 2028", start=program.cover_start.replace(year=2028))
    program_eligibility(actor=None, program=later, save=True)
    assert Eligibility.objects.get(program=later, person_id=athlete).eligible


def test_persons_merged_after_the_selection_are_shown_so_and_approval_waits_for_a_new_one(personas, program, workers):
    from jaring.persons.services import person_merge

    program_eligibility(actor=personas.admin, program=program, save=True)
    program_select(actor=personas.admin, program=program)
    # The review decides two selected persons are one: the merge is not blocked by the program.
    budi, ahmad = workers["BUDI SANTOSO"], workers["AHMAD FAUZI"]
    person_merge(actor=personas.admin, region=personas.malang, person_ids=(budi.pk, ahmad.pk))
    rows = list(program_selected(program=program).iterator())
    assert sum(row.person is None for row in rows) == 1 and len(rows) == 5
    with pytest.raises(ValidationError, match=r"merged|digabung"):
        program_approve(actor=personas.admin, program=program)
    assert not Enrolment.objects.exists()
    program_eligibility(actor=personas.admin, program=program, save=True)
    program_select(actor=personas.admin, program=program)
    # The merged person's rows give two NIKs: until one is confirmed, they wait and BPJS gets neither.
    [merged] = [row for row in program_waiting(program=program).iterator() if row.person.pk == min(budi.pk, ahmad.pk)]
    assert merged.waiting_reason == "NIK perlu diperiksa (daftar-daftar menyebut NIK berbeda)"
    assert program_approve(actor=personas.admin, program=program) == 4
