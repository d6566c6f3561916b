"""The benefit rules are data, checked when edited; the package stays framework-free."""

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import pytest

from jaring.core.benefits import DEFAULT_BENEFIT_RULES, Benefit, BenefitRules, ScholarshipLevel, add_months
from jaring.core.programs.planner import LAPSE_AFTER_MONTHS


def test_the_defaults():
    rules = DEFAULT_BENEFIT_RULES
    assert rules.jkm_lump_sum + rules.jkm_periodic + rules.jkm_funeral == 42_000_000
    assert rules.scholarship_max_total == 174_000_000 and rules.scholarship_max_children == 2
    assert rules.lapse_after_months == LAPSE_AFTER_MONTHS == 3
    assert rules.jkk_reduced_pay_rate == Decimal("0.5")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"jkm_funeral": -1}, "aturan manfaat jkm_funeral harus bilangan bulat 0 atau lebih"),
        ({"jkm_funeral": 10_000_000.0}, "aturan manfaat jkm_funeral harus bilangan bulat"),
        ({"jkk_reduced_pay_rate": 0.5}, "aturan manfaat jkk_reduced_pay_rate harus pecahan Decimal"),
        ({"jkk_reduced_pay_rate": Decimal("1.5")}, "aturan manfaat jkk_reduced_pay_rate harus pecahan Decimal"),
        (
            {
                "scholarship_levels": (
                    ScholarshipLevel("sd", 1, 6, "SD", "SD"),
                    ScholarshipLevel("sd", 1, 6, "SD", "SD"),
                )
            },
            "jenjang beasiswa ganda",
        ),
        ({"scholarship_levels": (ScholarshipLevel("sd", 1_500_000, 0, "SD", "SD"),)}, "minimal 1 tahun"),
    ],
)
def test_bad_rules_are_refused(change, message):
    with pytest.raises(ValueError, match=message):
        BenefitRules(**change)


def test_a_benefit_total_is_the_sum_of_its_parts():
    with pytest.raises(ValueError, match="tidak sama dengan totalnya"):
        Benefit(total=1, parts=(("funeral", 2),), explanation_id="", explanation_en="")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2025, 11, 30), 3, dt.date(2026, 2, 28)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2026, 10, 15), 3, dt.date(2027, 1, 15)),
        (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_benefits_run_where_django_cannot_be_imported():
    code = (
        "import sys, datetime; sys.modules['django'] = None\n"
        "from jaring.core.benefits import jkm_benefit\n"
        "print(jkm_benefit(membership_start=datetime.date(2026, 1, 1), death_date=datetime.date(2026, 4, 1)).total)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "42000000"
