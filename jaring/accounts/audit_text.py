"""The audit log in words: "OPD changed", "Name: Dinas Sosial → Dinas Sosial P3AP2KB", never a dict or a hash.

Events store plain values (codes, ids, counts) so they stay true whatever the language; this module
turns them into what a person reads, in the active language, at the moment the log is shown.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jaring.accounts.models import Opd
from jaring.accounts.roles import ROLE_LABELS
from jaring.core.occupations import CATALOGUE

ACTION_LABELS = {
    "accounts.opd_create": gettext_lazy("OPD added"),
    "accounts.opd_update": gettext_lazy("OPD changed"),
    "accounts.user_create": gettext_lazy("Account created"),
    "accounts.user_password_reset": gettext_lazy("Password reset by an administrator"),
    "accounts.user_password_change": gettext_lazy("Password changed by its user"),
    "accounts.user_activate": gettext_lazy("Account activated"),
    "accounts.user_deactivate": gettext_lazy("Account deactivated"),
    "bpjs.roster_import": gettext_lazy("BPJS roster uploaded"),
    "linkage.link_region": gettext_lazy("Data linked"),
    "linkage.review_decide": gettext_lazy("Possible duplicate decided"),
    "persons.person_merge": gettext_lazy("Persons merged"),
    "persons.person_split": gettext_lazy("Person split"),
    "persons.person_split_from": gettext_lazy("Person made from a split"),
    "persons.deaths_import": gettext_lazy("Death list imported"),
    "persons.nik_confirm": gettext_lazy("NIK checked against the KTP"),
    "persons.deaths_match": gettext_lazy("Death lists matched to persons again"),
    "persons.nik_verify": gettext_lazy("Dukcapil's NIK verification imported"),
    "regions.load": gettext_lazy("Regions loaded"),
    "registry.import_confirm_columns": gettext_lazy("Columns confirmed"),
    "registry.occupation_synonym_add": gettext_lazy("Occupation word added"),
    "registry.submission_import": gettext_lazy("List imported"),
    "registry.submission_release_linkage": gettext_lazy("Held list released for linking"),
    "registry.submission_reject_linkage": gettext_lazy("Held list refused"),
    "registry.import_retry": gettext_lazy("Failed upload tried again"),
    "registry.import_remove": gettext_lazy("Failed upload removed"),
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
}

FIELD_LABELS = {
    "code": gettext_lazy("Code"),
    "name": gettext_lazy("Name"),
    "kind": gettext_lazy("Type"),
    "is_active": gettext_lazy("Active"),
    "username": gettext_lazy("Username"),
    "role": gettext_lazy("Role"),
    "region": gettext_lazy("Region"),
    "opd": gettext_lazy("OPD"),
    "file": gettext_lazy("File"),
    "rows": gettext_lazy("Rows"),
    "accepted": gettext_lazy("Accepted"),
    "warnings": gettext_lazy("With notes"),
    "rejected": gettext_lazy("Rejected"),
    "updated": gettext_lazy("Corrected earlier rows"),
    "skipped": gettext_lazy("Skipped"),
    "blank": gettext_lazy("blank"),
    "header": gettext_lazy("header"),
    "footer": gettext_lazy("total rows"),
    "occupation": gettext_lazy("Occupation"),
    "category": gettext_lazy("Occupation"),
    "synonym": gettext_lazy("Word"),
    "decision": gettext_lazy("Decision"),
    "merged_into": gettext_lazy("Merged into person"),
    "person": gettext_lazy("Person"),
    "persons": gettext_lazy("Persons"),
    "from_person": gettext_lazy("Split from person"),
    "records": gettext_lazy("Rows"),
    "held_share": gettext_lazy("Share of known persons"),
    "as_of": gettext_lazy("Position date"),
    "matched": gettext_lazy("Matched"),
    "unmatched": gettext_lazy("Not matched"),
    "active": gettext_lazy("Active"),
    "lapsed": gettext_lazy("Lapsed"),
    "entries": gettext_lazy("Entries"),
    "new_persons": gettext_lazy("New persons"),
    "auto_links": gettext_lazy("Linked automatically"),
    "review_pairs": gettext_lazy("Pairs to review"),
    "already_covered": gettext_lazy("Already covered by BPJS"),
    "seconds": gettext_lazy("Seconds"),
    "created": gettext_lazy("Created"),
    "updated_regions": gettext_lazy("Updated"),
    "source": gettext_lazy("Source"),
    "error": gettext_lazy("Error"),
    "reason": gettext_lazy("Reason"),
    "status": gettext_lazy("Status"),
    "corrections": gettext_lazy("Rows correcting earlier rows"),
    "program": gettext_lazy("Program"),
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
    "held_submissions": gettext_lazy("Lists held for review"),
    "persons_sharing_nik": gettext_lazy("Persons sharing a NIK and birth date"),
    "unchanged": gettext_lazy("Unchanged"),
    "returned_to_waiting": gettext_lazy("Back on the waiting list"),
    "check": gettext_lazy("To check"),
    "refused": gettext_lazy("Refused"),
    "found": gettext_lazy("The person's NIK (Dukcapil)"),
    "other_name": gettext_lazy("Someone else's NIK (Dukcapil)"),
    "not_found": gettext_lazy("Unknown to Dukcapil"),
    "persons_waiting": gettext_lazy("Persons waiting for a NIK check"),
    "changed": gettext_lazy("Changed"),
    "nik_check_waiting": gettext_lazy("Waiting for a NIK check"),
    "nik_check": gettext_lazy("NIK to check"),
    "nik": gettext_lazy("NIK"),
}
# Whole rupiah, shown grouped: "Rp1.008.000".
MONEY_FIELDS = {"amount", "spent"}
# Stored for the machine (a file's fingerprint, a column mapping's internals): not for reading.
HIDDEN_FIELDS = {"sha256", "overrides", "incremental"}

VALUE_LABELS = {
    "kind": dict(Opd.Kind.choices),
    "decision": {
        "same": gettext_lazy("same person"),
        "different": gettext_lazy("different people"),
        "auto": gettext_lazy("linked automatically"),
        "review": gettext_lazy("to review"),
    },
    # programs' codes, written out here because accounts sits below programs (DESIGN: apps lean one way)
    "fund": {
        "apbd": "APBD",
        "dbhcht": "DBHCHT",
        "dana_desa": gettext_lazy("Dana Desa"),
        "provinsi": gettext_lazy("Province share"),
        "apbn": "APBN",
        "csr": gettext_lazy("CSR sponsor"),
        "mandiri": gettext_lazy("Self-paying (mandiri)"),
    },
    "status": {
        "draft": gettext_lazy("Draft"),
        "approved": gettext_lazy("Approved"),
        "running": gettext_lazy("Running"),
        "closed": gettext_lazy("Closed"),
    },
}


@dataclass(frozen=True)
class Change:
    """One line of an event: a field, its value before (if any) and after (if any)."""

    label: str
    before: str | None
    after: str | None


def yes_no(value: bool) -> str:
    return str(_("yes") if value else _("no"))


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action) or _("Other change"))


def audit_changes(before: dict | None, after: dict | None) -> list[Change]:
    """The fields of an event as lines a person reads, in the order they were stored."""
    before, after = before or {}, after or {}
    keys = [*before, *(key for key in after if key not in before)]
    changes = []
    for key in keys:
        if key in HIDDEN_FIELDS:
            continue
        changes.append(
            Change(
                label=field_label(key),
                before=value_text(key, before[key]) if key in before else None,
                after=value_text(key, after[key]) if key in after else None,
            )
        )
    return changes


def field_label(key: str) -> str:
    label = FIELD_LABELS.get(key)
    return str(label) if label is not None else key.replace("_", " ").capitalize()


def value_text(key: str, value: Any) -> str:
    """A stored value as text: yes/no, labels for codes, "a, b" for lists, "x: 1, y: 2" for mappings."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, int) and key in MONEY_FIELDS:
        return f"Rp{number_format(value, force_grouping=True)}"
    if isinstance(value, float) and key == "held_share":
        return f"{value:.0%}"
    if isinstance(value, float):  # seconds of a run: "3,4" in Indonesian
        return number_format(round(value, 1), decimal_pos=1)  # number_format cuts, it does not round
    if isinstance(value, dict):
        parts = [f"{field_label(k)}: {value_text(k, v)}" for k, v in value.items() if k not in HIDDEN_FIELDS]
        return ", ".join(parts) or "—"
    if isinstance(value, list | tuple):
        return ", ".join(value_text(key, item) for item in value) or "—"
    if isinstance(value, str):
        if key == "cover_start" and len(value) >= 7:  # 2027-01(-01) as the pages write a month: 01-2027
            return f"{value[5:7]}-{value[:4]}"
        if key in ("occupation", "category", "categories") and value in CATALOGUE:
            return CATALOGUE[value][0]
        if key == "role":
            role_labels = {role.value: label for role, label in ROLE_LABELS.items()}
            if value in role_labels:
                return str(role_labels[value])
        if value in VALUE_LABELS.get(key, {}):
            return str(VALUE_LABELS[key][value])
    return str(value)
