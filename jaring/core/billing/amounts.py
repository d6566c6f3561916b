"""What the contribution rule says each member-month should cost, split as BPJS bills it (JKK, JKM, JHT).

Computed once per distinct (month, fund, sector) — a program's million member-months have a few dozen —
with the same rules as the programs' pricing (`core.programs.contributions`), then joined to the months.
Beside the right amount, what the discount would have made it (`exp_discounted`): a line billed at that
amount for public money had the PP 50/2025 discount applied where it must not be.
"""

import datetime as dt
from decimal import Decimal

import polars as pl

from jaring.core.programs.contributions import DEFAULT_RULES, ContributionRules, Package, _rupiah

AMOUNT_SCHEMA = {
    "exp_jkk": pl.Int64,
    "exp_jkm": pl.Int64,
    "exp_jht": pl.Int64,
    "exp_total": pl.Int64,
    "exp_discounted": pl.Int64,
}


def contribution_parts(
    *, income: int, package: Package, month: dt.date, sector: str, fund: str, rules: ContributionRules = DEFAULT_RULES
) -> dict[str, int]:
    """JKK, JKM and JHT of one member-month, and the total, as BPJS bills them (the discount cuts JKK and JKM)."""
    rules.check_income(income)
    jkk, jkm = _rupiah(income * rules.jkk_rate), rules.jkm_flat
    jht = _rupiah(income * rules.jht_rate) if package is Package.JKK_JKM_JHT else 0
    rate = next(
        (discount.rate for discount in rules.discounts if discount.applies(month=month, sector=sector, fund=fund)),
        None,
    )
    if rate is not None:
        jkk, jkm = _discounted(jkk, jkm, rate)
    # Any discount of the month, whoever it is for: what a wrongly applied discount would bill.
    any_rate = next(
        (discount.rate for discount in rules.discounts if discount.start <= month <= discount.end), Decimal("0.5")
    )
    cut_jkk, cut_jkm = _discounted(_rupiah(income * rules.jkk_rate), rules.jkm_flat, any_rate)
    return {
        "exp_jkk": jkk,
        "exp_jkm": jkm,
        "exp_jht": jht,
        "exp_total": jkk + jkm + jht,
        "exp_discounted": cut_jkk + cut_jkm + jht,
    }


def with_expected_amounts(
    months: pl.DataFrame, *, income: int, package: Package, rules: ContributionRules = DEFAULT_RULES
) -> pl.DataFrame:
    """`months` (with month, fund and sector columns) with the AMOUNT_SCHEMA columns added."""
    keys = months.select("month", "fund", "sector").unique()
    table = pl.DataFrame(
        [
            {
                "month": month,
                "fund": fund,
                "sector": sector,
                **contribution_parts(
                    income=income, package=package, month=month, sector=sector or "", fund=fund or "", rules=rules
                ),
            }
            for month, fund, sector in keys.iter_rows()
        ],
        schema={"month": pl.Date, "fund": pl.String, "sector": pl.String, **AMOUNT_SCHEMA},
    )
    return months.join(table, on=["month", "fund", "sector"], how="left", nulls_equal=True)


def _discounted(jkk: int, jkm: int, rate: Decimal) -> tuple[int, int]:
    basic = jkk + jkm
    cut = basic - _rupiah(basic * rate)
    cut_jkk = jkk - _rupiah(jkk * rate)
    return cut_jkk, cut - cut_jkk
