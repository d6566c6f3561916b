"""Membership: who was covered in which month, by which program and fund, derived from the enrolments.

An enrolment covers its months from its first month while BPJS has it active; it ends early at the
end of the month of the worker's death, or after the last month paid when the worker left the
program (an exit). Every figure is counted in person-months. Continuity reads the months of every
program and year together: BPU membership survives a gap of at most LAPSE_AFTER_MONTHS unpaid
months (arrears may be paid), and a longer gap ends it (DOMAIN.md §3) — so a membership run is the
covered months with no gap longer than that between them, and the JKM 3-month and beasiswa 3-year
thresholds count from the run's first month.
"""

import datetime as dt

import polars as pl

from jaring.core.programs.months import add_months
from jaring.core.programs.planner import LAPSE_AFTER_MONTHS

# Statuses whose months are membership: BPJS accepted the worker (ended ones keep their months until the end).
MEMBER_STATUSES = ("active", "ended")
PROGRAM_END, DEATH, EXIT = "program_end", "death", "exit"
ENROLMENT_SCHEMA = {
    "enrolment_id": pl.Int64,
    "person_id": pl.Int64,
    "program_id": pl.Int64,
    "source_id": pl.Int64,
    "fund": pl.String,
    "status": pl.String,
    "cover_start": pl.Date,
    "cover_months": pl.Int64,
    "end_month": pl.Date,  # the last month paid when the worker left the program, else null
    "kpj": pl.String,
    "nik": pl.String,
}
MONTH_SCHEMA = {
    "enrolment_id": pl.Int64,
    "person_id": pl.Int64,
    "program_id": pl.Int64,
    "source_id": pl.Int64,
    "fund": pl.String,
    "kpj": pl.String,
    "nik": pl.String,
    "month": pl.Date,
}


def month_index(column: pl.Expr) -> pl.Expr:
    """Months since year 0: consecutive months differ by one."""
    return column.dt.year().cast(pl.Int64) * 12 + column.dt.month().cast(pl.Int64) - 1


