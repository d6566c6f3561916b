"""Membership length from covered months of any program (DOMAIN.md §3)."""

import datetime as dt

import pytest

from jaring.core.benefits import (
    BenefitRules,
    contribution_months,
    membership_months,
    membership_start,
    unbroken_months,
)


def months(first: dt.date, count: int) -> list[dt.date]:
    """`count` consecutive first-of-month dates from `first`'s month."""
    index = first.year * 12 + first.month - 1
    return [dt.date((index + n) // 12, (index + n) % 12 + 1, 1) for n in range(count)]


YEAR_2025 = months(dt.date(2025, 1, 1), 12)
# Jan-Dec 2025, then Mar-Apr 2026 after two unpaid months; June 2025 also from a second program.
WITH_SHORT_GAP = [*YEAR_2025, dt.date(2025, 6, 1), dt.date(2026, 3, 1), dt.date(2026, 4, 1)]


def test_membership_months_counts_distinct_months_up_to_until_whatever_the_gaps():
    assert membership_months(WITH_SHORT_GAP, until=dt.date(2026, 4, 15)) == 14
    assert membership_months(WITH_SHORT_GAP, until=dt.date(2026, 2, 28)) == 12
    assert membership_months(WITH_SHORT_GAP, until=dt.date(2025, 6, 30)) == 6
    assert membership_months(WITH_SHORT_GAP, until=dt.date(2024, 12, 31)) == 0


def test_a_month_is_any_day_of_it_and_counts_once_across_programs():
    covered = [dt.date(2025, 6, 1), dt.date(2025, 6, 20), dt.datetime(2025, 6, 3, 12, 0), dt.date(2025, 7, 1)]
    assert membership_months(covered, until=dt.date(2025, 7, 1)) == 2
    assert unbroken_months(covered, until=dt.datetime(2025, 7, 31, 23, 59)) == 2


def test_unbroken_months_is_the_run_ending_in_until_month():
    assert unbroken_months(WITH_SHORT_GAP, until=dt.date(2026, 4, 10)) == 2
    assert unbroken_months(WITH_SHORT_GAP, until=dt.date(2026, 3, 1)) == 1
    assert unbroken_months(WITH_SHORT_GAP, until=dt.date(2025, 12, 31)) == 12
    assert unbroken_months(WITH_SHORT_GAP, until=dt.date(2026, 1, 15)) == 0  # not covered


def test_a_gap_of_three_months_keeps_the_membership_and_four_end_it():
    three = [*YEAR_2025, dt.date(2026, 4, 1)]  # Jan, Feb, Mar 2026 unpaid
    four = [*YEAR_2025, dt.date(2026, 5, 1)]  # Jan to Apr 2026 unpaid
    assert contribution_months(three, until=dt.date(2026, 4, 30)) == 13
    assert membership_start(three, until=dt.date(2026, 4, 30)) == dt.date(2025, 1, 1)
    assert contribution_months(four, until=dt.date(2026, 5, 1)) == 1
    assert membership_start(four, until=dt.date(2026, 5, 1)) == dt.date(2026, 5, 1)


def test_after_the_last_covered_month_the_membership_lapses_in_the_fourth_unpaid_month():
    assert contribution_months(YEAR_2025, until=dt.date(2026, 3, 31)) == 12
    assert membership_start(YEAR_2025, until=dt.date(2026, 3, 31)) == dt.date(2025, 1, 1)
    assert contribution_months(YEAR_2025, until=dt.date(2026, 4, 1)) == 0
    assert membership_start(YEAR_2025, until=dt.date(2026, 4, 1)) is None
    assert membership_start([], until=dt.date(2026, 4, 1)) is None


def test_contribution_months_skip_the_gaps_and_later_months():
    assert contribution_months(WITH_SHORT_GAP, until=dt.date(2026, 4, 30)) == 14
    assert contribution_months(WITH_SHORT_GAP, until=dt.date(2026, 2, 1)) == 12  # inside the gap


def test_with_no_lapse_allowance_every_missing_month_starts_again():
    strict = BenefitRules(lapse_after_months=0)
    assert contribution_months(WITH_SHORT_GAP, until=dt.date(2026, 4, 30), rules=strict) == 2
    assert membership_start(WITH_SHORT_GAP, until=dt.date(2026, 4, 30), rules=strict) == dt.date(2026, 3, 1)
    assert contribution_months(WITH_SHORT_GAP, until=dt.date(2026, 2, 1), rules=strict) == 0


def test_three_years_are_36_covered_months():
    three_years = months(dt.date(2023, 1, 1), 36)
    assert contribution_months(three_years, until=dt.date(2025, 11, 30)) == 35
    assert contribution_months(three_years, until=dt.date(2025, 12, 1)) == 36


def test_a_month_must_be_a_date():
    with pytest.raises(ValueError, match="bulan harus berupa tanggal"):
        membership_months(["2025-01"], until=dt.date(2025, 1, 1))  # type: ignore[list-item]
