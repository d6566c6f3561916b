"""Two selections of one program at once cannot both spend its money (PostgreSQL: the program's row lock)."""

import threading

import pytest
from django.db import close_old_connections, connection

from jaring.programs.models import Enrolment, Ranking
from jaring.programs.selectors import program_ranking
from jaring.programs.services import (
    batch_create,
    batch_response_import,
    program_approve,
    program_eligibility,
    program_select,
)
from tests.files import xlsx_bytes

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between connections: PostgreSQL"),
]


def at_once(work, times: int = 2) -> list:
    """Run `work` in `times` threads (each with its own connection) released together; their results or errors."""
    start = threading.Barrier(times)
    outcomes: list = [None] * times

    def run(index: int) -> None:
        try:
            start.wait()
            outcomes[index] = work()
        except Exception as exc:  # noqa: BLE001  (the test inspects what each thread met)
            outcomes[index] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_selections_of_a_draft_leave_one_selection(personas, program):
    program_eligibility(actor=None, program=program, save=True)
    outcomes = at_once(lambda: program_select(actor=None, program=program))
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    # One ranking of every eligible person, not two runs side by side.
    assert Ranking.objects.filter(program=program).count() == 1
    ranking = program_ranking(program=program)
    assert (ranking.height, ranking.get_column("source_id").is_not_null().sum()) == (6, 5)


def test_two_top_ups_at_once_spend_freed_money_once(personas, program):
    program_eligibility(actor=None, program=program, save=True)
    program_select(actor=None, program=program)
    program_approve(actor=None, program=program)
    batch = batch_create(actor=None, program=program)
    rejected = Enrolment.objects.filter(program=program, source__kind="apbd").order_by("id").first()
    rows = [["NIK", "KPJ", "Status", "Keterangan"]]
    for enrolment in Enrolment.objects.filter(program=program):
        if enrolment.pk == rejected.pk:
            rows.append([enrolment.nik, "", "Ditolak", "Data tidak valid"])
        else:
            rows.append([enrolment.nik, f"260{enrolment.pk:08d}", "Diterima", ""])
    batch_response_import(
        actor=None, batch=program.batches.get(pk=batch.batch_id), file_name="jawaban.xlsx", data=xlsx_bytes({"H": rows})
    )
    outcomes = at_once(lambda: program_select(actor=None, program=program))
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sorted(o.new_enrolments for o in outcomes) == [0, 1]  # the second saw the first's enrolment
    live = Enrolment.objects.filter(program=program, status__in=["selected", "submitted", "active"])
    for source in program.sources.all():
        assert sum(live.filter(source=source).values_list("cost", flat=True)) <= source.amount
