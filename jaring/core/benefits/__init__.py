"""Benefits as pure rules: what BPJS Ketenagakerjaan owes a worker or their family. What the apps may use.

- `rules`: `BenefitRules`, the editable amounts and thresholds (`DEFAULT_BENEFIT_RULES`), and
  `Benefit`, what every calculator returns: the total, its parts by code and why, in Indonesian and English.
- `membership`: how long a worker has been a member, from their covered months of any program:
  `membership_months`, `unbroken_months`, `contribution_months`, `membership_start`.
- `jkm`: the death benefit (`jkm_benefit`, `jkm_benefit_from_months`), Rp42 juta or, within the
  first 3 months of membership, only the Rp10 juta funeral benefit (`jkm_full_from`).
- `beasiswa`: who gets the scholarship (`scholarship_eligible`, `scholarship_eligibility`), what a
  year pays (`scholarship_year_amount`) and every payment to the children (`scholarship_plan`).
- `jkk`: work-accident cash benefits from the declared income: `jkk_death`, `jkk_total_disability`,
  `jkk_temporary_inability`.
- `claims`: the claim-report vocabulary (`CLAIM_PROGRAMS`, `SCHOLARSHIP_LEVELS`, `claim_program_of`)
  and `claim_warning` when a recorded claim differs from the calculation.
- `expected`: what a recorded claim should have paid (`claim_expected`), by program, cause and level.
- `claims_report`: BPJS's claim report read (`CLAIM_REPORT`, `normalise_claims`), each row that cannot
  be recorded refused with its reason (`with_refusal` and the templates for what the database knows).
- `value`: contributions beside the claims paid, per program, fund, occupation or year (`value_for_money`).

Money is integer rupiah throughout; rates are fractions (`Decimal`), never floats.
"""

from jaring.core.benefits.beasiswa import (
    NON_WORK_DEATH,
    SCHOLARSHIP_CAUSES,
    TOTAL_DISABILITY,
    WORK_ACCIDENT_DEATH,
    ChildSchooling,
    RefusedChild,
    ScholarshipEligibility,
    ScholarshipPlan,
    ScholarshipYear,
    scholarship_eligibility,
    scholarship_eligible,
    scholarship_plan,
    scholarship_year_amount,
)
from jaring.core.benefits.claims import CLAIM_PROGRAMS, claim_program_of, claim_warning
from jaring.core.benefits.claims_report import (
    BEFORE_BIRTH,
    CLAIM_REPORT,
    CLAIM_ROWS_SCHEMA,
    CLAIM_STATUSES,
    NEVER_ENROLLED,
    NUMBER_OTHER_PERSON,
    PERSON_UNKNOWN,
    claim_cause_of,
    normalise_claims,
    with_refusal,
)
from jaring.core.benefits.claims_report import reason_label as claim_reason_label
from jaring.core.benefits.claims_report import reason_text as claim_reason_text
from jaring.core.benefits.expected import (
    CLAIM_CAUSES,
    DEFAULT_INCOME,
    JKK_CAUSES,
    PROGRAM_CAUSES,
    TEMPORARY_INABILITY,
    claim_expected,
)
from jaring.core.benefits.jkk import jkk_death, jkk_temporary_inability, jkk_total_disability
from jaring.core.benefits.jkm import jkm_benefit, jkm_benefit_from_months, jkm_full_from
from jaring.core.benefits.membership import (
    contribution_months,
    membership_months,
    membership_start,
    unbroken_months,
)
from jaring.core.benefits.rules import (
    DEFAULT_BENEFIT_RULES,
    DEFAULT_SCHOLARSHIP_LEVELS,
    PART_LABELS,
    SCHOLARSHIP_LEVELS,
    Benefit,
    BenefitRules,
    ScholarshipLevel,
    add_months,
)
from jaring.core.benefits.value import VALUE_GROUPS, claims_cover, value_for_money, value_total

__all__ = [
    "BEFORE_BIRTH",
    "CLAIM_CAUSES",
    "CLAIM_PROGRAMS",
    "CLAIM_REPORT",
    "CLAIM_ROWS_SCHEMA",
    "CLAIM_STATUSES",
    "DEFAULT_BENEFIT_RULES",
    "DEFAULT_INCOME",
    "DEFAULT_SCHOLARSHIP_LEVELS",
    "JKK_CAUSES",
    "NEVER_ENROLLED",
    "NON_WORK_DEATH",
    "NUMBER_OTHER_PERSON",
    "PART_LABELS",
    "PERSON_UNKNOWN",
    "PROGRAM_CAUSES",
    "SCHOLARSHIP_CAUSES",
    "SCHOLARSHIP_LEVELS",
    "TEMPORARY_INABILITY",
    "TOTAL_DISABILITY",
    "VALUE_GROUPS",
    "WORK_ACCIDENT_DEATH",
    "Benefit",
    "BenefitRules",
    "ChildSchooling",
    "RefusedChild",
    "ScholarshipEligibility",
    "ScholarshipLevel",
    "ScholarshipPlan",
    "ScholarshipYear",
    "add_months",
    "claim_cause_of",
    "claim_expected",
    "claim_program_of",
    "claim_reason_label",
    "claim_reason_text",
    "claim_warning",
    "claims_cover",
    "contribution_months",
    "jkk_death",
    "jkk_temporary_inability",
    "jkk_total_disability",
    "jkm_benefit",
    "jkm_benefit_from_months",
    "jkm_full_from",
    "membership_months",
    "membership_start",
    "normalise_claims",
    "scholarship_eligibility",
    "scholarship_eligible",
    "scholarship_plan",
    "scholarship_year_amount",
    "unbroken_months",
    "value_for_money",
    "value_total",
    "with_refusal",
]
