"""The audit log in words: "OPD changed", "Name: Dinas Sosial → Dinas Sosial P3AP2KB", never a dict or a hash.

Events store plain values (codes, ids, counts) so they stay true whatever the language; this module
turns them into what a person reads, in the active language, at the moment the log is shown.
"""

from dataclasses import dataclass
from typing import Any

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
    "regions.load": gettext_lazy("Regions loaded"),
    "registry.import_confirm_columns": gettext_lazy("Columns confirmed"),
    "registry.occupation_synonym_add": gettext_lazy("Occupation word added"),
    "registry.submission_import": gettext_lazy("List imported"),
    "registry.submission_release_linkage": gettext_lazy("Held list released for linking"),
    "registry.submission_reject_linkage": gettext_lazy("Held list refused"),
    "registry.import_retry": gettext_lazy("Failed upload tried again"),
    "registry.import_remove": gettext_lazy("Failed upload removed"),
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
}
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
    if isinstance(value, float) and key == "held_share":
        return f"{value:.0%}"
    if isinstance(value, dict):
        parts = [f"{field_label(k)}: {value_text(k, v)}" for k, v in value.items() if k not in HIDDEN_FIELDS]
        return ", ".join(parts) or "—"
    if isinstance(value, list | tuple):
        return ", ".join(value_text(key, item) for item in value) or "—"
    if isinstance(value, str):
        if key in ("occupation", "category") and value in CATALOGUE:
            return CATALOGUE[value][0]
        if key == "role":
            role_labels = {role.value: label for role, label in ROLE_LABELS.items()}
            if value in role_labels:
                return str(role_labels[value])
        if value in VALUE_LABELS.get(key, {}):
            return str(VALUE_LABELS[key][value])
    return str(value)
