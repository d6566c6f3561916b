import pytest

from jaring.regions.selectors import (
    region_children,
    region_descendants,
    region_find_by_name,
    region_get,
    region_level_counts,
)
from jaring.regions.services import region_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def malang_area():
    for code in ("35.73", "35.07"):  # Kota Malang and Kabupaten Malang
        region_load(only=code)


def test_get_by_code(malang_area):
    assert region_get(code="35.73").name == "Kota Malang"
    assert region_get(code=" 35.73 ").name == "Kota Malang"
    assert region_get(code="35.99") is None


def test_children_and_descendants(malang_area):
    assert [r.name for r in region_children(code="35.73")] == [
        "Blimbing",
        "Klojen",
        "Kedungkandang",
        "Sukun",
        "Lowokwaru",
    ]
    assert [r.code for r in region_children(code=None)] == ["35"]
    descendants = region_descendants(code="35.73")
    assert descendants.count() == 5 + 57
    assert not descendants.filter(code="35.73").exists()
    assert region_descendants(code="35.73", include_self=True).count() == 63
    assert not descendants.filter(code__startswith="35.07").exists()


def test_find_by_name_ignores_case_spacing_and_prefixes(malang_area):
    assert [r.code for r in region_find_by_name(parent_code="35.73", name="  KEDUNG   kandang ")] == ["35.73.03"]
    assert [r.code for r in region_find_by_name(parent_code="35.73", name="Kec. Klojen")] == ["35.73.02"]
    assert [r.code for r in region_find_by_name(parent_code="35", name="kota malang")] == ["35.73"]
    assert [r.code for r in region_find_by_name(parent_code="35", name="Kab. Malang")] == ["35.07"]


def test_a_bare_name_returns_every_candidate(malang_area):
    assert sorted(r.code for r in region_find_by_name(parent_code="35", name="Malang")) == ["35.07", "35.73"]


def test_find_by_name_only_looks_inside_the_parent(malang_area):
    assert region_find_by_name(parent_code="35.07", name="Klojen") == []
    assert region_find_by_name(parent_code="35.73", name="") == []


def test_level_counts(malang_area):
    counts = region_level_counts()
    assert counts[1] == 1 and counts[2] == 2 and counts[3] == 5 + 33
