import datetime as dt
import json

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from jaring.core.linkage import APART, AUTO, REVIEW, apply_remembered_decisions, assign_persons, golden_records


def pairs(*rows: tuple[str, str, str]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "unique_id_l": [left for left, _right, _decision in rows],
            "unique_id_r": [right for _left, right, _decision in rows],
            "match_probability": [0.9] * len(rows),
            "decision": [decision for _left, _right, decision in rows],
        },
        schema={
            "unique_id_l": pl.String,
            "unique_id_r": pl.String,
            "match_probability": pl.Float64,
            "decision": pl.String,
        },
    )


def test_remembered_decisions_win_over_the_model_whichever_way_round_the_pair_comes():
    scored = pairs(("7", "3", REVIEW), ("4", "9", AUTO), ("5", "6", REVIEW))
    decided = pl.DataFrame({"l": [3, 4], "r": [7, 9], "remembered": ["same", "different"]})
    assert_frame_equal(
        apply_remembered_decisions(scored, decided),
        scored.with_columns(decision=pl.Series([AUTO, APART, REVIEW])),
    )


def test_nothing_remembered_leaves_the_pairs_as_they_are():
    scored = pairs(("1", "2", AUTO))
    decided = pl.DataFrame(schema={"l": pl.Int64, "r": pl.Int64, "remembered": pl.String})
    assert_frame_equal(apply_remembered_decisions(scored, decided), scored)


def test_new_rows_join_the_person_they_link_to_or_form_new_persons_together():
    known = pl.DataFrame({"id": [1, 2], "person_id": [100, 200]})
    new = pl.DataFrame({"id": [3, 4, 5, 6]})
    scored = pairs(("1", "3", AUTO), ("4", "5", AUTO), ("6", "2", REVIEW))
    assigned = assign_persons(new=new, known=known, pairs=scored).sort("id")
    assert assigned["person_id"].to_list() == [100, None, None, None]
    # 4 and 5 are one new person; 6 (only under review with 2) is another.
    clusters = dict(zip(assigned["id"], assigned["cluster_id"], strict=True))
    assert clusters[3] is None and clusters[4] == clusters[5] and clusters[6] not in (None, clusters[4])


def test_a_new_row_reaching_two_persons_joins_the_older_without_merging_them():
    known = pl.DataFrame({"id": [1, 2], "person_id": [100, 200]})
    new = pl.DataFrame({"id": [3]})
    assigned = assign_persons(new=new, known=known, pairs=pairs(("1", "3", AUTO), ("3", "2", AUTO)))
    assert_frame_equal(
        assigned,
        pl.DataFrame({"id": [3], "person_id": [100], "cluster_id": [None]}, schema=assigned.schema),
    )


def test_no_new_rows_assign_nothing():
    known = pl.DataFrame({"id": [1], "person_id": [100]})
    assert assign_persons(new=pl.DataFrame({"id": []}, schema={"id": pl.Int64}), known=known, pairs=pairs()).is_empty()


def test_the_golden_record_takes_clean_rows_then_the_latest_list_then_the_first_row():
    rows = pl.DataFrame(
        {
            "id": [10, 11, 12, 13],
            "person_id": [1, 1, 1, 1],
            "status": ["accepted_with_warnings", "accepted", "accepted", "accepted"],
            "submission_id": [9, 5, 5, 2],
            "nik": ["3573011508900001", None, "3573011508900002", "3573011508900003"],
            "name": ["AHMAD F", "AHMAD FAUZI", "ACHMAD FAUZI", "AHMAD"],
            "birth_date": [None, None, None, None],
            "sex": ["L", None, None, None],
            "kelurahan_code": [None, None, None, None],
            "phone": [None, None, "+6281234567890", None],
            "occupation": ["linmas", None, None, "marbot"],
        },
        schema_overrides={"birth_date": pl.Date, "kelurahan_code": pl.String},
    )
    [golden] = golden_records(rows).to_dicts()
    # Row 11 (clean, latest clean list, first row) gives the name; it has no NIK, so row 12 gives that.
    assert (golden["name"], golden["nik"], golden["phone"]) == ("AHMAD FAUZI", "3573011508900002", "+6281234567890")
    # Only the flagged row knows the sex; the clean row of the oldest list gives the occupation.
    assert (golden["sex"], golden["occupation"], golden["birth_date"]) == ("L", "marbot", None)
    assert json.loads(golden["field_sources"]) == {"nik": 12, "name": 11, "sex": 10, "phone": 12, "occupation": 13}