def index_month(index: pl.Expr) -> pl.Expr:
    return pl.date(index // 12, index % 12 + 1, 1)


def membership_ends(enrolments: pl.DataFrame, deaths: pl.DataFrame) -> pl.DataFrame:
    """Each member enrolment's first and last month and what ended it: program_end, death or exit.

    `deaths`: person_id, death_date (the earliest per person counts).
    """
    died = deaths.group_by("person_id").agg(death_month=pl.col("death_date").min().dt.month_start())
    planned_end = index_month(month_index(pl.col("cover_start")) + pl.col("cover_months") - 1)
    frame = (
        enrolments.filter(pl.col("status").is_in(MEMBER_STATUSES))
        .join(died, on="person_id", how="left")
        .with_columns(first_month=pl.col("cover_start").dt.month_start(), _planned=planned_end)
    )
    last = pl.min_horizontal("_planned", "end_month", "death_month")
    ended_by = (
        pl.when(pl.col("death_month").is_not_null() & (pl.col("death_month") <= pl.col("_planned")))
        .then(
            pl.when(pl.col("end_month").is_not_null() & (pl.col("end_month") < pl.col("death_month")))
            .then(pl.lit(EXIT))
            .otherwise(pl.lit(DEATH))
        )
        .when(pl.col("end_month").is_not_null() & (pl.col("end_month") < pl.col("_planned")))
        .then(pl.lit(EXIT))
        .otherwise(pl.lit(PROGRAM_END))
    )
    return frame.with_columns(last_month=last, ended_by=ended_by).drop("_planned")


def member_months(
    enrolments: pl.DataFrame, deaths: pl.DataFrame, *, months: list[dt.date] | None = None
) -> pl.DataFrame:
    """One row per enrolment and covered month (MONTH_SCHEMA): the ledger every count reads.

    With `months`, only those months (first days): a bill's month of a million members is a million rows,
    not the twelve million of their whole year.
    """
    ends = membership_ends(enrolments, deaths).filter(pl.col("last_month") >= pl.col("first_month"))
    if ends.is_empty():
        return pl.DataFrame(schema=MONTH_SCHEMA)
    if months is not None:
        wanted = pl.DataFrame({"month": sorted({month.replace(day=1) for month in months})}, schema={"month": pl.Date})
        ledger = ends.join(wanted, how="cross").filter(
            (pl.col("month") >= pl.col("first_month")) & (pl.col("month") <= pl.col("last_month"))
        )
    else:
        ledger = ends.with_columns(month=pl.date_ranges("first_month", "last_month", interval="1mo")).explode("month")
    return ledger.select(*(pl.col(name).cast(dtype) for name, dtype in MONTH_SCHEMA.items()))


def active_on(months: pl.DataFrame, day: dt.date) -> pl.DataFrame:
    """The ledger's rows for the month of `day`: who is covered then, by which enrolment."""
    return months.filter(pl.col("month") == pl.lit(day.replace(day=1)))


def member_month_counts(months: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    """Person-months per group (e.g. ["program_id", "source_id"]), each person counted once a month per group."""
    return (
        months.group_by(by)
        .agg(person_months=pl.struct("person_id", "month").n_unique(), persons=pl.col("person_id").n_unique())
        .sort(by)
    )


def double_enrolments(months: pl.DataFrame) -> pl.DataFrame:
    """Person-months covered by more than one enrolment (two programs, or two enrolments after a merge)."""
    return (
        months.group_by("person_id", "month")
        .agg(enrolments=pl.col("enrolment_id").unique().sort(), programs=pl.col("program_id").unique().sort())
        .filter(pl.col("enrolments").list.len() > 1)
        .sort("person_id", "month")
    )


def membership_runs(months: pl.DataFrame) -> pl.DataFrame:
    """Each person's membership runs: covered months with no gap longer than LAPSE_AFTER_MONTHS between them.

    Columns: person_id, run (1, 2, ... in time), run_start, run_end (first days of months), covered_months,
    gap_months (uncovered months inside the run), longest_unbroken (consecutive covered months).
    """
    distinct = (
        months.select("person_id", "month")
        .unique()
        .sort("person_id", "month")
        .with_columns(_index=month_index(pl.col("month")))
        .with_columns(_step=pl.col("_index").diff().over("person_id"))
        .with_columns(
            run=(pl.col("_step").is_null() | (pl.col("_step") > LAPSE_AFTER_MONTHS + 1)).cum_sum().over("person_id"),
            _piece=(pl.col("_step").is_null() | (pl.col("_step") > 1)).cum_sum().over("person_id"),
        )
    )
    pieces = distinct.group_by("person_id", "run", "_piece").agg(_length=pl.len())
    longest = pieces.group_by("person_id", "run").agg(longest_unbroken=pl.col("_length").max())
    runs = distinct.group_by("person_id", "run").agg(
        run_start=pl.col("month").min(),
        run_end=pl.col("month").max(),
        covered_months=pl.len(),
        _span=pl.col("_index").max() - pl.col("_index").min() + 1,
    )
    return (
        runs.join(longest, on=["person_id", "run"])
        .with_columns(gap_months=pl.col("_span") - pl.col("covered_months"))
        .select(
            "person_id",
            pl.col("run").cast(pl.Int64),
            "run_start",
            "run_end",
            pl.col("covered_months").cast(pl.Int64),
            pl.col("gap_months").cast(pl.Int64),
            pl.col("longest_unbroken").cast(pl.Int64),
        )
        .sort("person_id", "run")
    )


def latest_runs(months: pl.DataFrame) -> pl.DataFrame:
    """Each person's latest membership run, with the month their membership lapses if nothing covers them:
    `lapses_on`, the first month after LAPSE_AFTER_MONTHS unpaid months following the run's end."""
    runs = membership_runs(months)
    latest = runs.filter(pl.col("run") == pl.col("run").max().over("person_id"))
    return latest.with_columns(
        lapses_on=index_month(month_index(pl.col("run_end")) + LAPSE_AFTER_MONTHS + 1),
        runs=pl.col("run"),
    ).drop("run")


def cover_ends_next_month(months: pl.DataFrame, *, today: dt.date) -> pl.DataFrame:
    """Persons whose covered months stop after next month (their latest covered month is next month)."""
    next_month = add_months(today.replace(day=1), 1)
    last = months.group_by("person_id").agg(last_month=pl.col("month").max())
    return last.filter(pl.col("last_month") == pl.lit(next_month)).sort("person_id")
