"""Frames in and out of the database (jaring.lib.bulk), on SQLite and on PostgreSQL alike."""

import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from jaring.lib.bulk import insert_frame, read_frame, reserve_ids, update_from_frame
from jaring.linkage.models import MatchPair
from jaring.persons.models import Person

pytestmark = pytest.mark.django_db


def persons_frame(ids: list[int], region: str = "35.73") -> pl.DataFrame:
    return pl.DataFrame(
        {
            "id": ids,
            "region_id": [region] * len(ids),
            "nik": ["3573011508900001", ""][: len(ids)],
            "name": ['SITI, "ANI"', "BUDI\nSANTOSO"][: len(ids)],
            "birth_date": [dt.date(1990, 8, 15), None][: len(ids)],
            "sex": ["P", ""][: len(ids)],
            "kelurahan_code": ["", ""][: len(ids)],
            "phone": ["", ""][: len(ids)],
            "occupation": ["linmas", ""][: len(ids)],
            "field_sources": ['{"nik": 7}', "{}"][: len(ids)],
            "created_at": [dt.datetime(2026, 11, 21, tzinfo=dt.UTC)] * len(ids),
            "updated_at": [dt.datetime(2026, 11, 21, tzinfo=dt.UTC)] * len(ids),
        }
    )


def test_rows_go_in_and_come_back_with_empty_text_apart_from_no_value(regions_sample):
    ids = reserve_ids(Person, 2)
    insert_frame(Person, persons_frame(ids))
    schema = {"id": pl.Int64, "nik": pl.String, "name": pl.String, "birth_date": pl.Date}
    back = read_frame(Person.objects.order_by("id"), schema)
    expected = pl.DataFrame(
        {
            "id": ids,
            "nik": ["3573011508900001", ""],
            "name": ['SITI, "ANI"', "BUDI\nSANTOSO"],
            "birth_date": [dt.date(1990, 8, 15), None],
        },
        schema=schema,
    )
    assert_frame_equal(back, expected)
    assert Person.objects.get(pk=ids[0]).field_sources == {"nik": 7}
    assert reserve_ids(Person, 1)[0] > max(ids)  # the sequence moved on


def test_an_empty_queryset_reads_as_an_empty_frame_with_its_schema(regions_sample):
    schema = {"id": pl.Int64, "birth_date": pl.Date}
    assert_frame_equal(read_frame(Person.objects.none(), schema), pl.DataFrame(schema=schema))
    assert_frame_equal(read_frame(Person.objects.all(), schema), pl.DataFrame(schema=schema))


def test_update_from_a_frame_changes_only_the_matching_rows(regions_sample):
    ids = reserve_ids(Person, 2)
    insert_frame(Person, persons_frame(ids))
    changed = update_from_frame(
        Person,
        pl.DataFrame({"id": [ids[1], 999_999], "name": ["BUDI", "NOBODY"], "field_sources": ['{"name": 3}', "{}"]}),
        key="id",
    )
    assert changed == 1
    assert list(Person.objects.order_by("id").values_list("name", flat=True)) == ['SITI, "ANI"', "BUDI"]
    assert Person.objects.get(pk=ids[1]).field_sources == {"name": 3}


def test_rows_a_unique_constraint_already_holds_are_skipped(regions_sample):
    pairs = pl.DataFrame(
        {
            "region_id": ["35.73", "35.73"],
            "record_l_id": [1, 1],
            "record_r_id": [2, 3],
            "probability": [0.9, 0.6],
            "decision": ["auto", "review"],
            "evidence": ['{"name": 6}', "{}"],
        }
    )
    insert_frame(MatchPair, pairs.head(1).with_columns(decision=pl.lit("different")))
    insert_frame(MatchPair, pairs, skip_existing=True)
    stored = dict(MatchPair.objects.values_list("record_r_id", "decision"))
    assert stored == {2: "different", 3: "review"}  # the remembered decision was not overwritten
