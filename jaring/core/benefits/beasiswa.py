"""Beasiswa: the scholarship for a member's children after a death or a total disability (DOMAIN.md §2).

Who: a work-accident death or a total permanent disability gives it whatever the contribution
period; a death not from a work accident only after 3 years (36 months) of contributions — the
covered months of the membership current at death (`membership.contribution_months`).

What: a yearly amount per child by school level (TK Rp1.5 juta for at most 2 years, SD Rp1.5 juta
for 6, SMP Rp2 juta for 3, SMA Rp3 juta for 3, university or training Rp12 juta for 5), for at most
2 children and at most Rp174 juta in all — exactly what two children from TK to university
receive, so the total cap only bites when an administrator edits the table. It ends at age 23 (and
at marriage or work, which no plan can foresee).

The plan assumes a child moves up one level when its years there are used up, and pays year 1 on
the plan's date `on`, year 2 a year later, and so on. The two children are the first two in the
given order that still have a year to receive: a child already 23 is refused with its reason and
takes no place. When the total cap bites it cuts the latest payments: payments are counted in time
order (year 1 of each child, then year 2, ...), the payment that crosses the cap is reduced to what
is left, and later ones are dropped.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from jaring.core.benefits.rules import (
    DEFAULT_BENEFIT_RULES,
    SCHOLARSHIP,
    Benefit,
    BenefitRules,
    date_text,
    is_english,
    require_whole,
)
from jaring.core.money import rupiah_text

WORK_ACCIDENT_DEATH, TOTAL_DISABILITY, NON_WORK_DEATH = "work_accident_death", "total_disability", "non_work_death"
SCHOLARSHIP_CAUSES = (WORK_ACCIDENT_DEATH, TOTAL_DISABILITY, NON_WORK_DEATH)


@dataclass(frozen=True)
class ScholarshipEligibility:
    """Whether a case gives the scholarship, with the reason in Indonesian and English; true when eligible."""

    eligible: bool
    reason_id: str
    reason_en: str

    def __bool__(self) -> bool:
        return self.eligible

    def reason(self, language: str = "id") -> str:
        return self.reason_en if is_english(language) else self.reason_id


def scholarship_eligibility(
    *, cause: str, contribution_months: int, rules: BenefitRules = DEFAULT_BENEFIT_RULES
) -> ScholarshipEligibility:
    """Whether `cause` (one of SCHOLARSHIP_CAUSES) after `contribution_months` months gives the scholarship, and why."""
    require_whole(
        contribution_months, f"masa iuran harus bilangan bulat bulan 0 atau lebih, bukan {contribution_months!r}"
    )
    needed = rules.scholarship_after_months
    if cause == WORK_ACCIDENT_DEATH:
        return ScholarshipEligibility(
            True,
            "Meninggal karena kecelakaan kerja: beasiswa berhak, berapa pun lama iurannya.",
            "Death from a work accident: the scholarship is due whatever the contribution period.",
        )
    if cause == TOTAL_DISABILITY:
        return ScholarshipEligibility(
            True,
            "Cacat total tetap: beasiswa berhak, berapa pun lama iurannya.",
            "Total permanent disability: the scholarship is due whatever the contribution period.",
        )
    if cause == NON_WORK_DEATH:
        if contribution_months >= needed:
            return ScholarshipEligibility(
                True,
                f"Meninggal bukan karena kecelakaan kerja setelah {contribution_months} bulan iuran "
                f"(minimal {needed} bulan): beasiswa berhak.",
                f"Death not from a work accident after {contribution_months} months of contributions "
                f"(at least {needed} months): the scholarship is due.",
            )
        return ScholarshipEligibility(
            False,
            f"Meninggal bukan karena kecelakaan kerja setelah {contribution_months} bulan iuran: "
            f"beasiswa baru berhak setelah {needed} bulan iuran.",
            f"Death not from a work accident after {contribution_months} months of contributions: "
            f"the scholarship is only due after {needed} months of contributions.",
        )
    raise ValueError(f"sebab {cause!r} tidak dikenal; pilih salah satu: {', '.join(SCHOLARSHIP_CAUSES)}")


def scholarship_eligible(*, cause: str, contribution_months: int, rules: BenefitRules = DEFAULT_BENEFIT_RULES) -> bool:
    """Whether `cause` after `contribution_months` months gives the scholarship (`scholarship_eligibility` says why)."""
    return scholarship_eligibility(cause=cause, contribution_months=contribution_months, rules=rules).eligible


def scholarship_year_amount(level: str, rules: BenefitRules = DEFAULT_BENEFIT_RULES) -> int:
    """What one school year at `level` ("tk", "sd", "smp", "sma", "pt") pays one child."""
    return rules.scholarship_level(level).yearly


@dataclass(frozen=True)
class ChildSchooling:
    """A child as the plan needs it: the level it is at now and the years already done there (0 in the
    first year); its birth date, when known, ends the plan at age 23."""

    name: str
    level: str
    years_done: int = 0
    birth_date: dt.date | None = None


@dataclass(frozen=True)
class ScholarshipYear:
    """One yearly payment for one child."""

    child: int  # the child's position in the list given, from 0
    year: int  # 1 for the first yearly payment
    level: str
    amount: int
    due: dt.date | None  # `on` plus (year - 1) years, when the plan has a date


@dataclass(frozen=True)
class RefusedChild:
    child: int
    name: str
    reason_id: str
    reason_en: str

    def reason(self, language: str = "id") -> str:
        return self.reason_en if is_english(language) else self.reason_id


@dataclass(frozen=True)
class ScholarshipPlan:
    years: tuple[ScholarshipYear, ...]  # in time order: year 1 of each child, then year 2, ...
    refused: tuple[RefusedChild, ...]
    total: int
    cut: int  # what the total cap took off, in rupiah (0 when it did not bite)

    @property
    def children(self) -> tuple[int, ...]:
        """The positions of the children who receive the scholarship."""
        return tuple(sorted({year.child for year in self.years}))

    def child_total(self, child: int) -> int:
        return sum(year.amount for year in self.years if year.child == child)

    def benefit(self) -> Benefit:
        """The plan as one `Benefit` (part "scholarship"), to add to a death benefit or check a claim against."""
        count = len(self.children)
        return Benefit(
            total=self.total,
            parts=((SCHOLARSHIP, self.total),) if self.total else (),
            explanation_id=(
                f"Beasiswa untuk {count} anak, {len(self.years)} pembayaran tahunan: {rupiah_text(self.total)}."
            ),
            explanation_en=(
                f"Scholarship for {count} {'child' if count == 1 else 'children'}, "
                f"{len(self.years)} yearly payments: {rupiah_text(self.total)}."
            ),
        )


def scholarship_plan(
    children: Sequence[ChildSchooling], *, on: dt.date | None = None, rules: BenefitRules = DEFAULT_BENEFIT_RULES
) -> ScholarshipPlan:
    """Every yearly payment due to `children` from `on` (the first payment), capped as the module says.

    `on` is needed only when a child's birth date is given (to end its payments at age 23).
    """
    schedules: list[list[ScholarshipYear]] = []
    refused: list[RefusedChild] = []
    for position, child in enumerate(children):
        schedule = _schedule(position, child, on, rules)
        label_id, label_en = f"Anak ke-{position + 1} ({child.name})", f"Child {position + 1} ({child.name})"
        if not schedule and child.birth_date is not None and on is not None:  # only age leaves no year
            age, born = rules.scholarship_until_age, date_text(child.birth_date)
            refused.append(
                RefusedChild(
                    position,
                    child.name,
                    f"{label_id}: sudah berusia {age} tahun pada {date_text(on)} (lahir {born}); "
                    f"beasiswa berakhir pada usia {age} tahun.",
                    f"{label_en}: already {age} on {date_text(on)} (born {born}); the scholarship ends at age {age}.",
                )
            )
        elif len(schedules) >= rules.scholarship_max_children:
            most = rules.scholarship_max_children
            refused.append(
                RefusedChild(
                    position,
                    child.name,
                    f"{label_id}: beasiswa paling banyak untuk {most} anak.",
                    f"{label_en}: the scholarship covers at most {most} children.",
                )
            )
        else:
            schedules.append(schedule)
    in_time_order = sorted((year for schedule in schedules for year in schedule), key=lambda y: (y.year, y.child))
    paid: list[ScholarshipYear] = []
    left = rules.scholarship_max_total
    for year in in_time_order:
        amount = min(year.amount, left)
        if amount == 0:
            break
        left -= amount
        paid.append(year if amount == year.amount else _with_amount(year, amount))
    total = sum(year.amount for year in paid)
    return ScholarshipPlan(
        years=tuple(paid),
        refused=tuple(refused),
        total=total,
        cut=sum(year.amount for year in in_time_order) - total,
    )


def _schedule(position: int, child: ChildSchooling, on: dt.date | None, rules: BenefitRules) -> list[ScholarshipYear]:
    """The child's yearly payments, uncapped: the rest of its level, then each later level in full."""
    codes = [level.code for level in rules.scholarship_levels]
    current = rules.scholarship_level(child.level)
    require_whole(
        child.years_done, f"tahun yang sudah dijalani harus bilangan bulat 0 atau lebih, bukan {child.years_done!r}"
    )
    if child.years_done >= current.max_years:
        raise ValueError(
            f"{child.name}: {current.name_id} paling lama {current.max_years} tahun, jadi tahun yang sudah "
            f"dijalani di {current.name_id} paling banyak {current.max_years - 1}, bukan {child.years_done}; "
            "isi jenjang berikutnya bila sudah naik"
        )
    if child.birth_date is not None:
        if on is None:
            raise ValueError(f"{child.name}: tanggal mulai beasiswa (on) diperlukan untuk menghitung usia anak")
        if child.birth_date > on:
            raise ValueError(
                f"{child.name}: tanggal lahir {date_text(child.birth_date)} sesudah mulai beasiswa {date_text(on)}"
            )
    schedule: list[ScholarshipYear] = []
    for level in rules.scholarship_levels[codes.index(current.code) :]:
        first = child.years_done if level is current else 0
        for _ in range(first, level.max_years):
            due = _add_years(on, len(schedule)) if on is not None else None
            if (
                child.birth_date is not None
                and due is not None
                and _age(child.birth_date, due) >= rules.scholarship_until_age
            ):
                return schedule
            schedule.append(ScholarshipYear(position, len(schedule) + 1, level.code, level.yearly, due))
    return schedule


def _with_amount(year: ScholarshipYear, amount: int) -> ScholarshipYear:
    return ScholarshipYear(year.child, year.year, year.level, amount, year.due)


def _add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
