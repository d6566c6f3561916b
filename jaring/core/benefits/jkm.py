"""JKM, the death benefit for a death not caused by a work accident (DOMAIN.md §2).

Rp42 juta: a Rp20 juta lump sum, Rp12 juta of periodic benefit paid at once and Rp10 juta for the
funeral. Since Permenaker 1/2025 a death within the first 3 months of membership pays only the
funeral benefit, so that nobody joins only when death is near.

The threshold, exactly: membership has reached 3 months on the same day 3 calendar months after it
started, clamped to the end of a shorter month. Membership from 01-01-2026 pays in full for a death
on 01-04-2026 or later and only the funeral benefit for a death up to 31-03-2026; from 30-11-2025
the full benefit starts on 28-02-2026; from 31-01-2026 on 30-04-2026. A membership the ledger
knows by its months starts on the first day of its first month (`membership.membership_start`).
"""

import datetime as dt
from collections.abc import Iterable

from jaring.core.benefits.membership import membership_start
from jaring.core.benefits.rules import (
    DEFAULT_BENEFIT_RULES,
    FUNERAL,
    LUMP_SUM,
    PERIODIC,
    Benefit,
    BenefitRules,
    add_months,
    date_text,
    parts_text,
)


def jkm_full_from(membership_start: dt.date, rules: BenefitRules = DEFAULT_BENEFIT_RULES) -> dt.date:
    """The first day of death that pays the full JKM for a membership that started on `membership_start`."""
    return add_months(membership_start, rules.jkm_full_after_months)


def jkm_benefit(
    *, membership_start: dt.date, death_date: dt.date, rules: BenefitRules = DEFAULT_BENEFIT_RULES
) -> Benefit:
    """What JKM pays for a death on `death_date` of a member since `membership_start` (see the module)."""
    if death_date < membership_start:
        raise ValueError(
            f"tanggal meninggal {date_text(death_date)} sebelum mulai kepesertaan {date_text(membership_start)}"
        )
    months = rules.jkm_full_after_months
    dates_id = f"mulai {date_text(membership_start)}, meninggal {date_text(death_date)}"
    dates_en = f"from {date_text(membership_start)}, died {date_text(death_date)}"
    if death_date < jkm_full_from(membership_start, rules):
        parts: tuple[tuple[str, int], ...] = ((FUNERAL, rules.jkm_funeral),)
        return Benefit(
            total=rules.jkm_funeral,
            parts=parts,
            explanation_id=(
                f"Meninggal dalam {months} bulan pertama kepesertaan ({dates_id}): "
                f"hanya {parts_text(parts, english=False)}."
            ),
            explanation_en=(
                f"Died within the first {months} months of membership ({dates_en}): "
                f"{parts_text(parts, english=True)} only."
            ),
        )
    parts = ((LUMP_SUM, rules.jkm_lump_sum), (PERIODIC, rules.jkm_periodic), (FUNERAL, rules.jkm_funeral))
    return Benefit(
        total=sum(amount for _, amount in parts),
        parts=parts,
        explanation_id=(
            f"Meninggal setelah kepesertaan mencapai {months} bulan ({dates_id}): {parts_text(parts, english=False)}."
        ),
        explanation_en=(
            f"Died after {months} months of membership or more ({dates_en}): {parts_text(parts, english=True)}."
        ),
    )


def jkm_benefit_from_months(
    covered_months: Iterable[dt.date], *, death_date: dt.date, rules: BenefitRules = DEFAULT_BENEFIT_RULES
) -> Benefit:
    """What JKM pays for a death on `death_date`, read from the worker's covered months (any program).

    The membership counts from the first month of the membership current at death: gaps of at
    most `rules.lapse_after_months` unpaid months do not restart it, a longer gap does. A death in a
    month no program covered is not protected: the benefit is Rp0, and says why.
    """
    months = frozenset(dt.date(month.year, month.month, 1) for month in covered_months)
    death_month = dt.date(death_date.year, death_date.month, 1)
    start = membership_start(months, until=death_date, rules=rules) if death_month in months else None
    if start is None:
        return Benefit(
            total=0,
            parts=(),
            explanation_id=(f"Bulan meninggal ({death_month:%m-%Y}) tidak dilindungi iuran: JKM tidak dibayar, Rp0."),
            explanation_en=(
                f"The month of death ({death_month:%m-%Y}) was not covered by contributions: no JKM is due, Rp0."
            ),
        )
    return jkm_benefit(membership_start=start, death_date=death_date, rules=rules)
