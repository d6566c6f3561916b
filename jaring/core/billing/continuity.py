"""The continuity guard: who loses their membership if no program covers them by a given month.

A worker whose latest covered month is followed by more than LAPSE_AFTER_MONTHS months without paid
cover loses their membership (DOMAIN.md §3). What is at stake then is what the run has earned: the
full JKM death benefit after 3 months of membership, and the progress towards the beasiswa's 3 years
of contributions — both start again from nothing. The planner's continuity warning reads the same rule.
"""

import datetime as dt
from typing import Any

import polars as pl

from jaring.core.billing.membership import latest_runs, month_index

JKM_FULL_AFTER_MONTHS = 3
SCHOLARSHIP_AFTER_MONTHS = 36


def lapse_risks(months: pl.DataFrame, *, today: dt.date, next_cover: dt.date) -> pl.DataFrame:
    """Persons still members today whose membership lapses before `next_cover` (the first month a next
    program could cover them): more than LAPSE_AFTER_MONTHS months without cover in between. With what is at stake.

    Columns: person_id, run_start, run_end, covered_months, lapses_on, months_without_cover (from the run's
    end to `next_cover`), jkm_at_stake (3 months of membership reached), scholarship_months (toward 36),
    ends_in_months (months from today's month to the last covered one; negative: already uncovered).
    """
    today_month, next_month = today.replace(day=1), next_cover.replace(day=1)
    runs = latest_runs(months)
    gap = pl.lit(month_index_of(next_month)) - month_index(pl.col("run_end")) - 1
    return (
        runs.filter((pl.col("lapses_on") > pl.lit(today_month)) & (pl.col("lapses_on") < pl.lit(next_month)))
        .with_columns(
            months_without_cover=gap,
            jkm_at_stake=month_index(pl.col("run_end")) - month_index(pl.col("run_start")) + 1 >= JKM_FULL_AFTER_MONTHS,
            scholarship_months=pl.col("covered_months").clip(upper_bound=SCHOLARSHIP_AFTER_MONTHS),
            ends_in_months=month_index(pl.col("run_end")) - month_index_of(today_month),
        )
        .select(
            "person_id",
            "run_start",
            "run_end",
            "covered_months",
            "lapses_on",
            "months_without_cover",
            "jkm_at_stake",
            "scholarship_months",
            "ends_in_months",
        )
        .sort("lapses_on", "person_id")
    )


def stake_text(row: dict[str, Any], language: str = "id") -> str:
    """What a worker loses if their membership lapses, in a few plain words."""
    english = language.lower().startswith("en")
    months = row["scholarship_months"]
    if row["jkm_at_stake"]:
        jkm = "full JKM (Rp42 million)" if english else "JKM penuh (Rp42 juta)"
    else:
        jkm = "not yet 3 months for full JKM" if english else "belum 3 bulan untuk JKM penuh"
    beasiswa = (
        f"beasiswa {months} of {SCHOLARSHIP_AFTER_MONTHS} months"
        if english
        else f"beasiswa {months} dari {SCHOLARSHIP_AFTER_MONTHS} bulan"
    )
    return f"{jkm}; {beasiswa}"


def month_index_of(day: dt.date) -> int:
    return day.year * 12 + day.month - 1
