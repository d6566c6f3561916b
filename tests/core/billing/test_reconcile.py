"""Every reconciliation class on a hand-made membership and bill: the answers are written by hand."""

import datetime as dt

import polars as pl

from jaring.core.billing import (
    EXPECTED_SCHEMA,
    LINE_SCHEMA,
    empty_context,
    open_differences,
    payable_by_source,
    reconcile,
    summary,
)

JUL, AUG, JUN = dt.date(2026, 7, 1), dt.date(2026, 8, 1), dt.date(2026, 6, 1)
A, B, C, D, E = (f"35730{n}0101800001" for n in range(1, 6))  # 16-digit NIKs of five members


def member(person_id, nik, kpj, month=JUL, source_id=1, enrolment_id=None):
    return {
        "enrolment_id": enrolment_id or person_id,
        "person_id": person_id,
        "source_id": source_id,
        "fund": "apbd",
        "kpj": kpj,
        "nik": nik,
        "name": f"ORANG {person_id}",
        "month": month,
        "exp_jkk": 10_000,
        "exp_jkm": 6_800,
        "exp_jht": 0,
        "exp_total": 16_800,
        "exp_discounted": 8_400,
    }


def line(row, nik, kpj, month=JUL, jkk=10_000, jkm=6_800, jht=0, problem=None):
    return {
        "line_id": row,
        "row": row,
        "kpj": kpj,
        "nik": nik,
        "name": "X",
        "month": month,
        "jkk": jkk,
        "jkm": jkm,
        "jht": jht,
        "total": jkk + jkm + jht,
        "problem": problem,
    }


EXPECTED = pl.DataFrame(
    [
        member(1, A, "10000000001"),
        member(2, B, "10000000002", source_id=2),
        member(3, C, "10000000003"),
        member(4, D, "10000000004"),
        member(5, E, "10000000005"),
    ],
    schema=EXPECTED_SCHEMA,
)


def classes(items):
    return {(row["row"], row["nik"]): (row["klass"], row["detail"]) for row in items.to_dicts()}


def test_each_line_and_each_unbilled_month_gets_its_class():
    stranger = "3573050505900009"
    lines = pl.DataFrame(
        [
            line(10, A, "10000000001"),  # matched
            line(11, A, "10000000001"),  # the same person and month again
            line(12, B, "10000000002", jkk=20_000),  # income level Rp2 juta
            line(13, C, "10000000003", jkk=5_000, jkm=3_400),  # the discount on public money
            line(14, stranger, "10000000099"),  # not enrolled
            line(15, D, "10000000005"),  # D's NIK with E's KPJ
            line(16, None, None, problem="nik_missing"),
            line(17, B, "10000000002", month=AUG),  # B is not a member in August
        ],
        schema=LINE_SCHEMA,
    )
    items = reconcile(lines, EXPECTED, empty_context())
    got = classes(items)
    assert got[(10, A)] == ("matched", "")
    assert got[(11, A)] == ("billed_twice", "same_invoice")
    assert got[(12, B)] == ("amount_differs", "income_level")
    assert got[(13, C)] == ("amount_differs", "discount")
    assert got[(14, stranger)] == ("not_enrolled", "")
    assert got[(15, D)] == ("kpj_nik_mismatch", "")
    assert got[(16, None)] == ("unreadable", "nik_missing")
    assert got[(17, B)] == ("not_enrolled", "")
    # E was never billed (D's line carries E's KPJ but bills D's month): E's July is not billed.
    assert got[(None, E)] == ("not_billed", "")
    assert (None, D) not in got
    assert items.height == lines.height + 1


