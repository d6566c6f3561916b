"""Programs and budgets, as pure rules: what the apps may use. Everything else in this package is internal.

- `contributions`, `months`, `planner`: what cover costs (`Pricing`), for which months, what a budget
  buys and what a target costs; when a lapse would cost a worker their benefits.
- `eligibility`: who a program's rules admit, each refusal with its reason.
- `selection`: ranking the eligible, holding back who must not be paid yet, allocating the funds.
- `batches`: the file BPJS gets and reading its response.

Money is integer rupiah throughout; rates are fractions (`Decimal`), never floats.
"""

from jaring.core.programs.batches import (
    BATCH_FIELDS,
    DEFAULT_COLUMNS,
    PROGRAM_CODES,
    RESPONSE,
    WADAH_BY_FUND,
    ResponseChanges,
    batch_file_frame,
    check_columns,
    read_response,
    rejection_reason_text,
    response_changes,
)
from jaring.core.programs.contributions import (
    APBD_LIKE_FUNDS,
    DEFAULT_PRICING,
    DEFAULT_RULES,
    TRANSPORT_SECTORS,
    ContributionRules,
    Discount,
    Package,
    Pricing,
    monthly_contribution,
    program_cost,
    worker_cost,
)
from jaring.core.programs.eligibility import EligibilityRules, eligibility, reason_counts, reason_label, reason_text
from jaring.core.programs.months import CoverMonths, months_between
from jaring.core.programs.planner import (
    LAPSE_AFTER_MONTHS,
    BudgetPlan,
    TargetPlan,
    continuity_gap_months,
    plan_budget,
    plan_target,
)
from jaring.core.programs.selection import (
    OCCUPATION_RISK,
    FundStanding,
    Source,
    allocate_unheld,
    fund_standing,
    hold_back,
    hold_text,
    priority_from,
    rank,
    rejected_text,
    with_waiting_reasons,
)

__all__ = [
    "APBD_LIKE_FUNDS",
    "BATCH_FIELDS",
    "DEFAULT_COLUMNS",
    "DEFAULT_PRICING",
    "DEFAULT_RULES",
    "LAPSE_AFTER_MONTHS",
    "OCCUPATION_RISK",
    "PROGRAM_CODES",
    "RESPONSE",
    "TRANSPORT_SECTORS",
    "WADAH_BY_FUND",
    "BudgetPlan",
    "ContributionRules",
    "CoverMonths",
    "Discount",
    "EligibilityRules",
    "FundStanding",
    "Package",
    "Pricing",
    "ResponseChanges",
    "Source",
    "TargetPlan",
    "allocate_unheld",
    "batch_file_frame",
    "check_columns",
    "continuity_gap_months",
    "eligibility",
    "fund_standing",
    "hold_back",
    "hold_text",
    "monthly_contribution",
    "months_between",
    "plan_budget",
    "plan_target",
    "priority_from",
    "program_cost",
    "rank",
    "read_response",
    "reason_counts",
    "reason_label",
    "reason_text",
    "rejected_text",
    "rejection_reason_text",
    "response_changes",
    "with_waiting_reasons",
    "worker_cost",
]
