"""Beasiswa: who gets it, what a year pays, and every payment to at most 2 children (DOMAIN.md §2)."""

import datetime as dt

import pytest

from jaring.core.benefits import (
    BenefitRules,
    ChildSchooling,
    scholarship_eligibility,
    scholarship_eligible,
    scholarship_plan,
    scholarship_year_amount,
)


@pytest.mark.parametrize(
    ("level", "amount"),
    [("tk", 1_500_000), ("sd", 1_500_000), ("smp", 2_000_000), ("sma", 3_000_000), ("pt", 12_000_000)],
)
def test_year_amounts(level, amount):
    assert scholarship_year_amount(level) == amount


def test_an_unknown_level_is_refused():
    with pytest.raises(ValueError, match="jenjang beasiswa 's2' tidak dikenal; pilih salah satu: tk, sd, smp, sma, pt"):
        scholarship_year_amount("s2")


def test_a_death_not_from_work_needs_36_months_of_contributions():
    assert scholarship_eligible(cause="non_work_death", contribution_months=35) is False
    assert scholarship_eligible(cause="non_work_death", contribution_months=36) is True
    refusal = scholarship_eligibility(cause="non_work_death", contribution_months=35)
    assert not refusal
    assert refusal.reason() == (
        "Meninggal bukan karena kecelakaan kerja setelah 35 bulan iuran: beasiswa baru berhak setelah 36 bulan iuran."
    )
    assert refusal.reason("en").startswith("Death not from a work accident after 35 months")


def test_a_work_accident_death_or_total_disability_needs_no_contribution_period():
    assert scholarship_eligible(cause="work_accident_death", contribution_months=0) is True
    assert scholarship_eligible(cause="total_disability", contribution_months=1) is True
    assert (
        "berapa pun lama iurannya" in scholarship_eligibility(cause="total_disability", contribution_months=0).reason()
    )


def test_the_contribution_threshold_is_data():
    rules = BenefitRules(scholarship_after_months=60)
    assert scholarship_eligible(cause="non_work_death", contribution_months=59, rules=rules) is False
    assert scholarship_eligible(cause="non_work_death", contribution_months=60, rules=rules) is True


@pytest.mark.parametrize(
    ("cause", "months", "message"),
    [
        ("sakit", 40, "sebab 'sakit' tidak dikenal"),
        ("non_work_death", 36.0, "masa iuran harus bilangan bulat"),
        ("non_work_death", -1, "masa iuran harus bilangan bulat"),
        ("non_work_death", True, "masa iuran harus bilangan bulat"),
    ],
)
def test_bad_eligibility_input(cause, months, message):
    with pytest.raises(ValueError, match=message):
        scholarship_eligibility(cause=cause, contribution_months=months)


def test_one_child_from_tk_receives_19_years_worth_87_juta():
    plan = scholarship_plan([ChildSchooling("Ani", "tk")])
    assert plan.total == 87_000_000 and plan.cut == 0 and plan.refused == ()
    assert len(plan.years) == 19
    assert [year.level for year in plan.years] == ["tk"] * 2 + ["sd"] * 6 + ["smp"] * 3 + ["sma"] * 3 + ["pt"] * 5
    assert [year.year for year in plan.years] == list(range(1, 20))
    assert plan.years[0].due is None


def test_a_child_in_its_fourth_sd_year_receives_the_rest():
    plan = scholarship_plan([ChildSchooling("Budi", "sd", years_done=3)])
    # SD 3 x 1.5 + SMP 3 x 2 + SMA 3 x 3 + PT 5 x 12 juta
    assert plan.total == 79_500_000
    assert len(plan.years) == 14
    sma_last_year = ChildSchooling("Citra", "sma", years_done=2)
    assert scholarship_plan([sma_last_year]).total == 63_000_000


def test_two_children_from_tk_reach_exactly_the_174_juta_cap_and_a_third_is_refused():
    plan = scholarship_plan([ChildSchooling("Ani", "tk"), ChildSchooling("Budi", "tk"), ChildSchooling("Citra", "sd")])
    assert plan.total == 174_000_000 and plan.cut == 0
    assert plan.children == (0, 1)
    assert plan.child_total(0) == 87_000_000 and plan.child_total(2) == 0
    assert [(refused.child, refused.name) for refused in plan.refused] == [(2, "Citra")]
    assert plan.refused[0].reason() == "Anak ke-3 (Citra): beasiswa paling banyak untuk 2 anak."
    assert plan.refused[0].reason("en") == "Child 3 (Citra): the scholarship covers at most 2 children."
    # Payments in time order: year 1 of each child, then year 2.
    assert [(year.year, year.child) for year in plan.years[:4]] == [(1, 0), (1, 1), (2, 0), (2, 1)]


