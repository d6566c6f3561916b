"""Reconciling a BPJS bill against the payer's own member-months: every line and every expected month classed.

A set operation over two frames. Each line gets one class, judged in this order:

1. `unreadable`: the line could not be typed (negative or fractional amount, no month, no NIK or KPJ).
2. `kpj_nik_mismatch`: its KPJ belongs to another NIK (by the enrolments' KPJs from BPJS).
3. `billed_twice` / `same_invoice` or `two_kpj`: the same person and month again in this bill (the line
   with the person's own KPJ, else the first, stands; the others are the repeats).
4. `after_end` / `death` or `exit`: billed for a month after the worker's death or exit.
5. Not one of this program's member-months: `billed_twice` / `other_program` when another program covers
   or billed that person-month, else `not_enrolled`.
6. One of them: `billed_twice` / `other_program` when another bill already charged it, `amount_differs`
   (`income_level`, `discount`, `jht` or `other`) when the amount is not the rule's, else `matched`.

Each member-month no line billed is `not_billed`. A difference someone resolved before (by NIK, class
and month, or every month) keeps its class but is marked resolved and is not raised again: accepted
(paid as billed, BPJS is not asked) or to be corrected by BPJS (paid by the rule, and still listed
for BPJS to correct).
"""

from dataclasses import dataclass
from typing import Any

import polars as pl

MATCHED = "matched"
NOT_ENROLLED = "not_enrolled"
NOT_BILLED = "not_billed"
AMOUNT_DIFFERS = "amount_differs"
AFTER_END = "after_end"
BILLED_TWICE = "billed_twice"
KPJ_NIK_MISMATCH = "kpj_nik_mismatch"
UNREADABLE = "unreadable"
CLASSES = (
    MATCHED,
    AMOUNT_DIFFERS,
    NOT_ENROLLED,
    NOT_BILLED,
    AFTER_END,
    BILLED_TWICE,
    KPJ_NIK_MISMATCH,
    UNREADABLE,
)
# Classes BPJS must correct (or someone must accept): every class but matched.
DIFFERENCES = tuple(klass for klass in CLASSES if klass != MATCHED)
# Lines whose money is owed: the rule's amount for an enrolled member-month.
PAYABLE = (MATCHED,)

LINE_SCHEMA = {
    "line_id": pl.Int64,
    "row": pl.Int64,
    "kpj": pl.String,
    "nik": pl.String,
    "name": pl.String,
    "month": pl.Date,
    "jkk": pl.Int64,
    "jkm": pl.Int64,
    "jht": pl.Int64,
    "total": pl.Int64,
    "problem": pl.String,
}
EXPECTED_SCHEMA = {
    "enrolment_id": pl.Int64,
    "person_id": pl.Int64,
    "source_id": pl.Int64,
    "fund": pl.String,
    "kpj": pl.String,
    "nik": pl.String,
    "name": pl.String,
    "month": pl.Date,
    "exp_jkk": pl.Int64,
    "exp_jkm": pl.Int64,
    "exp_jht": pl.Int64,
    "exp_total": pl.Int64,
    "exp_discounted": pl.Int64,
}
ITEM_SCHEMA = {
    "line_id": pl.Int64,
    "row": pl.Int64,
    "enrolment_id": pl.Int64,
    "person_id": pl.Int64,
    "source_id": pl.Int64,
    "nik": pl.String,
    "kpj": pl.String,
    "name": pl.String,
    "month": pl.Date,
    "klass": pl.String,
    "detail": pl.String,
    "billed": pl.Int64,
    "expected": pl.Int64,
    "resolved": pl.String,  # why a person resolved the difference, null while it is open
    "accepted": pl.Boolean,  # resolved as billed (True) or for BPJS to correct (False); null while open
}


