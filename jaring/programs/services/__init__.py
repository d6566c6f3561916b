"""Writes of programs: funding, eligibility and selection, approval, batches to BPJS and their responses.

Money is integer rupiah, refused otherwise. Each module is one step of the flow.
"""

from jaring.programs.services.enrolment import (
    BatchResult,
    ResponseResult,
    batch_create,
    batch_file,
    batch_profile_for,
    batch_profile_update,
    batch_response_import,
    enrolment_exit,
    enrolments_end_for_deaths,
    enrolments_follow_merge,
    profile_columns_from_text,
    program_approve,
    program_close,
)
from jaring.programs.services.programs import (
    funding_add,
    months_from_text,
    program_continuity_warning,
    program_create,
    program_plan_budget,
    program_plan_target,
    program_rules_update,
)
from jaring.programs.services.selection import (
    EligibilityResult,
    SelectionResult,
    decision_clear,
    decision_set,
    program_eligibility,
    program_select,
)

__all__ = [
    "BatchResult",
    "EligibilityResult",
    "ResponseResult",
    "SelectionResult",
    "batch_create",
    "batch_file",
    "batch_profile_for",
    "batch_profile_update",
    "batch_response_import",
    "decision_clear",
    "decision_set",
    "enrolment_exit",
    "enrolments_end_for_deaths",
    "enrolments_follow_merge",
    "funding_add",
    "months_from_text",
    "profile_columns_from_text",
    "program_approve",
    "program_close",
    "program_continuity_warning",
    "program_create",
    "program_eligibility",
    "program_plan_budget",
    "program_plan_target",
    "program_rules_update",
    "program_select",
]
