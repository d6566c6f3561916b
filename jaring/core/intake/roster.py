"""BPJS Ketenagakerjaan participant rosters: normalise the rows, decide who is covered on a day."""

import datetime as dt

import polars as pl
from rapidfuzz import fuzz

from jaring.core.frames import digits_only
from jaring.core.intake.nik import excel_copies, parse_nik_frame
from jaring.core.intake.records import parse_date_expr
from jaring.core.names import comparison_name

ACTIVE, INACTIVE = "active", "inactive"
_SEGMENTS = {
    "PU": ("pu", "penerimaupah", "ppu"),
    "BPU": ("bpu", "bukanpenerimaupah", "informal", "mandiri"),
    "JAKON": ("jakon", "jasakonstruksi", "konstruksi"),
}


def normalise_roster(rows: pl.DataFrame, *, on: dt.date) -> pl.DataFrame:
    """Typed roster rows: kpj, nik, name, birth_date, sex (from the NIK), segment, status, cover_end, covered."""
    for name in ("kpj", "nik", "name", "birth_date", "segment", "bpjs_status", "cover_end"):
        if name not in rows.columns:
            rows = rows.with_columns(pl.lit(None, dtype=pl.String).alias(name))
    fields, issues = parse_nik_frame(rows.get_column("nik").fill_null(""), on=on)
    invalid = issues.filter(pl.col("severity") == "error").get_column("value").implode()
    niks = fields.select(
        nik=pl.col("value"),
        _nik=pl.when(~pl.col("value").is_in(invalid)).then(pl.col("nik")),
        _sex=pl.col("sex"),
        _nik_birth=pl.col("birth_date"),
    )
    segment_key = pl.col("segment").str.to_lowercase().str.replace_all(r"[^a-z]", "")
    segment = pl.lit(None, dtype=pl.String)
    for code, keys in _SEGMENTS.items():
        segment = pl.when(segment_key.is_in(list(keys))).then(pl.lit(code)).otherwise(segment)
    status_text = pl.col("bpjs_status").str.to_lowercase()
    status = (
        pl.when(status_text.str.contains(r"non|tidak|keluar|berhenti"))
        .then(pl.lit(INACTIVE))
        .when(status_text.str.contains("aktif|active"))
        .then(pl.lit(ACTIVE))
        .otherwise(None)
    )
    frame = (
        rows.with_columns(pl.col("nik").fill_null(""))
        .join(niks, on="nik", how="left")
        .with_columns(
            kpj=digits_only(pl.col("kpj")).replace("", None),
            nik=pl.col("_nik"),
            name=pl.col("name").str.strip_chars().str.to_uppercase(),
            birth_date=pl.coalesce(parse_date_expr(pl.col("birth_date"), on), pl.col("_nik_birth")),
            sex=pl.col("_sex"),
            segment=pl.coalesce(segment, pl.col("segment").str.to_uppercase()),
            status=status,
            cover_end=parse_date_expr(pl.col("cover_end"), on),
        )
    )
    return frame.with_columns(
        covered=(pl.col("status") == ACTIVE) & (pl.col("cover_end").is_null() | (pl.col("cover_end") >= pl.lit(on)))
    ).select("row", "kpj", "nik", "name", "birth_date", "sex", "segment", "status", "cover_end", "covered")


# How alike two names must be (rapidfuzz ratio of the folded names, 0-100) for a roster entry and a person
# with the same birth date to be one worker: with the very NIK, a loose check (a typed name, a title);
# with a NIK Excel damaged on one side, a close one (AAINAH for AMINAH, never a twin's other given name).
SAME_NIK_NAME_SCORE = 50
EXCEL_NIK_NAME_SCORE = 75


def sure_roster_matches(entries: pl.DataFrame, persons: pl.DataFrame) -> pl.DataFrame:
    """index, person_id, match_probability (1.0): roster entries that are a person beyond doubt.

    `entries`: index, nik, name, birth_date; `persons`: id, nik, name, birth_date. The same birth
    date, and the NIK either the same or one side the copy Excel makes of the other (rounded to 15
    digits or cut after them: …0428 as …0430 or …0420), with a name close enough. Such a worker is
    BPJS's, whatever a probabilistic model scores their damaged NIK and mistyped name at.
    """
    empty = pl.DataFrame(schema={"index": pl.Int64, "person_id": pl.Int64, "match_probability": pl.Float64})
    entries = entries.filter(pl.col("nik").is_not_null() & pl.col("birth_date").is_not_null())
    persons = persons.filter(pl.col("nik").is_not_null() & pl.col("birth_date").is_not_null())
    if entries.is_empty() or persons.is_empty():
        return empty
    people = persons.select(person_id="id", _key="nik", birth_date="birth_date", _person_name="name")
    forms = [
        entries.select("index", "birth_date", "name", _key=pl.col("nik"), _exact=pl.lit(True)),
        # the person carries Excel's copy of the NIK BPJS has
        *[
            entries.select("index", "birth_date", "name", _key=form, _exact=pl.lit(False))
            for form in excel_copies(pl.col("nik"))
        ],
    ]
    candidates = pl.concat(forms).join(people, on=["_key", "birth_date"])
    # or BPJS's list carries Excel's copy of the person's NIK
    copied = [
        persons.select(person_id="id", birth_date="birth_date", _person_name="name", _key=form)
        for form in excel_copies(pl.col("nik"))
    ]
    candidates = pl.concat(
        [
            candidates.select("index", "person_id", "name", "_person_name", "_exact"),
            entries.select("index", "birth_date", "name", _key=pl.col("nik"))
            .join(pl.concat(copied), on=["_key", "birth_date"])
            .select("index", "person_id", "name", "_person_name", _exact=pl.lit(False)),
        ]
    ).unique(["index", "person_id"], keep="first", maintain_order=True)
    if candidates.is_empty():
        return empty
    scores = [
        fuzz.ratio(comparison_name(left), comparison_name(right))
        for left, right in candidates.select("name", "_person_name").iter_rows()
    ]
    return (
        candidates.with_columns(_score=pl.Series(scores, dtype=pl.Float64))
        .filter(pl.col("_score") >= pl.when("_exact").then(SAME_NIK_NAME_SCORE).otherwise(EXCEL_NIK_NAME_SCORE))
        .sort(["index", "_exact", "_score"], descending=[False, True, True])
        .unique("index", keep="first", maintain_order=True)
        .select(pl.col("index").cast(pl.Int64), pl.col("person_id").cast(pl.Int64), match_probability=pl.lit(1.0))
    )
