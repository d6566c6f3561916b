"""JKM: Rp42 juta, or only the Rp10 juta funeral benefit within the first 3 months (Permenaker 1/2025)."""

import datetime as dt

import pytest

from jaring.core.benefits import BenefitRules, jkm_benefit, jkm_benefit_from_months, jkm_full_from

FULL = (("lump_sum", 20_000_000), ("periodic", 12_000_000), ("funeral", 10_000_000))
FUNERAL_ONLY = (("funeral", 10_000_000),)


def total_and_parts(start: dt.date, death: dt.date) -> tuple[int, tuple[tuple[str, int], ...]]:
    benefit = jkm_benefit(membership_start=start, death_date=death)
    return benefit.total, benefit.parts


def test_the_full_benefit_is_42_juta_in_three_parts():
    benefit = jkm_benefit(membership_start=dt.date(2025, 1, 1), death_date=dt.date(2026, 6, 1))
    assert benefit.total == 42_000_000 and isinstance(benefit.total, int)
    assert benefit.parts == FULL
    assert benefit.part("lump_sum") == 20_000_000 and benefit.part("scholarship") == 0


@pytest.mark.parametrize(
    ("start", "funeral_only_until", "full_from"),
    [
        (dt.date(2026, 1, 1), dt.date(2026, 3, 31), dt.date(2026, 4, 1)),
        (dt.date(2026, 1, 15), dt.date(2026, 4, 14), dt.date(2026, 4, 15)),
        (dt.date(2025, 11, 30), dt.date(2026, 2, 27), dt.date(2026, 2, 28)),  # clamped to February's end
        (dt.date(2025, 11, 28), dt.date(2026, 2, 27), dt.date(2026, 2, 28)),
        (dt.date(2023, 11, 30), dt.date(2024, 2, 28), dt.date(2024, 2, 29)),  # leap year
        (dt.date(2026, 1, 31), dt.date(2026, 4, 29), dt.date(2026, 4, 30)),
        (dt.date(2025, 12, 31), dt.date(2026, 3, 30), dt.date(2026, 3, 31)),
    ],
)
def test_three_months_of_membership_are_reached_on_the_same_day_three_months_later(
    start, funeral_only_until, full_from
):
    assert jkm_full_from(start) == full_from
    assert total_and_parts(start, funeral_only_until) == (10_000_000, FUNERAL_ONLY)
    assert total_and_parts(start, full_from) == (42_000_000, FULL)
    assert total_and_parts(start, full_from + dt.timedelta(days=1)) == (42_000_000, FULL)


def test_a_death_on_the_first_day_pays_the_funeral_benefit():
    assert total_and_parts(dt.date(2026, 1, 1), dt.date(2026, 1, 1)) == (10_000_000, FUNERAL_ONLY)


def test_the_explanations_name_the_dates_and_amounts():
    early = jkm_benefit(membership_start=dt.date(2026, 1, 1), death_date=dt.date(2026, 3, 15))
    assert early.explanation_id == (
        "Meninggal dalam 3 bulan pertama kepesertaan (mulai 01-01-2026, meninggal 15-03-2026): "
        "hanya biaya pemakaman Rp10.000.000."
    )
    assert early.explanation("en-gb") == (
        "Died within the first 3 months of membership (from 01-01-2026, died 15-03-2026): "
        "funeral benefit Rp10.000.000 only."
    )
    full = jkm_benefit(membership_start=dt.date(2026, 1, 1), death_date=dt.date(2026, 4, 1))
    assert full.explanation() == (
        "Meninggal setelah kepesertaan mencapai 3 bulan (mulai 01-01-2026, meninggal 01-04-2026): "
        "santunan sekaligus Rp20.000.000 + santunan berkala Rp12.000.000 + biaya pemakaman Rp10.000.000 "
        "= Rp42.000.000."
    )
    assert full.explanation_en.endswith(
        "lump sum Rp20.000.000 + periodic benefit Rp12.000.000 + funeral benefit Rp10.000.000 = Rp42.000.000."
    )


def test_a_death_before_the_membership_is_refused():
    with pytest.raises(ValueError, match="tanggal meninggal 31-12-2025 sebelum mulai kepesertaan 01-01-2026"):
        jkm_benefit(membership_start=dt.date(2026, 1, 1), death_date=dt.date(2025, 12, 31))


def test_the_rules_are_data():
    rules = BenefitRules(jkm_lump_sum=25_000_000, jkm_full_after_months=6)
    benefit = jkm_benefit(membership_start=dt.date(2026, 1, 1), death_date=dt.date(2026, 6, 30), rules=rules)
    assert benefit.total == 10_000_000
    benefit = jkm_benefit(membership_start=dt.date(2026, 1, 1), death_date=dt.date(2026, 7, 1), rules=rules)
    assert benefit.total == 47_000_000


def month_list(year: int, first: int, last: int) -> list[dt.date]:
    return [dt.date(year, month, 1) for month in range(first, last + 1)]


def test_from_months_the_membership_starts_on_the_first_day_of_its_first_month():
    assert jkm_benefit_from_months(month_list(2026, 1, 3), death_date=dt.date(2026, 3, 31)).total == 10_000_000
    assert jkm_benefit_from_months(month_list(2026, 1, 4), death_date=dt.date(2026, 4, 1)).total == 42_000_000


def test_from_months_an_uncovered_death_month_pays_nothing():
    benefit = jkm_benefit_from_months(month_list(2025, 1, 12), death_date=dt.date(2026, 1, 10))
    assert (benefit.total, benefit.parts) == (0, ())
    assert benefit.explanation_id == "Bulan meninggal (01-2026) tidak dilindungi iuran: JKM tidak dibayar, Rp0."


def test_from_months_a_short_gap_keeps_the_three_months_and_a_long_one_loses_them():
    three_unpaid = [*month_list(2025, 1, 12), dt.date(2026, 4, 1)]
    four_unpaid = [*month_list(2025, 1, 12), dt.date(2026, 5, 1)]
    assert jkm_benefit_from_months(three_unpaid, death_date=dt.date(2026, 4, 10)).total == 42_000_000
    assert jkm_benefit_from_months(four_unpaid, death_date=dt.date(2026, 5, 10)).total == 10_000_000
    strict = BenefitRules(lapse_after_months=0)
    one_unpaid = [*month_list(2025, 1, 12), dt.date(2026, 2, 1)]
    assert jkm_benefit_from_months(one_unpaid, death_date=dt.date(2026, 2, 10)).total == 42_000_000
    assert jkm_benefit_from_months(one_unpaid, death_date=dt.date(2026, 2, 10), rules=strict).total == 10_000_000
