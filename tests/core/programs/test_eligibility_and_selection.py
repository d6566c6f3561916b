"""Eligibility with reasons, hand decisions that survive a re-run, and selection across restricted sources."""

import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from jaring.core.programs.eligibility import PERSONS_SCHEMA, EligibilityRules, eligibility, reason_counts, reason_text
from jaring.core.programs.selection import CANDIDATES_SCHEMA, Priority, Source, rank, select, spent

START = dt.date(2026, 7, 1)
RULES = EligibilityRules(cover_start=START, region_code="35.73")


def persons(*rows) -> pl.DataFrame:
    """Rows in PERSONS_SCHEMA's order; columns left off at the end have no value."""
    width = len(PERSONS_SCHEMA)
    return pl.DataFrame([(*row, *[None] * (width - len(row))) for row in rows], schema=PERSONS_SCHEMA, orient="row")


def test_every_person_gets_a_result_with_reasons():
    frame = persons(
        (1, dt.date(1990, 8, 15), "35.73.05.1001", "petani", False, False, None, 2),
        (2, dt.date(1959, 6, 30), "35.73.05.1001", "petani", False, False, None, 2),  # 67 on 1 July 2026
        (3, dt.date(2011, 7, 2), "35.73.05.1001", "ojol", False, False, None, 2),  # 14, one day short of 15
        (4, dt.date(1980, 1, 1), "35.07.01.2001", "ojol", True, False, None, 2),  # elsewhere, already at BPJS
        (5, dt.date(1980, 1, 1), "35.73.01.1001", "marbot", False, True, "Pekan olahraga", None),
        (6, None, "", "pemulung", None, None, None, None),
    )
    result = eligibility(frame, RULES)
    assert result.get_column("eligible").to_list() == [True, False, False, False, False, False]
    reasons = dict(zip(result["person_id"], result["reasons"].to_list(), strict=True))
    assert reasons[2] == ["age.above"] and reasons[3] == ["age.below"]
    assert reasons[4] == ["domicile.outside", "bpjs.active"]
    assert reasons[5] == ["deceased", "program.overlap"]
    assert reasons[6] == ["age.unknown", "domicile.unknown"]
    assert reason_counts(result)["age.above"] == 1
    age = result.filter(pl.col("person_id") == 2)["age"].item()
    assert reason_text("age.above", "id", rules=RULES, age=age) == "usia 67 tahun pada 1 Juli 2026, batas 65"
    assert reason_text("age.above", "en", rules=RULES, age=age) == "age 67 on 1 July 2026, limit 65"


def test_categories_and_desil_are_the_programs_own_rules():
    rules = EligibilityRules(
        cover_start=START, region_code="35.73", categories=frozenset({"petani"}), desil_range=(1, 3)
    )
    frame = persons(
        (1, dt.date(1990, 1, 1), "35.73.05.1001", "petani", False, False, None, 2),
        (2, dt.date(1990, 1, 1), "35.73.05.1001", "ojol", False, False, None, 2),
        (3, dt.date(1990, 1, 1), "35.73.05.1001", "petani", False, False, None, 7),
        (4, dt.date(1990, 1, 1), "35.73.05.1001", "petani", False, False, None, None),
    )
    result = eligibility(frame, rules)
    assert result["reasons"].to_list() == [[], ["category.excluded"], ["desil.outside"], ["desil.unknown"]]
    with pytest.raises(ValueError, match="desil"):
        EligibilityRules(cover_start=START, region_code="35.73", desil_range=(0, 12))


def test_hand_decisions_win_and_survive_running_the_rules_again():
    frame = persons(
        (1, dt.date(1990, 8, 15), "35.73.05.1001", "petani", False, False, None, 2),
        (2, dt.date(1959, 6, 30), "35.73.05.1001", "petani", False, False, None, 2),
    )
    decisions = pl.DataFrame({"person_id": [1, 2], "include": [False, True]})
    for _run in range(2):
        result = eligibility(frame, RULES, decisions)
        assert result["eligible"].to_list() == [False, True]
        assert result["reasons"].to_list() == [["manual.excluded"], ["age.above"]]


def candidates(*rows) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=CANDIDATES_SCHEMA, orient="row")


def test_ranking_is_deterministic_and_puts_continuity_and_the_poorest_first():
    frame = candidates(
        (10, "ojol", 3, 2, False, 40),
        (11, "petani", 1, 1, False, 50),
        (12, "petani", 5, 1, True, 30),
        (13, "ojol", None, 3, False, 60),
        (14, "petani", 1, 1, False, 50),
    )
    ranked = rank(frame)
    assert ranked["person_id"].to_list() == [12, 11, 14, 10, 13]
    assert_frame_equal(rank(frame.reverse()), ranked)
    by_age = rank(frame, Priority(keys=(("age", False),)))
    assert by_age["person_id"].to_list() == [12, 10, 11, 14, 13]


