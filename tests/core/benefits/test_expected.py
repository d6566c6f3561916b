"""What a recorded claim should have paid: the calculators chosen by program, cause and level."""

import datetime as dt

import pytest

from jaring.core.benefits import claim_expected

YEAR_2027 = [dt.date(2027, month, 1) for month in range(1, 13)]
FOUR_YEARS = [dt.date(year, month, 1) for year in range(2023, 2027) for month in range(1, 13)]


def expected(program, day=dt.date(2027, 6, 10), covered=YEAR_2027, **kwargs):
    return claim_expected(program=program, event_date=day, covered_months=covered, **kwargs)


def test_jkm_is_the_death_benefit_of_the_covered_months():
    assert expected("jkm").total == 42_000_000
    assert expected("jkm", day=dt.date(2027, 2, 1)).total == 10_000_000
    assert expected("jkm", day=dt.date(2028, 6, 1)).total == 0


def test_jkk_by_cause_and_declared_income():
    assert expected("jkk", cause="work_accident_death").total == 70_000_000
    assert expected("jkk", cause="work_accident_death", income=2_000_000).total == 96_000_000 + 22_000_000
    assert expected("jkk", cause="total_disability").total == 56_000_000
    assert expected("jkk", cause="temporary_inability", months=3).total == 3_000_000
    assert expected("jkk", cause="temporary_inability") is None  # how long is not known
    assert expected("jkk") is None


def test_jkk_in_a_month_without_cover_is_nothing_and_says_why():
    benefit = expected("jkk", day=dt.date(2026, 12, 1), cause="total_disability")
    assert benefit.total == 0 and "Bulan kecelakaan (12-2026) tidak dilindungi iuran" in benefit.explanation_id
    assert "no JKK is due" in benefit.explanation_en


def test_a_scholarship_year_when_the_cause_and_the_contribution_period_give_it():
    assert expected("beasiswa", level="sd", cause="work_accident_death").total == 1_500_000
    assert expected("beasiswa", level="pt", cause="total_disability").total == 12_000_000
    short = expected("beasiswa", level="sd", cause="non_work_death")
    assert short.total == 0 and "36 bulan" in short.explanation_id
    long = expected("beasiswa", day=dt.date(2026, 12, 20), covered=FOUR_YEARS, level="sma", cause="non_work_death")
    assert long.total == 3_000_000 and long.parts == (("scholarship", 3_000_000),)
    assert expected("beasiswa", level="sd") is None and expected("beasiswa", cause="total_disability") is None


@pytest.mark.parametrize("program", ["jht", "jp", "jkp"])
def test_the_programs_without_a_rule_give_nothing_to_compare(program):
    assert expected(program) is None
