"""The death-list rules: which rows can be used, whose name is whose, the reasons in both languages."""

import datetime as dt

import polars as pl

from jaring.core.deaths import (
    CHECK,
    DATE_FUTURE,
    MATCHED,
    NIK_INVALID,
    REFUSED,
    UNMATCHED,
    match_deaths,
    name_score,
    normalise_deaths,
    reason_text,
)

ON = dt.date(2026, 11, 21)


def _rows(*rows) -> pl.DataFrame:
    return pl.DataFrame(
        [{"sheet": "Data", "row": index + 2, "raw": "{}", **row} for index, row in enumerate(rows)],
        schema={"sheet": pl.String, "row": pl.Int64, "raw": pl.String, "nik": pl.String, "name": pl.String,
                "death_date": pl.String},
    )  # fmt: skip


def test_names_are_compared_without_titles_and_with_spellings_folded():
    assert name_score("H. Moch. Syaiful Anam, S.Pd", "MUHAMMAD SYAIFUL ANAM") >= 90
    assert name_score("Djoko Susilo", "JOKO SUSILO") >= 90
    assert name_score("Joko Widodo", "BUDI SANTOSO") < 60
    assert name_score(None, "BUDI SANTOSO") == 100  # no name to contradict the NIK


def test_rows_that_cannot_be_used_say_why():
    frame = normalise_deaths(
        _rows(
            {"nik": "3573011508900001", "name": "Ahmad", "death_date": "04-03-2026"},
            {"nik": "3573011508900001", "name": "Ahmad", "death_date": "01-01-2027"},
            {"nik": "3573011508900001", "name": "Ahmad", "death_date": "01-01-1980"},
            {"nik": "357301150890", "name": "Ahmad", "death_date": "04-03-2026"},
            {"nik": " ", "name": " ", "death_date": "04-03-2026"},
        ),
        on=ON,
    )
    assert frame.get_column("outcome").to_list() == [None, REFUSED, REFUSED, REFUSED, REFUSED]
    assert frame.get_column("reason_code").to_list() == [
        None,
        "date_future",
        "date_before_birth",
        "nik_invalid",
        "nik_name_missing",
    ]
    assert frame.row(0, named=True)["death_date"] == dt.date(2026, 3, 4)
    assert (
        frame.row(2, named=True)["reason"] == "Tanggal meninggal 01-01-1980 sebelum tanggal lahir di NIK (15-08-1990)."
    )


def test_a_nik_of_one_person_with_their_name_matches_and_anything_else_waits():
    deaths = pl.DataFrame(
        {"index": [0, 1, 2, 3], "nik": ["A", "B", "C", None], "name": ["SITI", "JOKO WIDODO", "AHMAD", "X"],
         "outcome": [None, None, None, None]},
        schema={"index": pl.Int64, "nik": pl.String, "name": pl.String, "outcome": pl.String},
    )  # fmt: skip
    candidates = pl.DataFrame(
        {"nik": ["A", "B", "C", "C"], "person_id": [1, 2, 3, 4], "name": ["SITI AMINAH", "BUDI", "AHMAD", "AHMAD"],
         "via": ["record_nik", "nik", "nik", "nik"]},
    )  # fmt: skip
    result = {row["index"]: row for row in match_deaths(deaths, candidates).iter_rows(named=True)}
    assert (result[0]["outcome"], result[0]["person_id"], result[0]["match"]) == (MATCHED, 1, "record_nik")
    assert (result[1]["outcome"], result[1]["person_id"]) == (CHECK, 2)  # shown for a look, never marked
    assert (result[2]["outcome"], result[2]["reason_code"]) == (CHECK, "several_persons")
    assert (result[3]["outcome"], result[3]["reason_code"]) == (UNMATCHED, "nik_missing")


def test_reasons_read_in_english_too():
    future = DATE_FUTURE.format_id("01-01-2099")
    assert reason_text("date_future", future, "id") == future
    assert reason_text("date_future", future, "en") == "The date of death 01-01-2099 is in the future."
    wrong = NIK_INVALID.format_id("NIK harus 16 digit, yang tertulis 11 digit (35730115089).")
    assert reason_text("nik_invalid", wrong, "en") == (
        "Invalid NIK: The NIK must have 16 digits; the one written has 11 digits (35730115089)."
    )