@dataclass(frozen=True)
class Context:
    """What the region knows besides this program's member-months, each a frame (may be empty).

    - persons: nik, person_id (a region's persons by their NIKs)
    - kpj_owners: kpj, nik, person_id (the KPJs BPJS gave the region's enrolments)
    - ended: person_id, from_month (first month no longer covered), ended_by ("death" or "exit")
    - other_members: person_id, month (member-months of the region's other programs)
    - other_billed: person_id, month (person-months other bills already charged and were accepted)
    - resolutions: nik, month (null: every month), klass, reason, accepted
    """

    persons: pl.DataFrame
    kpj_owners: pl.DataFrame
    ended: pl.DataFrame
    other_members: pl.DataFrame
    other_billed: pl.DataFrame
    resolutions: pl.DataFrame


def empty_context() -> Context:
    return Context(
        persons=pl.DataFrame(schema={"nik": pl.String, "person_id": pl.Int64}),
        kpj_owners=pl.DataFrame(schema={"kpj": pl.String, "nik": pl.String, "person_id": pl.Int64}),
        ended=pl.DataFrame(schema={"person_id": pl.Int64, "from_month": pl.Date, "ended_by": pl.String}),
        other_members=pl.DataFrame(schema={"person_id": pl.Int64, "month": pl.Date}),
        other_billed=pl.DataFrame(schema={"nik": pl.String, "month": pl.Date}),
        resolutions=pl.DataFrame(
            schema={"nik": pl.String, "month": pl.Date, "klass": pl.String, "reason": pl.String, "accepted": pl.Boolean}
        ),
    )


