"""Contributions of BPU (informal) workers, from dated and editable rules (DOMAIN.md §1).

JKK is 1 % of the declared income level, JKM a flat Rp6,800, JHT 2 %; the PP 50/2025 discount
halves JKK+JKM in its months for its sectors, but never for contributions paid from APBN/APBD.
Everything is integer rupiah; rates are `Decimal` fractions, rounded half up to the rupiah once
per worker-month, as BPJS bills per person.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from jaring.core.programs.months import CoverMonths

# Funds a discount never applies to: public budgets (PP 50/2025).
APBD_LIKE_FUNDS = frozenset({"apbd", "apbn", "dbhcht", "dana_desa", "provinsi"})


class Package(StrEnum):
    JKK_JKM = "jkk_jkm"
    JKK_JKM_JHT = "jkk_jkm_jht"


@dataclass(frozen=True)
class Discount:
    """A cut of JKK+JKM in force from `start` to `end` (months, inclusive) for some sectors and funds."""

    name: str
    start: dt.date
    end: dt.date
    rate: Decimal  # the share taken off, e.g. Decimal("0.5")
    sectors: frozenset[str] | None = None  # None: every sector
    excluded_sectors: frozenset[str] = frozenset()
    excluded_funds: frozenset[str] = APBD_LIKE_FUNDS

    def applies(self, *, month: dt.date, sector: str, fund: str) -> bool:
        month = month.replace(day=1)
        if not (self.start.replace(day=1) <= month <= self.end.replace(day=1)):
            return False
        if fund in self.excluded_funds or sector in self.excluded_sectors:
            return False
        return self.sectors is None or sector in self.sectors


# PP 50/2025: transport workers Jan 2026 to Mar 2027; other BPU sectors Apr to Dec 2026.
TRANSPORT_SECTORS = frozenset({"ojek", "sopir_angkot", "becak"})  # codes of core.occupations
PP_50_2025 = (
    Discount("PP 50/2025 (transport)", dt.date(2026, 1, 1), dt.date(2027, 3, 1), Decimal("0.5"), TRANSPORT_SECTORS),
    Discount(
        "PP 50/2025 (other BPU)",
        dt.date(2026, 4, 1),
        dt.date(2026, 12, 1),
        Decimal("0.5"),
        None,
        excluded_sectors=TRANSPORT_SECTORS,
    ),
)


@dataclass(frozen=True)
class ContributionRules:
    """The rates in force; an administrator edits them as data (DOMAIN.md marks the levels M)."""

    jkk_rate: Decimal = Decimal("0.01")
    jkm_flat: int = 6_800
    jht_rate: Decimal = Decimal("0.02")
    # Declared income levels (PP 44/2015 Lampiran II): the lowest is Rp1,000,000 (JKK Rp10,000).
    income_levels: tuple[int, ...] = (1_000_000,)
    discounts: tuple[Discount, ...] = field(default=PP_50_2025)

    def check_income(self, income: int) -> None:
        if income not in self.income_levels:
            levels = ", ".join(f"Rp{level:,}".replace(",", ".") for level in self.income_levels)
            raise ValueError(f"penghasilan Rp{income:,} bukan tingkat yang berlaku ({levels})".replace(",", "."))


DEFAULT_RULES = ContributionRules()


def monthly_contribution(
    *,
    income: int,
    package: Package,
    month: dt.date,
    sector: str,
    fund: str,
    rules: ContributionRules = DEFAULT_RULES,
) -> int:
    """What one worker's cover costs in one month, in whole rupiah."""
    require_whole(income, f"penghasilan harus rupiah bulat, bukan {income!r}")
    rules.check_income(income)
    jkk = _rupiah(income * rules.jkk_rate)
    basic = jkk + rules.jkm_flat
    for discount in rules.discounts:
        if discount.applies(month=month, sector=sector, fund=fund):
            basic -= _rupiah(basic * discount.rate)
            break  # discounts do not stack
    jht = _rupiah(income * rules.jht_rate) if package is Package.JKK_JKM_JHT else 0
    return basic + jht


@dataclass(frozen=True)
class Pricing:
    """What one worker's cover is priced by, besides its months: the declared income, the package, the
    worker's sector (for a discount), the fund that pays and the rules in force."""

    income: int = 1_000_000
    package: Package = Package.JKK_JKM
    sector: str = ""
    fund: str = "apbd"
    rules: ContributionRules = DEFAULT_RULES

    def monthly(self, month: dt.date) -> int:
        """What one worker costs in `month`, in whole rupiah."""
        return monthly_contribution(
            income=self.income,
            package=self.package,
            month=month,
            sector=self.sector,
            fund=self.fund,
            rules=self.rules,
        )


DEFAULT_PRICING = Pricing()


def worker_cost(cover: CoverMonths, pricing: Pricing = DEFAULT_PRICING) -> int:
    """What one worker costs for every month of `cover`, priced by `pricing`, in whole rupiah."""
    return sum(pricing.monthly(month) for month in cover.months)


def program_cost(*, workers: int, cover: CoverMonths, pricing: Pricing = DEFAULT_PRICING) -> int:
    """What `workers` cost for every month of `cover`."""
    require_whole(workers, "jumlah pekerja harus bilangan bulat 0 atau lebih")
    return workers * worker_cost(cover, pricing)


def require_whole(value: object, message: str) -> None:
    """Money and counts are whole numbers of 0 or more (an int, not a float or a bool); else ValueError(message)."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(message)


def _rupiah(amount: Decimal | int) -> int:
    return int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))
