"""Programs and budgets, as pure rules: what cover costs, for which months, from which fund.

Money is integer rupiah throughout; rates are fractions (`Decimal`), never floats.
"""

from jaring.core.programs.contributions import (
    APBD_LIKE_FUNDS,
    DEFAULT_RULES,
    ContributionRules,
    Discount,
    Package,
    monthly_contribution,
    program_cost,
    worker_cost,
)
from jaring.core.programs.months import CoverMonths, months_between
from jaring.core.programs.planner import BudgetPlan, TargetPlan, continuity_gap_months, plan_budget, plan_target

__all__ = [
    "APBD_LIKE_FUNDS",
    "DEFAULT_RULES",
    "BudgetPlan",
    "ContributionRules",
    "CoverMonths",
    "Discount",
    "Package",
    "TargetPlan",
    "continuity_gap_months",
    "monthly_contribution",
    "months_between",
    "plan_budget",
    "plan_target",
    "program_cost",
    "worker_cost",
]
