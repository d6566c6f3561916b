"""The benefit rules as editable data, and the `Benefit` every calculator returns (DOMAIN.md §2).

The amounts come from regulations (PP 44/2015 as amended by PP 82/2019 and PP 49/2023, Permenaker
5/2021 and 1/2025) and change by decree: JKM's 3-month rule only arrived in 2025. So they are the
fields of `BenefitRules`, which an administrator may edit like any other table, and the calculators
read them from there; `DEFAULT_BENEFIT_RULES` holds today's values. Money is integer rupiah and
rates are `Decimal` fractions, never floats.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from jaring.core.money import rupiah_text
from jaring.core.programs.planner import LAPSE_AFTER_MONTHS

# The school levels a scholarship pays for, youngest first: TK, SD, SMP, SMA, university or training.
SCHOLARSHIP_LEVELS = ("tk", "sd", "smp", "sma", "pt")

# What a benefit is made of; `Benefit.parts` names its amounts by these codes.
LUMP_SUM, PERIODIC, FUNERAL, SCHOLARSHIP = "lump_sum", "periodic", "funeral", "scholarship"
FULL_PAY, REDUCED_PAY = "full_pay", "reduced_pay"
PART_LABELS: dict[str, tuple[str, str]] = {
    LUMP_SUM: ("santunan sekaligus", "lump sum"),
    PERIODIC: ("santunan berkala", "periodic benefit"),
    FUNERAL: ("biaya pemakaman", "funeral benefit"),
    SCHOLARSHIP: ("beasiswa", "scholarship"),
    FULL_PAY: ("santunan tidak mampu bekerja (tarif penuh)", "inability-to-work benefit (full rate)"),
    REDUCED_PAY: ("santunan tidak mampu bekerja (tarif lanjutan)", "inability-to-work benefit (later rate)"),
}


def require_whole(value: object, message: str) -> None:
    """Money and counts are whole numbers of 0 or more (an int, not a float or a bool); else ValueError(message)."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(message)


@dataclass(frozen=True)
class ScholarshipLevel:
    """One school level: what a year of it pays and for how many years at most."""

    code: str  # one of SCHOLARSHIP_LEVELS
    yearly: int
    max_years: int
    name_id: str
    name_en: str


DEFAULT_SCHOLARSHIP_LEVELS = (
    ScholarshipLevel("tk", 1_500_000, 2, "TK", "kindergarten"),
    ScholarshipLevel("sd", 1_500_000, 6, "SD", "primary school"),
    ScholarshipLevel("smp", 2_000_000, 3, "SMP", "junior secondary school"),
    ScholarshipLevel("sma", 3_000_000, 3, "SMA", "senior secondary school"),
    ScholarshipLevel("pt", 12_000_000, 5, "perguruan tinggi/pelatihan", "university or training"),
)


@dataclass(frozen=True)
class BenefitRules:
    """The benefits in force. Every amount is whole rupiah; every rate a `Decimal` fraction."""

    # JKM, death not from a work accident: Rp20 juta + Rp12 juta + Rp10 juta = Rp42 juta, but only the
    # funeral benefit when death comes before `jkm_full_after_months` calendar months of membership.
    jkm_lump_sum: int = 20_000_000
    jkm_periodic: int = 12_000_000  # paid at once
    jkm_funeral: int = 10_000_000
    jkm_full_after_months: int = 3
    # JKK cash benefits, as multiples or fractions of the declared monthly income.
    jkk_death_income_multiple: int = 48
    jkk_death_periodic: int = 12_000_000
    jkk_death_funeral: int = 10_000_000
    jkk_disability_income_multiple: int = 56
    jkk_full_pay_months: int = 12
    jkk_full_pay_rate: Decimal = Decimal("1")
    jkk_reduced_pay_rate: Decimal = Decimal("0.5")
    # Beasiswa.
    scholarship_levels: tuple[ScholarshipLevel, ...] = DEFAULT_SCHOLARSHIP_LEVELS
    scholarship_max_children: int = 2
    scholarship_max_total: int = 174_000_000
    scholarship_after_months: int = 36  # for a death not from a work accident
    scholarship_until_age: int = 23
    # More unpaid months in a row than this end a membership (DOMAIN.md §3, the planner's rule);
    # 0 reads every missing month as the end of the membership.
    lapse_after_months: int = LAPSE_AFTER_MONTHS

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if field.type is int:
                require_whole(value, f"aturan manfaat {field.name} harus bilangan bulat 0 atau lebih, bukan {value!r}")
            elif field.type is Decimal and not (isinstance(value, Decimal) and 0 <= value <= 1):
                raise ValueError(f"aturan manfaat {field.name} harus pecahan Decimal antara 0 dan 1, bukan {value!r}")
        codes = [level.code for level in self.scholarship_levels]
        if len(set(codes)) != len(codes):
            raise ValueError(f"jenjang beasiswa ganda: {', '.join(codes)}")
        for level in self.scholarship_levels:
            require_whole(level.yearly, f"beasiswa {level.code} per tahun harus rupiah bulat, bukan {level.yearly!r}")
            if not isinstance(level.max_years, int) or isinstance(level.max_years, bool) or level.max_years < 1:
                raise ValueError(f"beasiswa {level.code} paling lama harus minimal 1 tahun, bukan {level.max_years!r}")

    def scholarship_level(self, code: str) -> ScholarshipLevel:
        """The level `code` names ("sd"); ValueError naming the known levels otherwise."""
        for level in self.scholarship_levels:
            if level.code == code:
                return level
        known = ", ".join(level.code for level in self.scholarship_levels)
        raise ValueError(f"jenjang beasiswa {code!r} tidak dikenal; pilih salah satu: {known}")


DEFAULT_BENEFIT_RULES = BenefitRules()


@dataclass(frozen=True)
class Benefit:
    """What a calculator says is due: the total, its parts by code (PART_LABELS) and why, in two languages."""

    total: int
    parts: tuple[tuple[str, int], ...]
    explanation_id: str
    explanation_en: str

    def __post_init__(self) -> None:
        if sum(amount for _, amount in self.parts) != self.total:
            raise ValueError(f"jumlah bagian manfaat {self.parts} tidak sama dengan totalnya Rp{self.total}")

    def part(self, code: str) -> int:
        """The amount of one part (0 when the benefit has no such part)."""
        return sum(amount for name, amount in self.parts if name == code)

    def explanation(self, language: str = "id") -> str:
        """The explanation in a Django language code's language: "en..." is English, anything else Indonesian."""
        return self.explanation_en if is_english(language) else self.explanation_id


def parts_text(parts: tuple[tuple[str, int], ...], *, english: bool) -> str:
    """ "santunan sekaligus Rp20.000.000 + biaya pemakaman Rp10.000.000 = Rp30.000.000" (no sum for one part)."""
    written = " + ".join(f"{PART_LABELS[code][english]} {rupiah_text(amount)}" for code, amount in parts)
    if len(parts) < 2:
        return written
    return f"{written} = {rupiah_text(sum(amount for _, amount in parts))}"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later, clamped to the month's end: 30-11-2025 + 3 → 28-02-2026."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def date_text(day: dt.date) -> str:
    """A date as Jaring writes it in messages: "01-01-2026"."""
    return f"{day:%d-%m-%Y}"


def is_english(language: str) -> bool:
    return language.lower().startswith("en")


def rupiah(amount: Decimal | int) -> int:
    """An exact amount rounded half up to the whole rupiah."""
    return int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))
