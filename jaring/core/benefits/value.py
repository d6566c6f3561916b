"""Value for money: what the region paid BPJS in contributions beside what the cover paid out in claims.

Contributions are the approved bills' member-months (billing's `contributions_frame`); a paid claim is
put where its worker's cover was on the day of the event: the program, fund and occupation of the
member-month of the event, or of the last member-month before it when the event fell in a gap (an
accident reported after the cover ended). A claim of a worker no member-month precedes has no group.
Grouped by program, fund, occupation or year (the month's, the event's), with the ratio of claims
paid to contributions: above 1 the cover paid out more than it cost. Money is integer rupiah.
"""

import polars as pl

VALUE_GROUPS = ("program_id", "fund", "occupation", "year")
CONTRIBUTIONS_SCHEMA = pl.Schema(
    {
        "program_id": pl.Int64,
        "fund": pl.String,
        "person_id": pl.Int64,
        "occupation": pl.String,
        "month": pl.Date,
        "amount": pl.Int64,
    }
)
PAID_CLAIMS_SCHEMA = pl.Schema({"person_id": pl.Int64, "event_date": pl.Date, "amount": pl.Int64})
# The member-months a claim is put in: the ledger with each enrolment's occupation.
COVER_SCHEMA = pl.Schema(
    {
        "person_id": pl.Int64,
        "enrolment_id": pl.Int64,
        "program_id": pl.Int64,
        "fund": pl.String,
        "occupation": pl.String,
        "month": pl.Date,
    }
)
VALUE_SCHEMA = pl.Schema(
    {
        "key": pl.String,  # the group's value as text (a program's id, a fund, an occupation code, a year); null: none
        "person_months": pl.Int64,
        "contributions": pl.Int64,
        "claims": pl.Int64,
        "claims_paid": pl.Int64,
        "ratio": pl.Float64,  # claims_paid / contributions; null when nothing was contributed
    }
)


def claims_cover(claims: pl.DataFrame, cover: pl.DataFrame) -> pl.DataFrame:
    """Each paid claim (PAID_CLAIMS_SCHEMA) with the program, fund and occupation of its worker's cover then."""
    ledger = (
        cover.cast(COVER_SCHEMA)
        .sort("person_id", "month", "enrolment_id")
        .unique(["person_id", "month"], keep="first", maintain_order=True)
        .select("person_id", "month", "program_id", "fund", "occupation")
    )
    events = claims.cast(PAID_CLAIMS_SCHEMA).with_columns(month=pl.col("event_date").dt.month_start())
    if events.is_empty() or ledger.is_empty():
        return events.with_columns(
            program_id=pl.lit(None, dtype=pl.Int64), fund=pl.lit(None, dtype=pl.String),
            occupation=pl.lit(None, dtype=pl.String),
        )  # fmt: skip
    return (
        events.with_row_index("_order")
        .sort("person_id", "month")
        .join_asof(ledger, on="month", by="person_id", strategy="backward", check_sortedness=False)
        .sort("_order")
        .drop("_order")
    )


def value_for_money(contributions: pl.DataFrame, claims: pl.DataFrame, cover: pl.DataFrame, *, by: str) -> pl.DataFrame:
    """Contributions and claims paid per group of `by` (one of VALUE_GROUPS), with the ratio (VALUE_SCHEMA)."""
    if by not in VALUE_GROUPS:
        raise ValueError(f"kelompok {by!r} tidak dikenal; pilih salah satu: {', '.join(VALUE_GROUPS)}")
    paid = claims_cover(claims, cover)
    money = contributions.cast(CONTRIBUTIONS_SCHEMA)
    if by == "year":
        money_key, claim_key = pl.col("month").dt.year().cast(pl.String), pl.col("event_date").dt.year().cast(pl.String)
    else:
        money_key = claim_key = pl.col(by).cast(pl.String)
    contributed = money.group_by(key=money_key).agg(
        person_months=pl.len().cast(pl.Int64), contributions=pl.col("amount").sum().cast(pl.Int64)
    )
    claimed = paid.group_by(key=claim_key).agg(
        claims=pl.len().cast(pl.Int64), claims_paid=pl.col("amount").sum().cast(pl.Int64)
    )
    joined = contributed.join(claimed, on="key", how="full", coalesce=True, nulls_equal=True)
    return (
        joined.with_columns(pl.col("person_months", "contributions", "claims", "claims_paid").fill_null(0))
        .with_columns(ratio=pl.when(pl.col("contributions") > 0).then(pl.col("claims_paid") / pl.col("contributions")))
        .sort("key", nulls_last=True)
        .select(*VALUE_SCHEMA)
        .cast(VALUE_SCHEMA)
    )


def value_total(groups: pl.DataFrame) -> dict[str, int | float | None]:
    """The groups of `value_for_money` added up: person_months, contributions, claims, claims_paid, ratio."""
    totals: dict[str, int | float | None] = {
        name: int(groups.get_column(name).sum()) for name in ("person_months", "contributions", "claims", "claims_paid")
    }
    contributed = totals["contributions"]
    totals["ratio"] = (int(totals["claims_paid"] or 0) / contributed) if contributed else None
    return totals
