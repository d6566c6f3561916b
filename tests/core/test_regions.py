from collections import Counter

import pytest

from jaring.core.regions import (
    code_level,
    iter_region_rows,
    legacy_regencies,
    legacy_regency,
    parent_code,
    region_name,
    region_name_key,
)


def test_the_decree_has_38_provinces_514_regencies_7285_districts_83762_villages():
    levels = Counter(row.level for row in iter_region_rows())
    assert levels == {1: 38, 2: 514, 3: 7285, 4: 83762}


def test_rows_come_parent_first_with_our_type_names():
    seen: set[str] = set()
    types = Counter()
    for row in iter_region_rows():
        assert row.parent_code is None or row.parent_code in seen
        seen.add(row.code)
        types[row.type] += 1
    assert set(types) == {"provinsi", "kabupaten", "kota", "kecamatan", "kelurahan", "desa"}


def test_a_subtree_brings_its_ancestors():
    rows = list(iter_region_rows(under="35.73.02"))
    assert [row.code for row in rows[:3]] == ["35", "35.73", "35.73.02"]
    assert all(row.code.startswith("35.73.02.") for row in rows[3:])
    assert len(rows) == 3 + 11  # Klojen has 11 kelurahan
    assert list(iter_region_rows(under="35.99")) == []


def test_villages_have_postal_codes():
    row = next(row for row in iter_region_rows(under="35.73.02") if row.level == 4)
    assert row.postal_code and len(row.postal_code) == 5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kab. Malang", "Kabupaten Malang"),
        ("KABUPATEN  MALANG", "kabupaten malang"),
        ("Kab Malang", "KabupatenMalang"),
        ("Kedung Kandang", "Kedungkandang"),
        ("Kec. Klojen", "Klojen"),
        ("Kel. Sumbersari", "sumbersari"),
        ("Kotamadya Malang", "Kota Malang"),
        ("Kab.Malang", "Kabupaten Malang"),
    ],
)
def test_spellings_of_one_name_share_a_key(a, b):
    assert region_name_key(a) == region_name_key(b)


def test_a_name_that_merely_starts_like_a_prefix_keeps_it():
    assert region_name_key("Kelapa Dua") == "kelapadua"
    assert region_name_key("Desakota") == "desakota"


def test_kabupaten_and_kota_of_the_same_name_stay_apart():
    assert region_name_key("Kota Malang") != region_name_key("Kabupaten Malang")


def test_legacy_table_points_only_at_current_codes_and_never_shadows_one():
    assert len(legacy_regencies()) >= 30
    for legacy in legacy_regencies().values():
        assert region_name(legacy.old_code) is None, legacy
        assert region_name(legacy.new_code) is not None, legacy
        assert legacy_regency(legacy.old_code) == legacy
        # The regency moved, it did not change: its current code carries the same name.
        assert region_name_key(region_name(legacy.new_code)) == region_name_key(legacy.old_name), legacy


def test_a_current_code_is_never_legacy():
    assert legacy_regency("94.01") is None  # Kabupaten Nabire now (Papua Tengah); before 2022 its NIKs began 91.04


def test_code_helpers():
    assert code_level("35") == 1 and code_level("35.73.02.1001") == 4
    assert parent_code("35.73.02") == "35.73" and parent_code("35") is None
