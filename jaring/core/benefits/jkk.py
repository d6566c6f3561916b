"""JKK cash benefits, from the declared monthly income the contributions were paid on (DOMAIN.md §2).

- Death from a work accident: 48 times the income as a lump sum, Rp12 juta periodic benefit paid at once and
  Rp10 juta for the funeral — Rp70 juta at Rp1 juta income — plus the beasiswa (`beasiswa`), which
  has its own plan and is claimed on its own.
- Total permanent disability: 56 times the income.
- Temporary inability to work (STMB): 100 % of income for each of the first 12 months, then 50 %
  until recovery. It is counted in whole months (`months`, the months from the accident to recovery
  or to the day counted), since a BPU's declared income is monthly; each month's pay is rounded
  half up to the rupiah, as it is paid month by month.

Medical care has no ceiling and is not a cash amount, so it is not calculated here.
"""

from decimal import Decimal

from jaring.core.benefits.rules import (
    DEFAULT_BENEFIT_RULES,
    FULL_PAY,
    FUNERAL,
    LUMP_SUM,
    PERIODIC,
    REDUCED_PAY,
    Benefit,
    BenefitRules,
    parts_text,
    require_whole,
    rupiah,
)
from jaring.core.money import rupiah_text


def jkk_death(income: int, *, rules: BenefitRules = DEFAULT_BENEFIT_RULES) -> Benefit:
    """What JKK pays in cash for a death from a work accident of a worker declaring `income` a month."""
    _require_income(income)
    multiple = rules.jkk_death_income_multiple
    parts = ((LUMP_SUM, multiple * income), (PERIODIC, rules.jkk_death_periodic), (FUNERAL, rules.jkk_death_funeral))
    return Benefit(
        total=sum(amount for _, amount in parts),
        parts=parts,
        explanation_id=(
            f"Meninggal karena kecelakaan kerja, penghasilan {rupiah_text(income)} sebulan "
            f"(santunan sekaligus {multiple} × penghasilan): {parts_text(parts, english=False)}; "
            "ditambah beasiswa anak."
        ),
        explanation_en=(
            f"Death from a work accident, income {rupiah_text(income)} a month "
            f"(lump sum {multiple} × income): {parts_text(parts, english=True)}; plus the children's scholarship."
        ),
    )


def jkk_total_disability(income: int, *, rules: BenefitRules = DEFAULT_BENEFIT_RULES) -> Benefit:
    """What JKK pays for a total permanent disability of a worker declaring `income` a month."""
    _require_income(income)
    multiple = rules.jkk_disability_income_multiple
    amount = multiple * income
    return Benefit(
        total=amount,
        parts=((LUMP_SUM, amount),),
        explanation_id=(
            f"Cacat total tetap karena kecelakaan kerja: {multiple} × penghasilan {rupiah_text(income)} "
            f"= {rupiah_text(amount)}; ditambah beasiswa anak."
        ),
        explanation_en=(
            f"Total permanent disability from a work accident: {multiple} × income {rupiah_text(income)} "
            f"= {rupiah_text(amount)}; plus the children's scholarship."
        ),
    )


def jkk_temporary_inability(income: int, *, months: int, rules: BenefitRules = DEFAULT_BENEFIT_RULES) -> Benefit:
    """What JKK pays a worker declaring `income` a month for `months` whole months unable to work."""
    _require_income(income)
    require_whole(months, f"lama tidak mampu bekerja harus bilangan bulat bulan 0 atau lebih, bukan {months!r}")
    full_months = min(months, rules.jkk_full_pay_months)
    later_months = months - full_months
    full, later = rupiah(income * rules.jkk_full_pay_rate), rupiah(income * rules.jkk_reduced_pay_rate)
    parts: tuple[tuple[str, int], ...] = tuple(
        (code, count * monthly)
        for code, count, monthly in ((FULL_PAY, full_months, full), (REDUCED_PAY, later_months, later))
        if count
    )
    full_pct, later_pct = _percent(rules.jkk_full_pay_rate), _percent(rules.jkk_reduced_pay_rate)
    steps_id = [f"{full_months} bulan × {rupiah_text(full)} ({full_pct} %)"]
    steps_en = [f"{full_months} months × {rupiah_text(full)} ({full_pct} %)"]
    if later_months:
        steps_id.append(f"{later_months} bulan × {rupiah_text(later)} ({later_pct} %)")
        steps_en.append(f"{later_months} months × {rupiah_text(later)} ({later_pct} %)")
    total = sum(amount for _, amount in parts)
    return Benefit(
        total=total,
        parts=parts,
        explanation_id=(
            f"Tidak mampu bekerja {months} bulan, penghasilan {rupiah_text(income)} sebulan "
            f"({full_pct} % selama {rules.jkk_full_pay_months} bulan pertama, lalu {later_pct} %): "
            f"{' + '.join(steps_id)} = {rupiah_text(total)}."
        ),
        explanation_en=(
            f"Unable to work for {months} months, income {rupiah_text(income)} a month "
            f"({full_pct} % for the first {rules.jkk_full_pay_months} months, then {later_pct} %): "
            f"{' + '.join(steps_en)} = {rupiah_text(total)}."
        ),
    )


def _require_income(income: object) -> None:
    require_whole(income, f"penghasilan harus rupiah bulat 0 atau lebih (bilangan bulat), bukan {income!r}")


def _percent(rate: Decimal) -> str:
    """A `Decimal` fraction as a percentage without trailing zeros: 0.5 → "50", 0.125 → "12.5"."""
    return f"{(rate * 100).normalize():f}"
