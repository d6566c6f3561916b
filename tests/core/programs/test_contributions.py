"""Contributions and the planner, exact to the rupiah (DOMAIN.md §1 and §3)."""

import datetime as dt
from decimal import Decimal

import pytest

from jaring.core.programs import (
    DEFAULT_RULES,
    ContributionRules,
    CoverMonths,
    Package,
    Pricing,
    continuity_gap_months,
    monthly_contribution,
    plan_budget,
    plan_target,
    program_cost,
)
from jaring.core.programs.planner import LAPSE_AFTER_MONTHS

YEAR_2025 = CoverMonths(dt.date(2025, 1, 1), 12)


def test_the_pemda_default_is_16_800_a_month_and_36_800_with_jht():
    month = dt.date(2025, 6, 1)
    assert (
        monthly_contribution(income=1_000_000, package=Package.JKK_JKM, month=month, sector="", fund="apbd") == 16_800
    )
    jht = monthly_contribution(income=1_000_000, package=Package.JKK_JKM_JHT, month=month, sector="", fund="apbd")
    assert jht == 36_800


def test_kota_malang_25_808_workers_for_12_months_cost_exactly():
    cost = program_cost(workers=25_808, cover=YEAR_2025, pricing=Pricing(fund="dbhcht"))
    assert cost == 5_202_892_800 and isinstance(cost, int)


def test_part_years_cost_their_months_only():
    magelang_2024 = CoverMonths(dt.date(2024, 7, 1), 6)
    assert [m.month for m in magelang_2024.months] == [7, 8, 9, 10, 11, 12]
    assert program_cost(workers=1, cover=magelang_2024) == 6 * 16_800
    over_new_year = CoverMonths(dt.date(2025, 11, 15), 3)
    assert over_new_year.months == [dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1)]
    assert program_cost(workers=12_698, cover=CoverMonths(dt.date(2025, 4, 1), 9)) == 12_698 * 9 * 16_800


def test_the_pp_50_2025_discount_by_date_and_sector_never_on_apbd_money():
    ojol, petani = "ojek", "petani"
    march_2026, may_2026, jan_2027 = dt.date(2026, 3, 1), dt.date(2026, 5, 1), dt.date(2027, 1, 1)

    def cost(month, sector, fund):
        return monthly_contribution(income=1_000_000, package=Package.JKK_JKM, month=month, sector=sector, fund=fund)

    # A CSR sponsor's ojol get half price from January 2026 to March 2027; farmers from April to December 2026.
    assert cost(march_2026, ojol, "csr") == 8_400 and cost(march_2026, petani, "csr") == 16_800
    assert cost(may_2026, petani, "mandiri") == 8_400 and cost(jan_2027, petani, "csr") == 16_800
    assert cost(jan_2027, ojol, "csr") == 8_400 and cost(dt.date(2027, 4, 1), ojol, "csr") == 16_800
    # Never on public money: APBD, APBN, DBHCHT, Dana Desa pay full price in the same months.
    for fund in ("apbd", "apbn", "dbhcht", "dana_desa"):
        assert cost(may_2026, petani, fund) == 16_800 and cost(march_2026, ojol, fund) == 16_800
    # JHT is not discounted.
    jht = monthly_contribution(income=1_000_000, package=Package.JKK_JKM_JHT, month=may_2026, sector=petani, fund="csr")
    assert jht == 8_400 + 20_000


def test_rules_are_data_an_administrator_can_change():
    rules = ContributionRules(jkm_flat=7_000, income_levels=(1_000_000, 1_500_000), discounts=())
    month = dt.date(2026, 5, 1)
    kwargs = {"package": Package.JKK_JKM, "month": month, "sector": "petani", "fund": "csr", "rules": rules}
    assert monthly_contribution(income=1_500_000, **kwargs) == 15_000 + 7_000
    with pytest.raises(ValueError, match="bukan tingkat yang berlaku"):
        monthly_contribution(income=1_200_000, **kwargs)
    assert DEFAULT_RULES.jkk_rate == Decimal("0.01")


@pytest.mark.parametrize("bad", [-1, 1.5, "1000", True])
def test_money_and_counts_must_be_whole_numbers(bad):
    with pytest.raises(ValueError):
        program_cost(workers=bad, cover=YEAR_2025)
    with pytest.raises(ValueError):
        plan_budget(budget=bad, cover=YEAR_2025)


def test_a_budget_buys_whole_workers_for_every_month():
    plan = plan_budget(budget=5_300_000_000, cover=YEAR_2025, pricing=Pricing(fund="dbhcht"))
    assert plan.per_worker == 201_600 and plan.workers == 26_289
    assert plan.cost == 26_289 * 201_600 and 0 <= plan.left_over < 201_600
    nine = plan_budget(budget=5_300_000_000, cover=CoverMonths(dt.date(2025, 4, 1), 9), pricing=Pricing(fund="dbhcht"))
    assert nine.workers == 5_300_000_000 // (9 * 16_800)


def test_a_budget_that_cannot_pay_one_worker_month_is_refused():
    with pytest.raises(ValueError, match="tidak cukup untuk satu pekerja satu bulan"):
        plan_budget(budget=16_799, cover=YEAR_2025)


def test_a_target_is_costed_exactly_from_the_workforce():
    # 41.23 % of ≈420,000 workers is 173,166: the percentage is read as text, exactly, and rounded up.
    plan = plan_target(target_percent="41,23", workforce=420_000, covered_now=150_000, cover=YEAR_2025)
    assert plan.workers_needed == 23_166 and plan.cost == 23_166 * 201_600
    # Kota Malang in 2024 already had 178,611 covered: that target needs nobody more.
    reached = plan_target(target_percent="41.23", workforce=420_000, covered_now=178_611, cover=YEAR_2025)
    assert reached.workers_needed == 0 and reached.cost == 0
    higher = plan_target(target_percent="50", workforce=420_000, covered_now=178_611, cover=YEAR_2025)
    assert higher.workers_needed == 210_000 - 178_611 and higher.cost == (210_000 - 178_611) * 201_600
    with pytest.raises(ValueError, match="bukan persen"):
        plan_target(target_percent="banyak", workforce=1, covered_now=0, cover=YEAR_2025)
    with pytest.raises(ValueError, match="di antara 0 dan 100"):
        plan_target(target_percent="120", workforce=1, covered_now=0, cover=YEAR_2025)


def test_the_continuity_gap_between_programs():
    cover_2026 = CoverMonths(dt.date(2026, 7, 1), 6)
    assert continuity_gap_months(last_covered_month=dt.date(2025, 12, 1), cover=cover_2026) == 6
    assert continuity_gap_months(last_covered_month=dt.date(2026, 6, 1), cover=cover_2026) == 0
    assert continuity_gap_months(last_covered_month=dt.date(2026, 3, 1), cover=cover_2026) == LAPSE_AFTER_MONTHS
    assert continuity_gap_months(last_covered_month=None, cover=cover_2026) is None


def test_cover_months_refuse_nonsense():
    with pytest.raises(ValueError):
        CoverMonths(dt.date(2026, 1, 1), 0)
    with pytest.raises(ValueError, match="tulis YYYY-MM"):
        CoverMonths.parse("Juli 2026", 6)
    assert CoverMonths.parse("2026-07", 6).end == dt.date(2026, 12, 1)
    assert CoverMonths.parse("2026-07", 6).overlaps(CoverMonths.parse("2026-12", 3))
    assert not CoverMonths.parse("2026-07", 6).overlaps(CoverMonths.parse("2027-01", 3))
