"""Roster entries that are a person beyond doubt: the same birth date, the NIK or Excel's copy of it, a close name."""

import datetime as dt

import polars as pl

from jaring.core.linkage.roster import sure_roster_matches

BORN = dt.date(1982, 8, 17)


def entries(*rows) -> pl.DataFrame:
    return pl.DataFrame(
        list(rows),
        schema={"index": pl.Int64, "nik": pl.String, "name": pl.String, "birth_date": pl.Date},
        orient="row",
    )


def persons(*rows) -> pl.DataFrame:
    return pl.DataFrame(
        list(rows),
        schema={"id": pl.Int64, "nik": pl.String, "name": pl.String, "birth_date": pl.Date},
        orient="row",
    )


def matched(found: pl.DataFrame) -> dict[int, int]:
    return dict(found.select("index", "person_id").iter_rows())


def test_excels_copy_of_the_nik_on_either_side_with_a_mistyped_name_is_the_same_worker():
    people = persons((1, "3573015708820430", "SITI AAINAH", BORN), (2, "3573011508900001", "AHMAD FAUZI", BORN))
    roster = entries(
        (0, "3573015708820428", "SITI AMINAH", BORN),  # the person carries the rounded copy
        (1, "3573011508900000", "AHMAD FAUZI", BORN),  # BPJS's list carries the copy of the person's
    )
    assert matched(sure_roster_matches(roster, people)) == {0: 1, 1: 2}
    people = persons((1, "3573015708820428", "SITI AMINAH", BORN))
    roster = entries((0, "3573015708820420", "SITI AAINAH", BORN))  # BPJS's list cut after 15 digits
    assert matched(sure_roster_matches(roster, people)) == {0: 1}


def test_the_same_nik_and_birth_date_match_despite_a_title_or_a_slip_in_the_name():
    people = persons((1, "3573015708820428", "SITI AMINAH", BORN))
    roster = entries((0, "3573015708820428", "HJ. SITI AMNAH", BORN))
    assert matched(sure_roster_matches(roster, people)) == {0: 1}


def test_another_birth_date_or_another_name_is_left_to_the_model():
    people = persons((1, "3573015708820430", "SITI AMINAH", BORN), (2, "3573015708820428", "SITI AMINAH", BORN))
    roster = entries(
        (0, "3573015708820428", "SITI AMINAH", dt.date(1982, 8, 18)),  # another day: not sure
        (1, "3573015708820448", "SITI AMINAH", BORN),  # Excel makes 0450 or 0440 of 0448, never 0430
        (2, "3573015708820429", "RUDI HARTONO", BORN),  # the copy of 0429 is 0430, but another name
    )
    assert sure_roster_matches(roster, people).is_empty()


def test_the_very_nik_wins_over_excels_copy_of_another():
    # A twin carries …0430 as her own NIK; the entry's …0428 is her sister's, written exactly.
    people = persons((1, "3573015708820430", "SITI AMINAH", BORN), (2, "3573015708820428", "SITI AMINAH", BORN))
    roster = entries((0, "3573015708820428", "SITI AMINAH", BORN))
    assert matched(sure_roster_matches(roster, people)) == {0: 2}