def test_selection_across_two_restricted_sources_with_a_waiting_list():
    # Ranks 1-6: petani, ojol, petani, pedagang, ojol, petani.
    ranked = rank(
        candidates(
            (1, "petani", 1, 1, False, 60),
            (2, "ojol", 1, 1, False, 59),
            (3, "petani", 1, 1, False, 58),
            (4, "pedagang", 1, 1, False, 57),
            (5, "ojol", 1, 1, False, 56),
            (6, "petani", 1, 1, False, 55),
        )
    )
    per_year = 12 * 16_800
    sources = [
        Source("DBHCHT", amount=2 * per_year + 100, cost_per_person=per_year, categories=frozenset({"petani"})),
        Source("CSR", amount=1 * 12 * 8_400, cost_per_person=12 * 8_400, categories=frozenset({"ojol"})),
        Source("APBD", amount=per_year, cost_per_person=per_year),
    ]
    chosen = select(ranked, sources)
    assert chosen.select("person_id", "source").rows() == [
        (1, "DBHCHT"),
        (2, "CSR"),
        (3, "DBHCHT"),
        (4, "APBD"),
        (5, None),
        (6, None),
    ]
    assert spent(chosen) == {"DBHCHT": 2 * per_year, "CSR": 12 * 8_400, "APBD": per_year}
    waiting = chosen.filter(pl.col("source").is_null())["waiting_reason"].to_list()
    assert waiting == [
        "dana CSR habis pada peringkat 5; dana APBD habis pada peringkat 5",  # the ojol
        "dana DBHCHT habis pada peringkat 6; dana APBD habis pada peringkat 5",  # the petani
    ]
    # Deterministic: the same input gives the same selection.
    assert_frame_equal(select(ranked, list(reversed(sources))), chosen)


def test_a_source_refuses_money_that_is_not_whole_rupiah():
    with pytest.raises(ValueError, match="rupiah bulat"):
        Source("APBD", amount=-5, cost_per_person=16_800)
    with pytest.raises(ValueError, match="rupiah bulat"):
        Source("APBD", amount=1_000_000, cost_per_person=16_800.0)


def test_why_a_person_waits_is_written_in_the_readers_language():
    from jaring.core.programs.selection import allocate, rejected_text, with_waiting_reasons

    ranked = pl.DataFrame({"rank": [1, 2, 3], "person_id": [10, 11, 12], "occupation": ["petani", "ojek", "petani"]})
    sources = [Source("APBD", amount=201_600, cost_per_person=201_600)]
    chosen, exhausted_at = allocate(ranked, sources)
    assert exhausted_at == {"APBD": 2}
    english = with_waiting_reasons(chosen, sources, {"APBD": 25_809}, "en")["waiting_reason"].to_list()
    indonesian = with_waiting_reasons(chosen, sources, {"APBD": 25_809}, "id")["waiting_reason"].to_list()
    assert english == [None, "APBD money ran out at rank 25,809", "APBD money ran out at rank 25,809"]
    assert indonesian[1] == "dana APBD habis pada peringkat 25.809"
    # BPJS's words: in English when they are words BPJS is known to write, as written otherwise.
    assert rejected_text("NIK tidak padan", "en") == "rejected by BPJS: NIK does not match"
    assert rejected_text("NIK tidak padan", "id") == "ditolak BPJS: NIK tidak padan"
    assert rejected_text("Pindah ke Bali", "en") == "rejected by BPJS: Pindah ke Bali"
    assert with_waiting_reasons(chosen, sources, {}, "en")["waiting_reason"][2] == "no fund may pay for this person"


def test_an_age_read_from_a_nik_to_be_checked_does_not_decide_the_person_waits_instead():
    # No list wrote her birth date; her NIK's slipped year reads 1928 for 1982, and her lists disagree on it.
    frame = persons(
        (1, dt.date(1928, 8, 17), "35.73.05.1001", "petani", False, False, None, 2, None, "conflict", True),
        (2, dt.date(1928, 8, 17), "35.73.05.1001", "petani", False, False, None, 2, None, "", True),
        (3, dt.date(1928, 8, 17), "35.73.05.1001", "petani", False, False, None, 2, None, "conflict", False),
    )
    result = eligibility(frame, RULES)
    rows = {row["person_id"]: row for row in result.to_dicts()}
    assert (rows[1]["eligible"], rows[1]["reasons"], rows[1]["nik_check"]) == (True, [], "conflict,age_from_nik")
    # A date read from an unquestioned NIK, or written in a list, decides as any other.
    assert rows[2]["reasons"] == ["age.above"] and rows[3]["reasons"] == ["age.above"]


def test_a_kecamatan_of_the_region_is_domicile_when_the_kelurahan_is_unknown():
    frame = persons(
        (1, dt.date(1990, 1, 1), "", "petani", False, False, None, 2, "35.73.01"),
        (2, dt.date(1990, 1, 1), None, "petani", False, False, None, 2, "35.07.01"),
        (3, dt.date(1990, 1, 1), None, "petani", False, False, None, 2, None),
    )
    assert eligibility(frame, RULES)["reasons"].to_list() == [[], ["domicile.outside"], ["domicile.unknown"]]


def test_of_possible_duplicates_only_the_best_ranked_may_be_paid_for_and_a_nik_to_check_waits():
    from jaring.core.programs.selection import allocate_unheld, hold_back

    ranked = pl.DataFrame(
        {
            "rank": [1, 2, 3, 4, 5],
            "person_id": [10, 20, 30, 40, 50],
            "occupation": ["petani"] * 5,
            "nik_check": ["", "", "zero", "", ""],
        }
    )
    # 20~40 and 40~50 wait for review (one group of three); 10 may be the same as 60, already enrolled.
    pairs = pl.DataFrame({"person_l": [20, 40, 10], "person_r": [40, 50, 60]})
    held = hold_back(ranked, pairs, taken=pl.Series([60]))
    assert dict(held.select("person_id", "hold").iter_rows()) == {
        10: "pair:60",
        20: None,
        30: "nik:zero",
        40: "pair:20",
        50: "pair:20",
    }
    chosen, exhausted_at = allocate_unheld(held, [Source("APBD", 10 * 201_600, 201_600)])
    assert chosen.filter(pl.col("source").is_not_null())["person_id"].to_list() == [20]
    assert chosen["rank"].to_list() == [1, 2, 3, 4, 5] and exhausted_at == {}
