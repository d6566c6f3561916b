"""A program's stages: "Enrolled" counts the enrolments BPJS did not reject, the rejected apart, on the page,
on the enrolment page and in `jaring program list`."""

import datetime as dt
import json

import pytest
from django.core.management import call_command

from jaring.programs.models import Enrolment
from jaring.programs.selectors import program_stage_counts
from jaring.programs.services import (
    batch_create,
    batch_response_import,
    enrolment_exit,
    program_approve,
    program_eligibility,
    program_select,
)
from tests.files import xlsx_bytes

pytestmark = pytest.mark.django_db


def sent_and_answered(program, workers, *, rejected: str):
    """Five selected, approved and sent to BPJS; BPJS rejects the person named `rejected`, accepts the rest."""
    program_eligibility(actor=None, program=program, save=True)
    program_select(actor=None, program=program)
    program_approve(actor=None, program=program)
    batch_create(actor=None, program=program)
    batch = program.batches.get()
    rows = [["NIK", "KPJ", "Status", "Keterangan"]]
    for i, enrolment in enumerate(batch.enrolments.order_by("id")):
        if enrolment.person_id == workers[rejected].pk:
            rows.append([enrolment.nik, "", "Ditolak", "NIK tidak valid"])
        else:
            rows.append([enrolment.nik, f"2601234560{i}", "Diterima", ""])
    batch_response_import(actor=None, batch=batch, file_name="jawaban.xlsx", data=xlsx_bytes({"Hasil": rows}))
    program.refresh_from_db()


def test_enrolled_counts_only_the_enrolments_bpjs_did_not_reject(program, workers):
    sent_and_answered(program, workers, rejected="BUDI SANTOSO")
    counts = program_stage_counts(program=program)
    assert (counts["enrolled"], counts["enrolled_active"], counts["enrolled_rejected"]) == (4, 4, 1)
    assert (counts["selected"], counts["waiting"]) == (4, 2)  # the rejected one waits again


def test_an_ended_enrolment_still_counts_as_enrolled(program, workers):
    sent_and_answered(program, workers, rejected="BUDI SANTOSO")
    active = Enrolment.objects.filter(program=program, status=Enrolment.Status.ACTIVE).first()
    enrolment_exit(actor=None, enrolment=active, last_month=dt.date(2027, 3, 1), reason="pindah ke luar kota")
    counts = program_stage_counts(program=program)
    assert (counts["enrolled"], counts["enrolled_ended"], counts["enrolled_rejected"]) == (4, 1, 1)


def test_the_program_page_shows_the_enrolled_and_the_rejected_apart(client, personas, program, workers):
    sent_and_answered(program, workers, rejected="BUDI SANTOSO")
    client.force_login(personas.admin)
    stages = client.get(f"/program/{program.pk}/").text.split('data-testid="stages"')[1].split("</table>")[0]
    assert 'data-testid="enrolled-count">4</a>' in stages
    assert 'data-testid="rejected-count">1</td>' in stages


def test_program_list_counts_the_enrolled_as_the_page_does_and_the_rejected_apart(program, workers, capsys):
    sent_and_answered(program, workers, rejected="BUDI SANTOSO")
    call_command("program", "list", "--region", "35.73", "--json")
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["counts"] == {"eligible": 6, "selected": 4, "waiting": 2, "enrolled": 4, "rejected": 1}
    call_command("program", "list", "--region", "35.73")
    assert capsys.readouterr().out.strip().endswith("terdaftar 4, ditolak BPJS 1")
