"""JKK cash benefits from the declared income (DOMAIN.md §2)."""

from decimal import Decimal

import pytest

from jaring.core.benefits import jkk_death, jkk_temporary_inability, jkk_total_disability


def test_a_work_accident_death_at_1_juta_pays_70_juta():
    benefit = jkk_death(1_000_000)
    assert benefit.total == 70_000_000 and isinstance(benefit.total, int)
    assert benefit.parts == (("lump_sum", 48_000_000), ("periodic", 12_000_000), ("funeral", 10_000_000))
    assert benefit.explanation_id == (
        "Meninggal karena kecelakaan kerja, penghasilan Rp1.000.000 sebulan (santunan sekaligus 48 × penghasilan): "
        "santunan sekaligus Rp48.000.000 + santunan berkala Rp12.000.000 + biaya pemakaman Rp10.000.000 "
        "= Rp70.000.000; ditambah beasiswa anak."
    )


def test_a_work_accident_death_at_2_5_juta():
    assert jkk_death(2_500_000).total == 142_000_000  # 120 + 12 + 10 juta


def test_total_disability_is_56_times_the_income():
    assert jkk_total_disability(1_000_000).total == 56_000_000
    assert jkk_total_disability(3_250_000).parts == (("lump_sum", 182_000_000),)


def test_inability_pays_in_full_for_12_months_then_half():
    assert jkk_temporary_inability(1_000_000, months=12).parts == (("full_pay", 12_000_000),)
    thirteen = jkk_temporary_inability(1_000_000, months=13)
    assert thirteen.total == 12_500_000
    assert thirteen.parts == (("full_pay", 12_000_000), ("reduced_pay", 500_000))
    assert jkk_temporary_inability(1_000_000, months=18).total == 15_000_000
    assert jkk_temporary_inability(1_000_000, months=1).total == 1_000_000
    assert jkk_temporary_inability(1_000_000, months=0).total == 0
    assert thirteen.explanation_id == (
        "Tidak mampu bekerja 13 bulan, penghasilan Rp1.000.000 sebulan (100 % selama 12 bulan pertama, lalu 50 %): "
        "12 bulan × Rp1.000.000 (100 %) + 1 bulan × Rp500.000 (50 %) = Rp12.500.000."
    )


def test_half_of_an_odd_income_is_rounded_half_up_each_month():
    # 12 x 1.000.001 + 2 x 500.001 (500.000,5 rounded up)
    assert jkk_temporary_inability(1_000_001, months=14).total == 13_000_014


@pytest.mark.parametrize("income", [1_000_000.0, True, -1, "1000000", Decimal("1000000"), None])
def test_income_must_be_whole_rupiah(income):
    for calculate in (jkk_death, jkk_total_disability):
        with pytest.raises(ValueError, match="penghasilan harus rupiah bulat 0 atau lebih"):
            calculate(income)
    with pytest.raises(ValueError, match="penghasilan harus rupiah bulat 0 atau lebih"):
        jkk_temporary_inability(income, months=1)


@pytest.mark.parametrize("months", [-1, 1.5, None])
def test_months_must_be_whole(months):
    with pytest.raises(ValueError, match="lama tidak mampu bekerja harus bilangan bulat bulan"):
        jkk_temporary_inability(1_000_000, months=months)
