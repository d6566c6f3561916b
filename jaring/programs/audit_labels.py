"""The programs' audit events in words (jaring.accounts.audit_text); imported by ProgramsConfig.ready()."""

from django.utils.translation import gettext_lazy

from jaring.accounts.audit_text import register_audit_labels
from jaring.programs.models import FundingSource, Program

register_audit_labels(
    actions={
        "programs.program_create": gettext_lazy("Program created"),
        "programs.funding_add": gettext_lazy("Funding source added"),
        "programs.rules_update": gettext_lazy("Eligibility rules changed"),
        "programs.eligibility": gettext_lazy("Eligibility saved"),
        "programs.decision": gettext_lazy("Person included or excluded by hand"),
        "programs.decision_clear": gettext_lazy("Hand decision removed"),
        "programs.select": gettext_lazy("Selected within the budget"),
        "programs.select_top_up": gettext_lazy("Next on the waiting list selected"),
        "programs.approve": gettext_lazy("Program approved"),
        "programs.close": gettext_lazy("Program closed"),
        "programs.batch_create": gettext_lazy("Enrolment batch made"),
        "programs.batch_profile": gettext_lazy("Batch-file columns changed"),
        "programs.batch_response": gettext_lazy("BPJS's response imported"),
        "programs.enrolment_exit": gettext_lazy("Worker left the program"),
    },
    fields={
        "program": gettext_lazy("Program"),
        "niks_updated": gettext_lazy("NIKs corrected since approval"),
        "budget_year": gettext_lazy("Budget year"),
        "cover_start": gettext_lazy("First month of cover"),
        "months": gettext_lazy("Months of cover"),
        "fund": gettext_lazy("Fund"),
        "amount": gettext_lazy("Amount"),
        "categories": gettext_lazy("Occupations"),
        "min_age": gettext_lazy("Minimum age"),
        "max_age": gettext_lazy("Maximum age"),
        "exclude_bpjs_active": gettext_lazy("Exclude who BPJS already lists as active"),
        "desil_min": gettext_lazy("Lowest DTSEN desil"),
        "desil_max": gettext_lazy("Highest DTSEN desil"),
        "priority": gettext_lazy("Priority"),
        "eligible": gettext_lazy("Eligible"),
        "include": gettext_lazy("Included"),
        "selected": gettext_lazy("Selected"),
        "waiting": gettext_lazy("Waiting"),
        "spent": gettext_lazy("Spent"),
        "enrolments": gettext_lazy("Enrolments"),
        "new_enrolments": gettext_lazy("New enrolments"),
        "ended": gettext_lazy("Memberships ended"),
        "columns": gettext_lazy("Columns"),
        "batch_id": gettext_lazy("Batch"),
        "batch": gettext_lazy("Batch"),
        "legal_basis": gettext_lazy("Legal basis"),
        "unchanged": gettext_lazy("Unchanged"),
        "returned_to_waiting": gettext_lazy("Back on the waiting list"),
        "nik_check_waiting": gettext_lazy("Waiting for a NIK check"),
    },
    values={
        # A program's own codes, now that the programs word their events: the models' labels.
        "fund": dict(FundingSource.Kind.choices),
        "status": dict(Program.Status.choices),
    },
    money={"amount", "spent"},
)