def reconcile(lines: pl.DataFrame, expected: pl.DataFrame, context: Context) -> pl.DataFrame:
    """Every line and every unbilled member-month, classed (ITEM_SCHEMA), lines in row order first."""
    expected = expected.select(*(pl.col(name).cast(dtype) for name, dtype in EXPECTED_SCHEMA.items()))
    lines = lines.select(*(pl.col(name).cast(dtype) for name, dtype in LINE_SCHEMA.items()))
    # Persons by NIK and KPJ, keyed by the numbers as integers: a million 16-digit texts hashed twice over
    # cost more than the rest of the reconciliation.
    by_nik = (
        pl.concat(
            [
                expected.select(_nik=_number("nik"), _by_nik="person_id"),
                context.persons.select(_nik=_number("nik"), _by_nik=pl.col("person_id").cast(pl.Int64)),
                context.kpj_owners.select(_nik=_number("nik"), _by_nik=pl.col("person_id").cast(pl.Int64)),
            ]
        )
        .drop_nulls()
        .unique("_nik", keep="first")
    )
    owners = (
        pl.concat(
            [
                expected.select(_kpj=_number("kpj"), _owner_nik=_number("nik"), _by_kpj="person_id"),
                context.kpj_owners.select(
                    _kpj=_number("kpj"), _owner_nik=_number("nik"), _by_kpj=pl.col("person_id").cast(pl.Int64)
                ),
            ]
        )
        .filter(pl.col("_kpj").is_not_null())
        .unique("_kpj", keep="first")
    )
    # The texts of each line (NIK, KPJ, name) wait aside and come back at the end: a million strings are not
    # copied through every join.
    texts = lines.select("line_id", "nik", "kpj", "name")
    frame = (
        lines.select(
            "line_id", "row", "month", "jkk", "jkm", "jht", "total", "problem", _nik=_number("nik"), _kpj=_number("kpj")
        )
        .join(by_nik, on="_nik", how="left")
        .join(owners, on="_kpj", how="left")
        .with_columns(person_id=pl.coalesce("_by_nik", "_by_kpj"))
    )
    mismatch = (
        pl.col("_kpj").is_not_null()
        & pl.col("_nik").is_not_null()
        & pl.col("_owner_nik").is_not_null()
        & (pl.col("_owner_nik") != pl.col("_nik"))
    )
    frame = frame.with_columns(
        klass=pl.when(pl.col("problem").is_not_null())
        .then(pl.lit(UNREADABLE))
        .when(mismatch)
        .then(pl.lit(KPJ_NIK_MISMATCH))
        .otherwise(None),
        detail=pl.when(pl.col("problem").is_not_null()).then(pl.col("problem")).otherwise(pl.lit("")),
        # Who a line is about: its person, or (no person known) its NIK, else its KPJ.
        _who=pl.when(pl.col("person_id").is_null()).then(pl.coalesce("_nik", "_kpj")),
    )
    # The member-month each line may bill: the person's in this program that month.
    own = expected.select(
        "person_id",
        "month",
        "source_id",
        "exp_jkk",
        "exp_jkm",
        "exp_jht",
        "exp_total",
        "exp_discounted",
        _exp_kpj=_number("kpj"),
        _enrolment="enrolment_id",
    )
    own = own.unique(["person_id", "month"], keep="first")
    frame = frame.join(own, on=["person_id", "month"], how="left")
    # Repeats of a person-month in this bill: the line with the person's own KPJ stands, else the first.
    # Ranked among the few repeated person-months only, not a million single lines.
    keys = ["person_id", "_who", "month"]
    open_lines = frame.filter(pl.col("klass").is_null())
    repeated = open_lines.group_by(keys).len().filter(pl.col("len") > 1).drop("len")
    repeats = (
        open_lines.join(repeated, on=keys, how="semi", nulls_equal=True)
        .with_columns(_not_own=(pl.col("_kpj") != pl.col("_exp_kpj")).fill_null(True))
        .sort("_not_own", "row")
        .with_columns(
            _first=pl.col("line_id").first().over(keys),
            _first_kpj=pl.col("_kpj").first().over(keys),
        )
        .filter(pl.col("line_id") != pl.col("_first"))
        .select(
            "line_id",
            _repeat=pl.when(
                pl.col("_kpj").is_not_null()
                & pl.col("_first_kpj").is_not_null()
                & (pl.col("_kpj") != pl.col("_first_kpj"))
            )
            .then(pl.lit("two_kpj"))
            .otherwise(pl.lit("same_invoice")),
        )
    )
    frame = frame.join(repeats, on="line_id", how="left").with_columns(
        klass=pl.when(pl.col("_repeat").is_not_null()).then(pl.lit(BILLED_TWICE)).otherwise(pl.col("klass")),
        detail=pl.when(pl.col("_repeat").is_not_null()).then(pl.col("_repeat")).otherwise(pl.col("detail")),
    )
    # After a death or an exit.
    ended = (
        context.ended.select(
            pl.col("person_id").cast(pl.Int64), pl.col("from_month").cast(pl.Date), pl.col("ended_by").cast(pl.String)
        )
        .sort("from_month")
        .unique("person_id", keep="first")
    )
    frame = frame.join(ended, on="person_id", how="left")
    after_end = (
        pl.col("klass").is_null() & pl.col("from_month").is_not_null() & (pl.col("month") >= pl.col("from_month"))
    )
    frame = frame.with_columns(
        klass=pl.when(after_end).then(pl.lit(AFTER_END)).otherwise(pl.col("klass")),
        detail=pl.when(after_end).then(pl.col("ended_by")).otherwise(pl.col("detail")),
    )
    # Covered or billed elsewhere.
    covered_elsewhere = (
        context.other_members.select(pl.col("person_id").cast(pl.Int64), pl.col("month").cast(pl.Date))
        .unique()
        .with_columns(_covered_elsewhere=pl.lit(True))
    )
    billed_elsewhere = (
        context.other_billed.select(_nik=_number("nik"), month=pl.col("month").cast(pl.Date))
        .unique()
        .with_columns(_billed_elsewhere=pl.lit(True))
    )
    frame = (
        frame.join(covered_elsewhere, on=["person_id", "month"], how="left")
        .join(billed_elsewhere, on=["_nik", "month"], how="left")
        .with_columns(
            _covered_elsewhere=pl.col("_covered_elsewhere").fill_null(False),
            _billed_elsewhere=pl.col("_billed_elsewhere").fill_null(False),
        )
    )
    not_ours = pl.col("klass").is_null() & pl.col("_enrolment").is_null()
    twice = (not_ours & (pl.col("_covered_elsewhere") | pl.col("_billed_elsewhere"))) | (
        pl.col("klass").is_null() & pl.col("_billed_elsewhere")
    )
    frame = frame.with_columns(
        klass=pl.when(twice)
        .then(pl.lit(BILLED_TWICE))
        .when(not_ours)
        .then(pl.lit(NOT_ENROLLED))
        .otherwise(pl.col("klass")),
        detail=pl.when(twice).then(pl.lit("other_program")).otherwise(pl.col("detail")),
    )
    # Amounts of this program's member-months: joined above with the member-month each line may bill.
    differs = pl.col("klass").is_null() & (pl.col("total") != pl.col("exp_total"))
    amount_detail = (
        pl.when((pl.col("jht") > 0) & (pl.col("exp_jht") == 0))
        .then(pl.lit("jht"))
        .when((pl.col("jkk") + pl.col("jkm") + pl.col("jht")) == pl.col("exp_discounted"))
        .then(pl.lit("discount"))
        .when((pl.col("jkk") != pl.col("exp_jkk")) & (pl.col("jkk") > 0) & (pl.col("jkm") == pl.col("exp_jkm")))
        .then(pl.lit("income_level"))
        .when(pl.col("total") == pl.col("exp_discounted"))
        .then(pl.lit("discount"))
        .otherwise(pl.lit("other"))
    )
    frame = frame.with_columns(
        klass=pl.when(differs)
        .then(pl.lit(AMOUNT_DIFFERS))
        .when(pl.col("klass").is_null())
        .then(pl.lit(MATCHED))
        .otherwise(pl.col("klass")),
        detail=pl.when(differs).then(amount_detail).otherwise(pl.col("detail")),
    )
    # A line stands for the member-month it bills (whatever is wrong with its amount or its KPJ).
    billing = frame.filter(pl.col("klass").is_in([MATCHED, AMOUNT_DIFFERS, KPJ_NIK_MISMATCH, BILLED_TWICE]))
    billed_months = billing.filter(pl.col("person_id").is_not_null()).select("person_id", "month").unique()
    unbilled = expected.join(billed_months, on=["person_id", "month"], how="anti")
    line_items = (
        frame.join(texts, on="line_id", how="left")
        .sort("line_id")
        .select(
            "line_id",
            "row",
            enrolment_id=pl.when(pl.col("klass").is_in([MATCHED, AMOUNT_DIFFERS])).then(pl.col("_enrolment")),
            person_id="person_id",
            source_id=pl.when(pl.col("klass").is_in([MATCHED, AMOUNT_DIFFERS])).then(pl.col("source_id")),
            nik="nik",
            kpj="kpj",
            name="name",
            month="month",
            klass="klass",
            detail="detail",
            billed="total",
            expected=pl.when(pl.col("klass").is_in([MATCHED, AMOUNT_DIFFERS])).then(pl.col("exp_total")).otherwise(0),
        )
    )
    month_items = unbilled.select(
        line_id=pl.lit(None, dtype=pl.Int64),
        row=pl.lit(None, dtype=pl.Int64),
        enrolment_id="enrolment_id",
        person_id="person_id",
        source_id="source_id",
        nik="nik",
        kpj="kpj",
        name="name",
        month="month",
        klass=pl.lit(NOT_BILLED),
        detail=pl.lit(""),
        billed=pl.lit(0, dtype=pl.Int64),
        expected="exp_total",
    )
    items = pl.concat([line_items, month_items.sort("month", "nik")], how="vertical_relaxed")
    return _with_resolutions(items, context.resolutions)


