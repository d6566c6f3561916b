"""How long a worker has been a member, read from the months they were covered (DOMAIN.md §3).

Membership is read across programs and years: the input is the set of covered months from every
program that ever paid for the worker (the membership ledger), each month given by any day of it
(normally the first). Three lengths answer three questions:

- `membership_months`: every distinct covered month up to a date, whatever the gaps;
- `unbroken_months`: the consecutive covered months ending in a date's month (0 if it is not covered);
- `contribution_months`: the covered months of the membership still current in a date's month. BPU
  membership survives a gap of at most `BenefitRules.lapse_after_months` unpaid months (arrears may
  be paid) and a longer gap ends it, so a worker who re-joins after a longer gap starts again from
  nothing. This is what the beasiswa's 3 years (36 months) of contributions are counted on, and
  `membership_start` (its first month) is where the JKM 3-month rule counts from — the same runs
  as `core.billing.membership.membership_runs`.
"""

import datetime as dt
from collections.abc import Iterable

from jaring.core.benefits.rules import DEFAULT_BENEFIT_RULES, BenefitRules


def membership_months(covered_months: Iterable[dt.date], *, until: dt.date) -> int:
    """The number of distinct covered months up to and including `until`'s month."""
    last = _index(until)
    return sum(1 for month in _indexes(covered_months) if month <= last)


def unbroken_months(covered_months: Iterable[dt.date], *, until: dt.date) -> int:
    """The length of the run of consecutive covered months ending in `until`'s month; 0 if that month is not covered."""
    covered = _indexes(covered_months)
    month, count = _index(until), 0
    while month in covered:
        count += 1
        month -= 1
    return count


def membership_start(
    covered_months: Iterable[dt.date], *, until: dt.date, rules: BenefitRules = DEFAULT_BENEFIT_RULES
) -> dt.date | None:
    """The first month (its first day) of the membership still current in `until`'s month, or None.

    None when no month up to `until` is covered, or when more than `rules.lapse_after_months` months
    without cover (counting `until`'s month when it is uncovered) have ended the membership by then.
    """
    run = _current_run(_indexes(covered_months), _index(until), rules.lapse_after_months)
    return _month(run[0]) if run else None


def contribution_months(
    covered_months: Iterable[dt.date], *, until: dt.date, rules: BenefitRules = DEFAULT_BENEFIT_RULES
) -> int:
    """The covered months of the membership still current in `until`'s month (0 if it has lapsed).

    The gaps the membership survived are not counted: January to December 2024, no cover January to March 2025, then
    April 2025 onwards is one membership whose contribution period grows by the covered months only.
    """
    return len(_current_run(_indexes(covered_months), _index(until), rules.lapse_after_months))


def _current_run(covered: frozenset[int], until: int, lapse_after: int) -> list[int]:
    """The covered month indexes, oldest first, of the membership still current in month `until`."""
    months = sorted(month for month in covered if month <= until)
    if not months or until - months[-1] > lapse_after:
        return []
    start = len(months) - 1
    while start > 0 and months[start] - months[start - 1] - 1 <= lapse_after:
        start -= 1
    return months[start:]


def _indexes(covered_months: Iterable[dt.date]) -> frozenset[int]:
    return frozenset(_index(month) for month in covered_months)


def _index(day: dt.date) -> int:
    """Months since year 0: consecutive months differ by one (a `datetime` counts by its date)."""
    if not isinstance(day, dt.date):
        raise ValueError(f"bulan harus berupa tanggal, bukan {day!r}")
    return day.year * 12 + day.month - 1


def _month(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)
