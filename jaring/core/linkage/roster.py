"""Matching a BPJS roster's entries to Jaring's persons: the sure matches first, then the linkage model.

Pure Polars (and Splink through `link_new_records`): the app reads the entries, the persons and the
region's model, and stores what this returns.
"""

from typing import Any

import polars as pl
from rapidfuzz import fuzz

from jaring.core.frames import format_str
from jaring.core.intake.nik import excel_copies
from jaring.core.linkage.database import Engine
from jaring.core.linkage.pipeline import AUTO, Thresholds, link_new_records
from jaring.core.names import comparison_name

# What a roster match is: the entry (`index`), the person it is, and how sure the model was (1.0: sure).
ROSTER_MATCH_SCHEMA = pl.Schema({"index": pl.Int64, "person_id": pl.Int64, "match_probability": pl.Float64})


def match_roster(
    entries: pl.DataFrame, persons: pl.DataFrame, *, trained: dict[str, Any], thresholds: Thresholds, engine: Engine
) -> pl.DataFrame:
    """The best automatic match of each roster entry among `persons` (ROSTER_MATCH_SCHEMA).

    `entries` has index, nik, name, sex, birth_date; `persons` has id and the linkage's person fields.
    An entry with the same birth date and the person's NIK (or Excel's copy of it) and a close name
    is matched without the model; the others are scored by the region's model, and an entry takes
    the person it is most likely to be among the pairs the model links automatically.
    """
    empty = pl.DataFrame(schema=ROSTER_MATCH_SCHEMA)
    if persons.is_empty() or entries.is_empty():
        return empty
    sure = sure_roster_matches(entries.select("index", "nik", "name", "birth_date"), persons).cast(ROSTER_MATCH_SCHEMA)
    entries = entries.join(sure.select("index"), on="index", how="anti")
    if entries.is_empty():
        return sure
    existing, roster = roster_link_frames(entries, persons)
    pairs = link_new_records(existing, roster, trained=trained, thresholds=thresholds, engine=engine)
    return pl.concat([sure, best_roster_pairs(pairs)])


def roster_link_frames(entries: pl.DataFrame, persons: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Persons ("p<id>") and entries ("r<index>") as the linkage compares rows; a roster knows no kelurahan or phone."""
    existing = persons.select(pl.exclude("id"), unique_id=format_str("p{}", pl.col("id")))
    roster = entries.select(
        "nik",
        "name",
        "sex",
        "birth_date",
        unique_id=format_str("r{}", pl.col("index")),
        kelurahan_code=pl.lit(None, dtype=pl.String),
        phone=pl.lit(None, dtype=pl.String),
    )
    return existing, roster


def best_roster_pairs(pairs: pl.DataFrame) -> pl.DataFrame:
    """Of the automatic person-entry pairs, each entry's most probable person (ROSTER_MATCH_SCHEMA)."""
    ends = (pl.col("unique_id_l"), pl.col("unique_id_r"))
    cross = (
        pairs.filter(pl.col("decision") == AUTO)
        .with_columns(
            person=pl.when(ends[0].str.starts_with("p")).then(ends[0]).otherwise(ends[1]),
            entry=pl.when(ends[0].str.starts_with("r")).then(ends[0]).otherwise(ends[1]),
        )
        .filter(pl.col("person").str.starts_with("p") & pl.col("entry").str.starts_with("r"))
    )
    return (
        cross.sort("match_probability", descending=True)
        .unique("entry", keep="first")
        .select(
            index=pl.col("entry").str.slice(1).cast(pl.Int64),
            person_id=pl.col("person").str.slice(1).cast(pl.Int64),
            match_probability=pl.col("match_probability").cast(pl.Float64),
        )
    )


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