def test_the_total_cap_cuts_the_latest_payments():
    rules = BenefitRules(scholarship_max_total=100_000_000)
    plan = scholarship_plan([ChildSchooling("Ani", "pt"), ChildSchooling("Budi", "pt")], rules=rules)
    # 5 years x 12 juta x 2 children = 120 juta; after 4 years 96 juta are paid, then Ani's year 5 gets 4 juta.
    assert plan.total == 100_000_000 and plan.cut == 20_000_000
    assert plan.child_total(0) == 52_000_000 and plan.child_total(1) == 48_000_000
    assert (plan.years[-1].child, plan.years[-1].year, plan.years[-1].amount) == (0, 5, 4_000_000)
    assert len(plan.years) == 9


def test_the_number_of_children_is_data():
    rules = BenefitRules(scholarship_max_children=1)
    plan = scholarship_plan([ChildSchooling("Ani", "sma"), ChildSchooling("Budi", "sma")], rules=rules)
    assert plan.total == 69_000_000 and plan.children == (0,)
    assert plan.refused[0].reason() == "Anak ke-2 (Budi): beasiswa paling banyak untuk 1 anak."


def test_payments_end_at_age_23():
    on = dt.date(2026, 1, 1)
    turns_23_on_a_due_day = scholarship_plan([ChildSchooling("Ani", "pt", birth_date=dt.date(2005, 1, 1))], on=on)
    assert turns_23_on_a_due_day.total == 24_000_000  # paid at 21 and 22; on 01-01-2028 she is 23
    assert [year.due for year in turns_23_on_a_due_day.years] == [dt.date(2026, 1, 1), dt.date(2027, 1, 1)]
    a_day_younger = scholarship_plan([ChildSchooling("Ani", "pt", birth_date=dt.date(2005, 1, 2))], on=on)
    assert a_day_younger.total == 36_000_000  # 22 on 01-01-2028


def test_a_child_already_23_is_refused_and_takes_no_place():
    on = dt.date(2026, 1, 1)
    children = [
        ChildSchooling("Dewi", "pt", years_done=1, birth_date=dt.date(2003, 1, 1)),
        ChildSchooling("Ani", "tk"),
        ChildSchooling("Budi", "tk"),
    ]
    plan = scholarship_plan(children, on=on)
    assert plan.total == 174_000_000 and plan.children == (1, 2)
    assert [refused.reason() for refused in plan.refused] == [
        "Anak ke-1 (Dewi): sudah berusia 23 tahun pada 01-01-2026 (lahir 01-01-2003); "
        "beasiswa berakhir pada usia 23 tahun."
    ]


def test_the_plan_as_a_benefit():
    benefit = scholarship_plan([ChildSchooling("Citra", "sma", years_done=2)]).benefit()
    assert benefit.total == 63_000_000 and benefit.parts == (("scholarship", 63_000_000),)
    assert benefit.explanation_id == "Beasiswa untuk 1 anak, 6 pembayaran tahunan: Rp63.000.000."
    assert scholarship_plan([]).total == 0


@pytest.mark.parametrize(
    ("child", "on", "message"),
    [
        (ChildSchooling("Ani", "sd", years_done=6), None, "SD paling lama 6 tahun"),
        (ChildSchooling("Ani", "sd", years_done=-1), None, "tahun yang sudah dijalani harus bilangan bulat"),
        (ChildSchooling("Ani", "SD"), None, "jenjang beasiswa 'SD' tidak dikenal"),
        (ChildSchooling("Ani", "sd", birth_date=dt.date(2015, 1, 1)), None, "tanggal mulai beasiswa"),
        (
            ChildSchooling("Ani", "tk", birth_date=dt.date(2026, 2, 1)),
            dt.date(2026, 1, 1),
            "tanggal lahir 01-02-2026 sesudah mulai beasiswa 01-01-2026",
        ),
    ],
)
def test_bad_children_are_refused(child, on, message):
    with pytest.raises(ValueError, match=message):
        scholarship_plan([child], on=on)