def _number(name: str) -> pl.Expr:
    """A NIK or KPJ (digits only, at most 16) as an integer key."""
    return pl.col(name).cast(pl.String).cast(pl.Int64, strict=False)


def _with_resolutions(items: pl.DataFrame, resolutions: pl.DataFrame) -> pl.DataFrame:
    if resolutions.is_empty():
        return items.with_columns(
            resolved=pl.lit(None, dtype=pl.String), accepted=pl.lit(None, dtype=pl.Boolean)
        ).select(*(pl.col(name).cast(dtype) for name, dtype in ITEM_SCHEMA.items()))
    if "accepted" not in resolutions.columns:
        resolutions = resolutions.with_columns(accepted=pl.lit(True))
    resolutions = resolutions.select(
        pl.col("nik").cast(pl.String),
        pl.col("month").cast(pl.Date),
        pl.col("klass").cast(pl.String),
        pl.col("reason"),
        pl.col("accepted").cast(pl.Boolean),
    )
    for_month = resolutions.filter(pl.col("month").is_not_null()).unique(["nik", "month", "klass"], keep="last")
    every_month = resolutions.filter(pl.col("month").is_null()).drop("month").unique(["nik", "klass"], keep="last")
    resolved = (
        items.with_row_index("_order")
        .join(
            for_month.rename({"reason": "_for_month", "accepted": "_for_month_accepted"}),
            on=["nik", "month", "klass"],
            how="left",
        )
        .join(every_month.rename({"reason": "_every", "accepted": "_every_accepted"}), on=["nik", "klass"], how="left")
        .sort("_order")
        .with_columns(
            resolved=pl.when(pl.col("klass") != MATCHED).then(pl.coalesce("_for_month", "_every")),
            accepted=pl.when(pl.col("klass") != MATCHED).then(
                pl.when(pl.col("_for_month").is_not_null())
                .then(pl.col("_for_month_accepted"))
                .otherwise(pl.col("_every_accepted"))
            ),
        )
    )
    return resolved.select(*(pl.col(name).cast(dtype) for name, dtype in ITEM_SCHEMA.items()))


