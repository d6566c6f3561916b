"""Billing as pure rules: membership, BPJS's bills, reconciliation and payments. What the apps may use.

- `membership`: the member-month ledger from enrolments and deaths (`member_months`), who is covered
  in a month, person-months per program and fund, double enrolments, membership runs across programs
  and years; `continuity`: who lapses before the next cover and what is at stake.
- `invoices`: reading BPJS's bill (`INVOICE` vocabulary, `normalise_invoice_lines`, the stated total,
  the wadah code); `amounts`: what the contribution rule says each member-month costs.
- `reconcile`: every bill line and expected member-month classed, the summary, what each fund owes.
- `payments`: a fund's shares of the bills with credit carried, budget realisation, payment checks.

Money is integer rupiah throughout.
"""

from jaring.core.billing.amounts import contribution_parts, with_expected_amounts
from jaring.core.billing.continuity import (
    JKM_FULL_AFTER_MONTHS,
    SCHOLARSHIP_AFTER_MONTHS,
    lapse_risks,
    stake_text,
)
from jaring.core.billing.invoices import (
    AMOUNTS,
    INVOICE,
    LINE_PROBLEMS,
    amount_expr,
    month_expr,
    normalise_invoice_lines,
    stated_period,
    stated_total,
    wadah_code,
)
from jaring.core.billing.membership import (
    DEATH,
    ENROLMENT_SCHEMA,
    EXIT,
    MEMBER_STATUSES,
    MONTH_SCHEMA,
    PROGRAM_END,
    active_on,
    cover_ends_next_month,
    double_enrolments,
    latest_runs,
    member_month_counts,
    member_months,
    membership_ends,
    membership_runs,
)
from jaring.core.billing.payments import (
    BillShare,
    FundMoney,
    PaymentDecision,
    PaymentRefused,
    check_payment,
    fund_bills,
)
from jaring.core.billing.reconcile import (
    AFTER_END,
    AMOUNT_DIFFERS,
    BILLED_TWICE,
    CLASSES,
    DIFFERENCES,
    EXPECTED_SCHEMA,
    ITEM_SCHEMA,
    KPJ_NIK_MISMATCH,
    LINE_SCHEMA,
    MATCHED,
    NOT_BILLED,
    NOT_ENROLLED,
    UNREADABLE,
    Context,
    empty_context,
    open_differences,
    payable_by_source,
    reconcile,
    summary,
)

__all__ = [
    "AFTER_END",
    "AMOUNTS",
    "AMOUNT_DIFFERS",
    "BILLED_TWICE",
    "CLASSES",
    "DEATH",
    "DIFFERENCES",
    "ENROLMENT_SCHEMA",
    "EXIT",
    "EXPECTED_SCHEMA",
    "INVOICE",
    "ITEM_SCHEMA",
    "JKM_FULL_AFTER_MONTHS",
    "KPJ_NIK_MISMATCH",
    "LINE_PROBLEMS",
    "LINE_SCHEMA",
    "MATCHED",
    "MEMBER_STATUSES",
    "MONTH_SCHEMA",
    "NOT_BILLED",
    "NOT_ENROLLED",
    "PROGRAM_END",
    "SCHOLARSHIP_AFTER_MONTHS",
    "UNREADABLE",
    "BillShare",
    "Context",
    "FundMoney",
    "PaymentDecision",
    "PaymentRefused",
    "active_on",
    "amount_expr",
    "check_payment",
    "contribution_parts",
    "cover_ends_next_month",
    "double_enrolments",
    "empty_context",
    "fund_bills",
    "lapse_risks",
    "latest_runs",
    "member_month_counts",
    "member_months",
    "membership_ends",
    "membership_runs",
    "month_expr",
    "normalise_invoice_lines",
    "open_differences",
    "payable_by_source",
    "reconcile",
    "stake_text",
    "stated_period",
    "stated_total",
    "summary",
    "wadah_code",
    "with_expected_amounts",
]