def person_rows(**columns) -> pl.DataFrame:
    """Rows of person 1, one per value in each column; ids 1.. in the order given, all accepted, one list."""
    count = len(next(iter(columns.values())))
    base = {
        "id": list(range(1, count + 1)),
        "person_id": [1] * count,
        "status": ["accepted"] * count,
        "submission_id": [1] * count,
        "nik": [None] * count,
        "name": ["SITI AMINAH"] * count,
        "birth_date": [None] * count,
        "sex": ["P"] * count,
        "kelurahan_code": [None] * count,
        "kecamatan_code": [None] * count,
        "phone": [None] * count,
        "occupation": [None] * count,
        "desil": [None] * count,
        "nik_excel": [False] * count,
        "nik_mismatch": [False] * count,
        "birth_from_nik": [False] * count,
    }
    return pl.DataFrame(
        {**base, **columns},
        schema_overrides={
            "birth_date": pl.Date,
            "kelurahan_code": pl.String,
            "kecamatan_code": pl.String,
            "phone": pl.String,
            "occupation": pl.String,
            "nik": pl.String,
            "desil": pl.Int8,
        },
    )


def test_the_golden_nik_is_never_the_copy_excel_made_of_another_of_the_persons_niks():
    # Row 1 (listed first) carries the NIK Excel rounded (…0428 → …0430); row 2 the NIK itself.
    rows = person_rows(nik=["3573015708820430", "3573015708820428"], nik_excel=[True, False])
    [golden] = golden_records(rows).to_dicts()
    assert (golden["nik"], golden["nik_check"]) == ("3573015708820428", "")
    assert json.loads(golden["field_sources"])["nik"] == 2
    # Cut after 15 digits (…0428 → …0420) is Excel's other damage: the same.
    rows = person_rows(nik=["3573015708820420", "3573015708820428"])
    assert golden_records(rows).get_column("nik").to_list() == ["3573015708820428"]


def test_a_nik_only_damaged_rows_carry_must_be_checked():
    [golden] = golden_records(person_rows(nik=["3573015708820430"], nik_excel=[True])).to_dicts()
    assert (golden["nik"], golden["nik_check"]) == ("3573015708820430", "excel")
    [golden] = golden_records(person_rows(nik=["3573015708820428"], nik_mismatch=[True])).to_dicts()
    assert golden["nik_check"] == "mismatch"


def test_two_niks_equally_supported_are_a_conflict_and_a_majority_is_not():
    # One digit slipped in one of two lists: nothing tells which is the worker's own.
    [golden] = golden_records(person_rows(nik=["3573015708820428", "3573015708820482"])).to_dicts()
    assert golden["nik_check"] == "conflict"
    # Two lists agree, one differs: the two win.
    rows = person_rows(nik=["3573015708820482", "3573015708820428", "3573015708820428"])
    [golden] = golden_records(rows).to_dicts()
    assert (golden["nik"], golden["nik_check"]) == ("3573015708820428", "")
    # An undamaged row beats a damaged one carrying another NIK (its date is not the person's).
    rows = person_rows(nik=["3573015708820482", "3573015708820428"], nik_mismatch=[True, False])
    assert golden_records(rows).select("nik", "nik_check").row(0) == ("3573015708820428", "")


def test_a_written_birth_date_wins_and_a_date_read_from_a_nik_is_the_chosen_niks():
    # Row 1's date was read from its damaged NIK (1928); row 2 wrote none either, row 3 carries the date
    # read from the undamaged NIK.
    rows = person_rows(
        nik=["3573015708280428", "3573015708820428", "3573015708820428"],
        birth_date=[dt.date(1928, 8, 17), dt.date(1982, 8, 17), dt.date(1982, 8, 17)],
        birth_from_nik=[True, True, True],
    )
    [golden] = golden_records(rows).to_dicts()
    assert (golden["birth_date"], golden["birth_date_from_nik"]) == (dt.date(1982, 8, 17), True)
    rows = person_rows(
        nik=["3573015708820428", "3573015708820428"],
        birth_date=[dt.date(1982, 8, 17), dt.date(1982, 7, 17)],
        birth_from_nik=[True, False],
    )
    [golden] = golden_records(rows).to_dicts()
    assert (golden["birth_date"], golden["birth_date_from_nik"]) == (dt.date(1982, 7, 17), False)


def test_the_latest_list_gives_the_desil_and_the_kelurahan_gives_the_kecamatan():
    rows = person_rows(
        nik=["3573015708820428"] * 3,
        submission_id=[1, 3, 2],
        status=["accepted", "accepted_with_warnings", "accepted"],
        desil=[2, 4, None],
        kecamatan_code=["35.73.05", None, None],
    )
    [golden] = golden_records(rows).to_dicts()
    assert (golden["desil"], golden["kecamatan_code"]) == (4, "35.73.05")
    rows = person_rows(
        nik=["3573015708820428"] * 2, kelurahan_code=[None, "35.73.01.1001"], kecamatan_code=["35.73.05", "35.73.01"]
    )
    assert golden_records(rows).select("kelurahan_code", "kecamatan_code").row(0) == ("35.73.01.1001", "35.73.01")