def test_two_kpjs_death_other_programs_and_jht():
    lines = pl.DataFrame(
        [
            line(20, A, "10000000077"),  # A under a second KPJ, written first
            line(21, A, "10000000001"),  # A's own KPJ: this one stands
            line(22, B, "10000000002"),  # B died in June
            line(23, "3573060606900006", "10000000066"),  # covered by another program this month
            line(24, C, "10000000003"),  # C's month was already billed by another program's bill
            line(25, D, "10000000004", jht=20_000),  # JHT billed though the package has none
        ],
        schema=LINE_SCHEMA,
    )
    context = empty_context()
    context = type(context)(
        persons=pl.DataFrame({"nik": ["3573060606900006"], "person_id": [66]}),
        kpj_owners=context.kpj_owners,
        ended=pl.DataFrame({"person_id": [2], "from_month": [JUL], "ended_by": ["death"]}),
        other_members=pl.DataFrame({"person_id": [66], "month": [JUL]}),
        other_billed=pl.DataFrame({"nik": [C], "month": [JUL]}),
        resolutions=context.resolutions,
    )
    got = classes(reconcile(lines, EXPECTED, context))
    assert got[(20, A)] == ("billed_twice", "two_kpj")
    assert got[(21, A)] == ("matched", "")
    assert got[(22, B)] == ("after_end", "death")
    assert got[(23, "3573060606900006")] == ("billed_twice", "other_program")
    assert got[(24, C)] == ("billed_twice", "other_program")
    assert got[(25, D)] == ("amount_differs", "jht")
    # C's month was billed elsewhere: not 'not billed' here; E's was never billed.
    assert got[(None, E)] == ("not_billed", "")
    assert (None, C) not in got


def test_a_resolved_difference_is_remembered_and_not_raised_again():
    lines = pl.DataFrame([line(30, B, "10000000002", jkk=20_000), line(31, C, "10000000003", jkk=5_000, jkm=3_400)])
    context = empty_context()
    accepted = pl.DataFrame(
        {"nik": [B], "month": [None], "klass": ["amount_differs"], "reason": ["diterima"]},
        schema={"nik": pl.String, "month": pl.Date, "klass": pl.String, "reason": pl.String},
    )
    context = type(context)(**{**context.__dict__, "resolutions": accepted})
    items = reconcile(lines.cast({"month": pl.Date}), EXPECTED, context)
    still_open = open_differences(items)
    assert B not in still_open.get_column("nik").to_list()
    assert C in still_open.get_column("nik").to_list()
    resolved = items.filter(pl.col("nik") == B).row(0, named=True)
    assert resolved["klass"] == "amount_differs" and resolved["resolved"] == "diterima"
    # B's accepted line is owed at the billed amount by fund 2; C's open difference is not owed yet.
    assert payable_by_source(items) == {2: 26_800}
    # C's discount resolved for BPJS to correct next month: owed by the rule now, and still asked of BPJS.
    to_correct = pl.DataFrame(
        {"nik": [B, C], "month": [None, JUL], "klass": ["amount_differs"] * 2, "reason": ["diterima", "koreksi"],
         "accepted": [True, False]},
        schema={"nik": pl.String, "month": pl.Date, "klass": pl.String, "reason": pl.String, "accepted": pl.Boolean},
    )  # fmt: skip
    context = type(context)(**{**context.__dict__, "resolutions": to_correct})
    items = reconcile(lines.cast({"month": pl.Date}), EXPECTED, context)
    assert payable_by_source(items) == {2: 26_800, 1: 16_800}
    asked = open_differences(items).filter(pl.col("klass") == "amount_differs").get_column("nik").to_list()
    assert asked == [C]


def test_summary_counts_person_months_and_rupiah_per_class():
    lines = pl.DataFrame(
        [line(40, A, "10000000001"), line(41, A, "10000000001"), line(42, B, "10000000002", jkk=20_000)],
        schema=LINE_SCHEMA,
    )
    rows = {row["klass"]: row for row in summary(reconcile(lines, EXPECTED, empty_context()))}
    assert rows["matched"] == {
        "klass": "matched",
        "lines": 1,
        "person_months": 1,
        "billed": 16_800,
        "expected": 16_800,
        "resolved": 0,
    }
    assert rows["billed_twice"]["billed"] == 16_800
    assert rows["amount_differs"]["billed"] == 26_800 and rows["amount_differs"]["expected"] == 16_800
    assert rows["not_billed"]["person_months"] == 3 and rows["not_billed"]["expected"] == 3 * 16_800
    assert rows["not_billed"]["lines"] == 0


def test_a_member_billed_for_an_earlier_month_is_matched_against_that_month():
    expected = pl.concat([EXPECTED, pl.DataFrame([member(1, A, "10000000001", month=JUN)], schema=EXPECTED_SCHEMA)])
    lines = pl.DataFrame([line(50, A, "10000000001", month=JUN)], schema=LINE_SCHEMA)
    got = classes(reconcile(lines, expected, empty_context()))
    assert got[(50, A)] == ("matched", "")
    assert got[(None, A)] == ("not_billed", "")  # July is still unbilled
