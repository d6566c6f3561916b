"""What a recorded claim should have paid, by the calculators, from the worker's covered months and income.

A claim names its program (CLAIM_PROGRAMS), the day of the event (the death, the accident) and, where
the program needs them, the cause, the scholarship's school level and the months unable to work:

- JKM: `jkm.jkm_benefit_from_months` (Rp42 juta, Rp10 juta in the first 3 months, Rp0 uncovered);
- JKK: by cause — a work-accident death `jkk_death`, a total disability `jkk_total_disability`, a
  temporary inability `jkk_temporary_inability` (with its months) — from the declared income;
- beasiswa: one year at the level (`scholarship_year_amount`) when the cause and the contribution
  period give it (`scholarship_eligibility`), else Rp0 with the reason;
- anything else (JHT, JP, JKP, or a claim missing what its rule needs): None, nothing to compare.

An event in a month no program covered is not protected: JKK and the scholarship are then Rp0 and say
why, as JKM does.
"""

import datetime as dt
from collections.abc import Iterable

from jaring.core.benefits.beasiswa import (
    NON_WORK_DEATH,
    SCHOLARSHIP_CAUSES,
    TOTAL_DISABILITY,
    WORK_ACCIDENT_DEATH,
    scholarship_eligibility,
    scholarship_year_amount,
)
from jaring.core.benefits.jkk import jkk_death, jkk_temporary_inability, jkk_total_disability
from jaring.core.benefits.jkm import jkm_benefit_from_months
from jaring.core.benefits.membership import contribution_months
from jaring.core.benefits.rules import DEFAULT_BENEFIT_RULES, SCHOLARSHIP, Benefit, BenefitRules
from jaring.core.money import rupiah_text

TEMPORARY_INABILITY = "temporary_inability"
# What a claim may name as its cause: the scholarship's three, and a JKK temporary inability to work.
CLAIM_CAUSES = (WORK_ACCIDENT_DEATH, TOTAL_DISABILITY, NON_WORK_DEATH, TEMPORARY_INABILITY)
JKK_CAUSES = (WORK_ACCIDENT_DEATH, TOTAL_DISABILITY, TEMPORARY_INABILITY)
# The causes each program may carry; a program not named carries none.
PROGRAM_CAUSES: dict[str, tuple[str, ...]] = {"jkk": JKK_CAUSES, "beasiswa": SCHOLARSHIP_CAUSES}
# The lowest declared income level (PP 44/2015): what a Pemda program declares unless it says otherwise.
DEFAULT_INCOME = 1_000_000


def claim_expected(
    *,
    program: str,
    event_date: dt.date,
    covered_months: Iterable[dt.date],
    income: int = DEFAULT_INCOME,
    level: str = "",
    cause: str = "",
    months: int | None = None,
    rules: BenefitRules = DEFAULT_BENEFIT_RULES,
) -> Benefit | None:
    """What the rules give for the claim (see the module); None when there is nothing to calculate."""
    covered = frozenset(dt.date(month.year, month.month, 1) for month in covered_months)
    if program == "jkm":
        return jkm_benefit_from_months(covered, death_date=event_date, rules=rules)
    if program == "jkk":
        if cause not in JKK_CAUSES or (cause == TEMPORARY_INABILITY and months is None):
            return None
        if _month(event_date) not in covered:
            return _not_covered(event_date, "JKK", "kecelakaan", "accident")
        if cause == WORK_ACCIDENT_DEATH:
            return jkk_death(income, rules=rules)
        if cause == TOTAL_DISABILITY:
            return jkk_total_disability(income, rules=rules)
        return jkk_temporary_inability(income, months=months or 0, rules=rules)
    if program == "beasiswa":
        if not level or cause not in SCHOLARSHIP_CAUSES:
            return None
        if _month(event_date) not in covered:
            return _not_covered(event_date, "beasiswa", "kejadian", "event")
        period = contribution_months(covered, until=event_date, rules=rules)
        eligibility = scholarship_eligibility(cause=cause, contribution_months=period, rules=rules)
        if not eligibility:
            return Benefit(
                total=0,
                parts=(),
                explanation_id=f"{eligibility.reason_id} Rp0.",
                explanation_en=f"{eligibility.reason_en} Rp0.",
            )
        amount = scholarship_year_amount(level, rules)
        name = rules.scholarship_level(level)
        return Benefit(
            total=amount,
            parts=((SCHOLARSHIP, amount),) if amount else (),
            explanation_id=f"{eligibility.reason_id} Satu tahun beasiswa {name.name_id}: {rupiah_text(amount)}.",
            explanation_en=(
                f"{eligibility.reason_en} One year of the {name.name_en} scholarship: {rupiah_text(amount)}."
            ),
        )
    return None


def _month(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, 1)


def _not_covered(day: dt.date, benefit: str, event_id: str, event_en: str) -> Benefit:
    month = _month(day)
    return Benefit(
        total=0,
        parts=(),
        explanation_id=f"Bulan {event_id} ({month:%m-%Y}) tidak dilindungi iuran: {benefit} tidak dibayar, Rp0.",
        explanation_en=(
            f"The month of the {event_en} ({month:%m-%Y}) was not covered by contributions: "
            f"no {'scholarship' if benefit == 'beasiswa' else benefit} is due, Rp0."
        ),
    )