def test_a_nik_ending_in_0_must_be_checked_until_someone_confirms_it():
    # Excel's rounding of …0428, saved as text, reads …0430: like any NIK ending in 0, and lists copy it.
    [golden] = golden_records(person_rows(nik=["3573015708820430"])).to_dicts()
    assert golden["nik_check"] == "zero"
    rows = person_rows(nik=["3573015708820430", "3573015708820430"], submission_id=[1, 2])
    assert golden_records(rows).get_column("nik_check").to_list() == ["zero"]
    confirmed = pl.Series(["3573015708820430"])
    assert golden_records(rows, confirmed).get_column("nik_check").to_list() == [""]
    # A confirmation settles a conflict too: the NIK seen on the KTP is the one.
    rows = person_rows(nik=["3573015708820428", "3573015708820482"])
    assert golden_records(rows, pl.Series(["3573015708820482"])).select("nik", "nik_check").row(0) == (
        "3573015708820482",
        "",
    )


def test_a_nik_whose_kecamatan_exists_nowhere_or_whose_serial_is_implausible_must_be_checked():
    # 3573 65 …: Kota Malang has no kecamatan 65 (a slip of 05); a serial of 1001 for 0001.
    [golden] = golden_records(person_rows(nik=["3573656807980001"], nik_district=[True])).to_dicts()
    assert golden["nik_check"] == "district"
    assert golden_records(person_rows(nik=["3573046110881001"])).get_column("nik_check").to_list() == ["serial"]
    # A serial in the hundreds is unusual but real in a large kecamatan: it goes through.
    assert golden_records(person_rows(nik=["3573046310920428"])).get_column("nik_check").to_list() == [""]
    # People whose birthday Dukcapil did not know are registered on 1 January: their serials run high.
    assert golden_records(person_rows(nik=["3573040101601201"])).get_column("nik_check").to_list() == [""]


def test_a_nik_ending_in_0_is_no_copy_of_itself_beside_another_nik():
    # …0530 and …0520 (a slip): equally supported, a conflict — …0530 is no "Excel copy" of itself.
    rows = person_rows(nik=["3573015708820530", "3573015708820520"])
    assert golden_records(rows).select("nik", "nik_check").row(0) == ("3573015708820530", "conflict,zero")
    # …0430 beside …0431 is Excel's rounding of it: …0431 is the NIK, and no conflict.
    rows = person_rows(nik=["3573015708820430", "3573015708820431"])
    assert golden_records(rows).select("nik", "nik_check").row(0) == ("3573015708820431", "")


def test_dukcapil_s_answer_settles_a_nik_only_one_list_gives():
    # A one-digit slip (…0429 for …0428) that one list alone gives looks like any NIK: only Dukcapil can tell.
    rows = person_rows(nik=["3573015708820429"])
    assert golden_records(rows).get_column("nik_check").to_list() == [""]
    refuted = pl.DataFrame({"nik": ["3573015708820429"], "result": ["not_found"]})
    assert golden_records(rows, dukcapil=refuted).get_column("nik_check").to_list() == ["dukcapil_missing"]
    # Its other doubts stay beside Dukcapil's answer.
    rows = person_rows(nik=["3573015708820430"])
    refuted = pl.DataFrame({"nik": ["3573015708820430"], "result": ["other_name"]})
    assert golden_records(rows, dukcapil=refuted).get_column("nik_check").to_list() == ["dukcapil_name,zero"]
    # Beside the NIK Dukcapil refuted, the other NIK is the person's, and no conflict.
    rows = person_rows(nik=["3573015708820428", "3573015708820482"])
    refuted = pl.DataFrame({"nik": ["3573015708820428"], "result": ["not_found"]})
    assert golden_records(rows, dukcapil=refuted).select("nik", "nik_check").row(0) == ("3573015708820482", "")
    # A NIK someone saw on the KTP wins over Dukcapil's older answer.
    confirmed = pl.Series(["3573015708820428"])
    assert golden_records(rows, confirmed, refuted).select("nik", "nik_check").row(0) == ("3573015708820428", "")
    # Found, it clears the NIK's other doubts ("zero")...
    answers = pl.DataFrame({"nik": ["3573015708820430"], "result": ["found"]})
    assert golden_records(person_rows(nik=["3573015708820430"]), dukcapil=answers).row(0, named=True)["nik_check"] == ""
    # ...but two NIKs of one person's rows both found under like names are two real people's rows.
    rows = person_rows(nik=["3573015708820428", "3573015708820428", "3507015708820428"], submission_id=[1, 2, 3])
    answers = pl.DataFrame({"nik": ["3573015708820428", "3507015708820428"], "result": ["found", "found"]})
    assert golden_records(rows, dukcapil=answers).select("nik", "nik_check").row(0) == (
        "3573015708820428",
        "dukcapil_two",
    )
    answers = pl.DataFrame({"nik": ["3573015708820428", "3507015708820428"], "result": ["found", "not_found"]})
    assert golden_records(rows, dukcapil=answers).select("nik", "nik_check").row(0) == ("3573015708820428", "")


def test_person_frames_take_their_types_from_one_schema():
    from jaring.core.linkage import PERSON_FIELDS, person_schema

    assert person_schema("nik", "desil", source_rows=pl.Int64) == {
        "nik": pl.String,
        "desil": pl.Int8,
        "source_rows": pl.Int64,
    }
    assert PERSON_FIELDS["birth_date"] == pl.Date
    with pytest.raises(KeyError, match="not person fields: nama"):
        person_schema("nik", "nama")