def summary(items: pl.DataFrame) -> list[dict[str, Any]]:
    """Per class: lines, person-months, rupiah billed and expected, and how many are resolved."""
    counts = (
        items.group_by("klass")
        .agg(
            lines=pl.col("line_id").is_not_null().sum(),
            person_months=pl.struct(pl.coalesce(pl.col("person_id").cast(pl.String), "nik", "kpj"), "month").n_unique(),
            billed=pl.col("billed").sum(),
            expected=pl.col("expected").sum(),
            resolved=pl.col("resolved").is_not_null().sum(),
        )
        .with_columns(pl.col("klass").replace_strict({k: i for i, k in enumerate(CLASSES)}, default=99).alias("_order"))
        .sort("_order")
        .drop("_order")
    )
    return [
        {name: (int(value) if isinstance(value, int) else value) for name, value in row.items()}
        for row in counts.to_dicts()
    ]


def open_differences(items: pl.DataFrame) -> pl.DataFrame:
    """The items BPJS is asked to correct: every class but matched, open or resolved for BPJS to correct."""
    return items.filter((pl.col("klass") != MATCHED) & (pl.col("resolved").is_null() | ~pl.col("accepted")))


def payable_by_source(items: pl.DataFrame) -> dict[int, int]:
    """What each funding source owes BPJS for this bill: the billed amount of its matched member-months; of a
    difference of amount someone resolved, the billed amount when accepted, the rule's when BPJS is to
    correct it. Open differences are owed nothing until resolved."""
    resolved_amount = pl.col("klass") == AMOUNT_DIFFERS
    owed = (
        pl.when(pl.col("klass") == MATCHED)
        .then(pl.col("billed"))
        .when(resolved_amount & pl.col("accepted").fill_null(False))
        .then(pl.col("billed"))
        .when(resolved_amount & pl.col("resolved").is_not_null())
        .then(pl.col("expected"))
        .otherwise(None)
    )
    sums = (
        items.filter(pl.col("source_id").is_not_null())
        .with_columns(_owed=owed)
        .filter(pl.col("_owed").is_not_null())
        .group_by("source_id")
        .agg(amount=pl.col("_owed").sum())
    )
    return {int(source): int(amount) for source, amount in sums.iter_rows()}
