"""A corrected list sent back, matched to the rows it corrects without a database."""

import datetime as dt

import polars as pl

from jaring.core.intake import (
    STORED_SCHEMA,
    STORED_TEXT_FIELDS,
    changed_corrections,
    corrected_values,
    match_corrections,
)


def stored(rows: list[dict]) -> pl.DataFrame:
    base = {name: None for name in STORED_SCHEMA}
    return pl.DataFrame([{**base, **row} for row in rows], schema=STORED_SCHEMA)


def file_rows(rows: list[dict]) -> pl.DataFrame:
    columns = (
        "sheet",
        "row",
        "record_id_text",
        *STORED_TEXT_FIELDS,
        "note_text",
        "birth_date",
        "desil",
        "raw",
        "status",
    )
    frame = pl.DataFrame(
        [{name: row.get(name) for name in columns} for row in rows],
        schema={**{name: pl.String for name in columns}, "row": pl.Int64, "birth_date": pl.Date, "desil": pl.Int8},
    )
    return frame.with_columns(issues=pl.lit([], dtype=pl.List(pl.Struct({"code": pl.String}))))


def test_a_row_corrects_the_row_it_names_or_one_refused_row_of_its_nik_one_for_one():
    earlier = stored(
        [
            {"target_id": 1, "target_submission": 7, "nik": "3573011508900001", "status": "accepted"},
            {"target_id": 2, "target_submission": 7, "nik": "3573012207700003", "status": "rejected"},
            {"target_id": 3, "target_submission": 7, "nik": "3573012207700003", "status": "rejected"},
            {"target_id": 4, "target_submission": 7, "nik": "3573015203850002", "status": "accepted"},
        ]
    )
    sent = file_rows(
        [
            {"sheet": "S", "row": 2, "record_id_text": "1", "nik": "3573011508900009", "status": "accepted"},
            {"sheet": "S", "row": 3, "nik": "3573012207700003", "status": "accepted"},
            # By NIK alone an accepted row is never rewritten: only the rows Jaring refused or flagged.
            {"sheet": "S", "row": 4, "nik": "3573015203850002", "status": "accepted"},
        ]
    )
    matches = match_corrections(sent, earlier)
    assert sorted(matches.select("row", "target_id").rows()) == [(2, 1), (3, 2)]


def test_a_row_sent_back_unchanged_is_no_correction():
    born = dt.date(1990, 8, 15)
    earlier = stored([{"target_id": 5, "target_submission": 7, "nik": "3573011508900001", "name": "SITI",
                       "status": "rejected", "birth_date": born, "note": "", "issue_codes": ""}])  # fmt: skip
    same = file_rows([{"sheet": "S", "row": 2, "record_id_text": "5", "nik": "3573011508900001", "name": "SITI",
                       "birth_date": born, "status": "rejected"}])  # fmt: skip
    values = corrected_values(match_corrections(same, earlier))
    text_fields = [name for name, dtype in STORED_SCHEMA.items() if dtype == pl.String and name != "note"]
    earlier = earlier.with_columns([pl.col(name).fill_null("") for name in text_fields if name != "status"])
    assert changed_corrections(values, earlier).is_empty()
    fixed = same.with_columns(name=pl.lit("SITI AMINAH"))
    assert changed_corrections(corrected_values(match_corrections(fixed, earlier)), earlier).get_column(
        "id"
    ).to_list() == [5]
