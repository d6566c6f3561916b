import json

import polars as pl
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
