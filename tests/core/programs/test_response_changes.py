"""What BPJS's response changes in a batch's enrolments: accepted with their KPJ, rejected with the
reason, and nothing for an answer the enrolment already has (the same answer twice changes nothing)."""

import polars as pl

from jaring.core.programs.batches import read_response, response_changes

ACTIVE, REJECTED = "active", "rejected"
MEMBERS_SCHEMA = {"id": pl.Int64, "nik": pl.String, "status": pl.String, "kpj": pl.String,
                  "rejection_reason": pl.String}  # fmt: skip
NIKS = ["3573011508900001", "3573012207700003", "3573015203850002"]


def members(*rows) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=MEMBERS_SCHEMA, orient="row")


def answer(*rows) -> pl.DataFrame:
    frame = pl.DataFrame(
        [(number, *row) for number, row in enumerate(rows, start=2)],
        schema={"row": pl.Int64, "nik": pl.String, "kpj": pl.String, "outcome": pl.String, "reason": pl.String},
        orient="row",
    )
    response = read_response(frame, set(NIKS))
    assert response.problems == []
    return response.rows


def changes_of(batch: pl.DataFrame, rows: pl.DataFrame):
    return response_changes(batch, rows, accepted_status=ACTIVE, rejected_status=REJECTED)


SUBMITTED = members(
    (1, NIKS[0], "submitted", "", ""), (2, NIKS[1], "submitted", "", ""), (3, NIKS[2], "submitted", "", "")
)


def test_accepted_become_active_with_their_kpj_and_rejected_keep_bpjs_reason():
    rows = answer(
        (NIKS[0], "26012345601", "Diterima", ""),
        (NIKS[1], "", "Ditolak", "NIK tidak padan Dukcapil"),
        (NIKS[2], "", "Sudah terdaftar", ""),
    )
    changes = changes_of(SUBMITTED, rows)
    assert (changes.accepted, changes.rejected, changes.unchanged) == (1, 2, 0)
    assert changes.changed.columns == ["id", "status", "kpj", "rejection_reason"]
    assert sorted(changes.changed.rows()) == [
        (1, ACTIVE, "26012345601", ""),
        (2, REJECTED, "", "NIK tidak padan Dukcapil"),
        (3, REJECTED, "", "sudah terdaftar"),
    ]


def test_an_answer_the_enrolment_already_has_changes_nothing():
    applied = members((1, NIKS[0], ACTIVE, "26012345601", ""), (2, NIKS[1], REJECTED, None, "NIK tidak padan Dukcapil"))
    rows = answer((NIKS[0], "26012345601", "Diterima", ""), (NIKS[1], "", "Ditolak", "NIK tidak padan Dukcapil"))
    changes = changes_of(applied, rows)
    assert changes.changed.is_empty()
    assert (changes.accepted, changes.rejected, changes.unchanged) == (0, 0, 2)


def test_a_new_kpj_or_reason_is_a_change_even_with_the_same_status():
    applied = members((1, NIKS[0], ACTIVE, "26012345601", ""), (2, NIKS[1], REJECTED, "", "ditolak tanpa keterangan"))
    rows = answer((NIKS[0], "26012345699", "Diterima", ""), (NIKS[1], "", "Ditolak", "Meninggal"))
    changes = changes_of(applied, rows)
    assert sorted(changes.changed.rows()) == [(1, ACTIVE, "26012345699", ""), (2, REJECTED, "", "Meninggal")]
    assert (changes.accepted, changes.rejected, changes.unchanged) == (1, 1, 0)


def test_enrolments_the_answer_does_not_name_are_left_out():
    changes = changes_of(SUBMITTED, answer((NIKS[2], "26012345602", "Berhasil", "")))
    assert changes.changed.rows() == [(3, ACTIVE, "26012345602", "")]
    assert (changes.accepted, changes.rejected, changes.unchanged) == (1, 0, 0)
