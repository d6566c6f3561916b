"""The selected's NIKs go to Dukcapil before the batch; what it refutes stays out, what was corrected is sent."""

import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from jaring.linkage.services import link_region
from jaring.persons.models import Person
from jaring.persons.services import nik_verifications_import
from jaring.programs.models import Enrolment
from jaring.programs.services import batch_create, funding_add, program_approve, program_eligibility, program_select
from tests.files import xlsx_bytes
from tests.programs.conftest import ROWS, a_program, send_workers

pytestmark = pytest.mark.django_db


def _approved(personas, program):
    program_eligibility(actor=personas.admin, program=program, save=True)
    program_select(actor=personas.admin, program=program)
    program_approve(actor=personas.admin, program=program)


def _sheet(data: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_dukcapil_gets_the_selected_niks_and_its_answer_keeps_a_slip_out_of_the_batch(
    personas, program, workers, client, tmp_path, capsys
):
    _approved(personas, program)
    client.force_login(personas.admin)
    page = client.get(reverse("programs:people", args=[program.pk]), {"daftar": "terpilih"}).text
    assert 'data-testid="dukcapil-download"' in page
    download = client.get(
        reverse("programs:people", args=[program.pk]), {"daftar": "terpilih", "untuk": "dukcapil", "unduh": "xlsx"}
    )
    rows = _sheet(download.content)
    assert rows[0] == ["NO", "NIK", "NAMA", "TANGGAL LAHIR", "JENIS KELAMIN", "ID JARING"]
    selected = Enrolment.objects.filter(program=program)
    assert {row[1] for row in rows[1:]} >= set(selected.values_list("nik", flat=True))
    # The command writes the same NIKs.
    out = tmp_path / "nik.xlsx"
    call_command("program", "export", str(program.pk), "--list", "dukcapil", "--out", str(out), "--json")
    assert json.loads(capsys.readouterr().out)["rows"] == len(rows) - 1
    assert _sheet(out.read_bytes())[1:] == rows[1:]

    budi = selected.get(person=workers["BUDI SANTOSO"])
    answer = [["NIK", "NAMA", "HASIL"]] + [
        [row[1], row[2], "TIDAK DITEMUKAN" if row[1] == budi.nik else "SESUAI"] for row in rows[1:]
    ]
    result = nik_verifications_import(
        actor=personas.admin, region=personas.malang, file_name="hasil.xlsx", data=xlsx_bytes({"Hasil": answer})
    )
    assert result.persons_waiting == 1
    batch = batch_create(actor=personas.admin, program=program)
    assert (batch.persons, batch.nik_check_waiting) == (selected.count() - 1, 1)
    budi.refresh_from_db()
    assert (budi.status, budi.batch_id) == ("selected", None)
    # Answered NIKs are not asked again.
    call_command("program", "export", str(program.pk), "--list", "dukcapil", "--out", str(out))
    assert "0 NIK orang terpilih yang belum dijawab Dukcapil" in capsys.readouterr().out


def test_a_nik_corrected_into_another_enrolments_nik_is_not_sent_twice(personas, program, workers):
    _approved(personas, program)
    enrolments = Enrolment.objects.filter(program=program).order_by("pk")
    first, second = enrolments[0], enrolments[1]
    # A correction after approval gives the second person the first one's NIK.
    Person.objects.filter(pk=second.person_id).update(nik=first.nik)
    batch = batch_create(actor=personas.admin, program=program)
    # Neither is sent until someone looks: which of the two holds it is not for the batch to guess.
    assert (batch.persons, batch.nik_check_waiting) == (enrolments.count() - 2, 2)
    for enrolment in (first, second):
        enrolment.refresh_from_db()
        assert enrolment.batch_id is None and enrolment.status == "selected"
    sent = list(Enrolment.objects.filter(program=program, batch__isnull=False).values_list("nik", flat=True))
    assert len(sent) == len(set(sent))


def test_an_address_without_rt_or_rw_is_sent_without_placeholders(personas):
    row = ["3573015904910011", "Rina Wulandari", "Malang", "19-04-1991", "P", "Jl. Candi 2", "", "", "Tlogomas",
           "Lowokwaru", "linmas", "081234567897"]  # fmt: skip
    send_workers(personas, rows=[*ROWS, row])
    link_region(actor=None, region=personas.malang)
    program = a_program(personas)
    funding_add(actor=None, program=program, kind="apbd", amount=20 * 12 * 16_800, legal_basis="Perwal")
    _approved(personas, program)
    addresses = dict(Enrolment.objects.filter(program=program).values_list("name", "address"))
    assert addresses["RINA WULANDARI"] == "Jl. Candi 2"
    assert addresses["BUDI SANTOSO"] == "Jl. Kalpataru 12 RT 001/RW 003"
