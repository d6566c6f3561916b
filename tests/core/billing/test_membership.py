"""The member-month ledger, its runs across programs and years, and the continuity guard."""

import datetime as dt

import polars as pl

from jaring.core.billing import (
    ENROLMENT_SCHEMA,
    active_on,
    cover_ends_next_month,
    double_enrolments,
    lapse_risks,
    member_month_counts,
    member_months,
    membership_ends,
    membership_runs,
    stake_text,
)

NO_DEATHS = pl.DataFrame(schema={"person_id": pl.Int64, "death_date": pl.Date})


def enrolment(enrolment_id, person_id, start, months, *, program_id=1, source_id=1, status="active", end_month=None):
    return {
        "enrolment_id": enrolment_id,
        "person_id": person_id,
        "program_id": program_id,
        "source_id": source_id,
        "fund": "apbd",
        "status": status,
        "cover_start": start,
        "cover_months": months,
        "end_month": end_month,
        "kpj": f"{enrolment_id:011d}",
        "nik": f"{person_id:016d}",
    }


def frame(*rows):
    return pl.DataFrame(list(rows), schema=ENROLMENT_SCHEMA)


def test_months_end_with_the_program_a_death_or_an_exit_and_skip_rejections():
    enrolments = frame(
        enrolment(1, 1, dt.date(2026, 7, 1), 6),  # July to December
        enrolment(2, 2, dt.date(2026, 7, 1), 6),  # dies 15 September: covered to the end of September
        enrolment(3, 3, dt.date(2026, 7, 1), 6, status="ended", end_month=dt.date(2026, 8, 1)),  # left after August
        enrolment(4, 4, dt.date(2026, 7, 1), 6, status="rejected"),
        enrolment(5, 5, dt.date(2026, 7, 1), 6, status="submitted"),
    )
    deaths = pl.DataFrame({"person_id": [2], "death_date": [dt.date(2026, 9, 15)]})
    months = member_months(enrolments, deaths)
    per_person = dict(months.group_by("person_id").len().iter_rows())
    assert per_person == {1: 6, 2: 3, 3: 2}
    ends = {
        row["enrolment_id"]: (row["last_month"], row["ended_by"])
        for row in membership_ends(enrolments, deaths).to_dicts()
    }
    assert ends == {
        1: (dt.date(2026, 12, 1), "program_end"),
        2: (dt.date(2026, 9, 1), "death"),
        3: (dt.date(2026, 8, 1), "exit"),
    }
    assert sorted(active_on(months, dt.date(2026, 9, 30)).get_column("person_id").to_list()) == [1, 2]
    counts = member_month_counts(months, ["program_id", "source_id"]).to_dicts()
    assert counts == [{"program_id": 1, "source_id": 1, "person_months": 11, "persons": 3}]


def test_a_death_after_the_cover_leaves_the_months_as_they_were():
    enrolments = frame(enrolment(1, 1, dt.date(2026, 7, 1), 3))
    deaths = pl.DataFrame({"person_id": [1], "death_date": [dt.date(2027, 2, 1)]})
    ends = membership_ends(enrolments, deaths).row(0, named=True)
    assert (ends["last_month"], ends["ended_by"]) == (dt.date(2026, 9, 1), "program_end")


def test_runs_survive_a_gap_of_three_months_and_end_after_a_longer_one():
    enrolments = frame(
        # Person 1: July-December 2024, then April-December 2025 (a 3-month gap: one run), then
        # May 2026 (a 4-month gap: a new run).
        enrolment(1, 1, dt.date(2024, 7, 1), 6),
        enrolment(2, 1, dt.date(2025, 4, 1), 9, program_id=2),
        enrolment(3, 1, dt.date(2026, 5, 1), 8, program_id=3),
    )
    runs = membership_runs(member_months(enrolments, NO_DEATHS)).to_dicts()
    assert [
        (r["run_start"], r["run_end"], r["covered_months"], r["gap_months"], r["longest_unbroken"]) for r in runs
    ] == [
        (dt.date(2024, 7, 1), dt.date(2025, 12, 1), 15, 3, 9),
        (dt.date(2026, 5, 1), dt.date(2026, 12, 1), 8, 0, 8),
    ]


def test_two_enrolments_for_the_same_months_are_a_double_enrolment():
    enrolments = frame(
        enrolment(1, 1, dt.date(2026, 1, 1), 12),
        enrolment(2, 1, dt.date(2026, 7, 1), 6, program_id=2),
        enrolment(3, 2, dt.date(2026, 1, 1), 12),
    )
    doubles = double_enrolments(member_months(enrolments, NO_DEATHS))
    assert doubles.height == 6
    assert doubles.get_column("person_id").unique().to_list() == [1]
    assert doubles.row(0, named=True)["enrolments"] == [1, 2]


def test_cover_ending_next_month():
    enrolments = frame(enrolment(1, 1, dt.date(2026, 1, 1), 12), enrolment(2, 2, dt.date(2026, 1, 1), 11))
    ending = cover_ends_next_month(member_months(enrolments, NO_DEATHS), today=dt.date(2026, 10, 20))
    assert ending.get_column("person_id").to_list() == [2]


def test_the_continuity_guard_lists_who_lapses_before_the_next_cover_and_what_is_at_stake():
    enrolments = frame(
        enrolment(1, 1, dt.date(2026, 1, 1), 12),  # ends December: 4 months without cover before May 2027
        enrolment(2, 2, dt.date(2026, 11, 1), 2),  # only 2 months of membership
        enrolment(3, 3, dt.date(2026, 2, 1), 12),  # ends January 2027: February to April is 3 months
        enrolment(4, 4, dt.date(2026, 1, 1), 12),
        enrolment(5, 4, dt.date(2027, 1, 1), 12, program_id=2),  # already covered next year
        enrolment(6, 5, dt.date(2025, 1, 1), 6),  # lapsed long ago: not listed
    )
    months = member_months(enrolments, NO_DEATHS)
    risks = lapse_risks(months, today=dt.date(2026, 12, 3), next_cover=dt.date(2027, 5, 1))
    rows = {row["person_id"]: row for row in risks.to_dicts()}
    assert sorted(rows) == [1, 2]
    assert rows[1]["lapses_on"] == dt.date(2027, 4, 1) and rows[1]["months_without_cover"] == 4
    assert rows[1]["jkm_at_stake"] is True and rows[1]["scholarship_months"] == 12
    assert rows[2]["jkm_at_stake"] is False
    assert 3 not in rows
    # With next year's cover starting in April, the gap after December is 3 months: nobody lapses.
    assert lapse_risks(months, today=dt.date(2026, 12, 3), next_cover=dt.date(2027, 4, 1)).is_empty()
    assert stake_text(rows[1]) == "JKM penuh (Rp42 juta); beasiswa 12 dari 36 bulan"
    assert stake_text(rows[2], "en") == "not yet 3 months for full JKM; beasiswa 2 of 36 months"
