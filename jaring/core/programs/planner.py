"""The planner's two questions: what does a budget buy, and what does a coverage target cost.

Whole workers only: a budget buys the workers whose every covered month it can pay; a target is
reached by the smallest whole number of workers at or above it. Money stays integer rupiah.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal, InvalidOperation

from jaring.core.programs.contributions import DEFAULT_PRICING, Pricing, require_whole, worker_cost
from jaring.core.programs.months import CoverMonths, months_between

# More than this many months without cover ends BPU membership (DOMAIN.md §3): the worker starts
# again, losing the 3-month JKM threshold and the 3-year beasiswa progress.
LAPSE_AFTER_MONTHS = 3


@dataclass(frozen=True)
class BudgetPlan:
    budget: int
    cover: CoverMonths
    per_worker: int  # the whole cover of one worker
    workers: int
    cost: int

    @property
    def left_over(self) -> int:
        return self.budget - self.cost


@dataclass(frozen=True)
class TargetPlan:
    target_percent: str  # as given, e.g. "41.23"
    workforce: int
    covered_now: int
    workers_needed: int
    per_worker: int
    cost: int


def plan_budget(*, budget: int, cover: CoverMonths, pricing: Pricing = DEFAULT_PRICING) -> BudgetPlan:
    """How many workers `budget` covers for every month of `cover`."""
    require_whole(budget, f"anggaran harus rupiah bulat 0 atau lebih, bukan {budget!r}")
    per_worker = worker_cost(cover, pricing)
    one_month = worker_cost(CoverMonths(cover.start, 1), pricing)
    if budget < one_month:
        raise ValueError(
            f"anggaran Rp{budget:,} tidak cukup untuk satu pekerja satu bulan (Rp{one_month:,})".replace(",", ".")
        )
    workers = budget // per_worker
    return BudgetPlan(budget=budget, cover=cover, per_worker=per_worker, workers=workers, cost=workers * per_worker)


def plan_target(
    *,
    target_percent: str,
    workforce: int,
    covered_now: int,
    cover: CoverMonths,
    pricing: Pricing = DEFAULT_PRICING,
) -> TargetPlan:
    """The workers to add, and their cost, for coverage (covered ÷ workforce) to reach `target_percent`.

    The percentage is text ("41.23" or "41,23"), read exactly: 41.23 % of 420,000 workers is
    173,166 workers (rounded up), not a float's 173,165.99.
    """
    try:
        percent = Decimal(target_percent.replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(f"target {target_percent!r} bukan persen") from exc
    if not (0 < percent <= 100):
        raise ValueError(f"target {target_percent}% harus di antara 0 dan 100")
    for value, what in ((workforce, "jumlah angkatan kerja"), (covered_now, "jumlah yang sudah terlindungi")):
        require_whole(value, f"{what} harus bilangan bulat 0 atau lebih")
    if workforce == 0:
        raise ValueError("jumlah angkatan kerja tidak boleh 0")
    goal = int((percent * workforce / 100).quantize(Decimal(1), rounding=ROUND_CEILING))
    needed = max(goal - covered_now, 0)
    per_worker = worker_cost(cover, pricing)
    return TargetPlan(
        target_percent=target_percent,
        workforce=workforce,
        covered_now=covered_now,
        workers_needed=needed,
        per_worker=per_worker,
        cost=needed * per_worker,
    )


def continuity_gap_months(*, last_covered_month: dt.date | None, cover: CoverMonths) -> int | None:
    """Months without cover between last year's program and this one; None when there was none.

    More than LAPSE_AFTER_MONTHS means the workers' membership lapses in between.
    """
    if last_covered_month is None:
        return None
    return months_between(last_covered_month.replace(day=1), cover.start)
