"""The audit log in words: "OPD changed", "Name: Dinas Sosial → Dinas Sosial P3AP2KB", never a dict or a hash.

Events store plain values (codes, ids, counts) so they stay true whatever the language; this module
turns them into what a person reads, in the active language, at the moment the log is shown.

Each app words its own events: its `audit_labels.py` calls `register_audit_labels` with the labels
of its actions, of the fields only its events carry and of its codes, and its AppConfig.ready()
imports that module (as `tasks.py` registers job handlers). What stays here is the machinery, the
labels of accounts and regions, and field labels shared by the events of many apps (file, rows, …).
A key registered twice must keep its text, so two apps cannot silently fight over it.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jaring.accounts.models import Opd
from jaring.accounts.roles import ROLE_LABELS
from jaring.core.occupations import CATALOGUE

Label = str | Promise  # a text, or a gettext_lazy one translated when shown

ACTION_LABELS: dict[str, Label] = {}
FIELD_LABELS: dict[str, Label] = {}
# Field key -> stored code -> label: "dana_desa" under "fund" reads "Dana Desa".
VALUE_LABELS: dict[str, dict[str, Label]] = {}
# Whole rupiah, shown grouped: "Rp1.008.000".
MONEY_FIELDS: set[str] = set()
# Stored for the machine (a file's fingerprint, a column mapping's internals): not for reading.
HIDDEN_FIELDS: set[str] = set()


def register_audit_labels(
    *,
    actions: Mapping[str, Label] | None = None,
    fields: Mapping[str, Label] | None = None,
    values: Mapping[str, Mapping[str, Label]] | None = None,
    money: Iterable[str] = (),
    hidden: Iterable[str] = (),
) -> None:
    """Add an app's words for its audit events: action codes, field keys, and codes stored under a field.

    A key may be registered again with the same text (two apps showing the same count); with another
    text it raises ValueError and registers nothing, so the first wording is never silently replaced.
    Texts are compared by their msgid, untranslated: this runs while the apps are still loading.
    """
    actions, fields, values = actions or {}, fields or {}, values or {}
    conflicts = [
        *_conflicts("action", ACTION_LABELS, actions),
        *_conflicts("field", FIELD_LABELS, fields),
        *(
            conflict
            for key, labels in values.items()
            for conflict in _conflicts(f"value of {key!r}", VALUE_LABELS.get(key, {}), labels)
        ),
    ]
    if conflicts:
        raise ValueError("Audit labels registered twice with different texts: " + "; ".join(conflicts))
    ACTION_LABELS.update(actions)
    FIELD_LABELS.update(fields)
    for key, labels in values.items():
        VALUE_LABELS.setdefault(key, {}).update(labels)
    MONEY_FIELDS.update(money)
    HIDDEN_FIELDS.update(hidden)


def _conflicts(kind: str, registered: Mapping[str, Label], new: Mapping[str, Label]) -> list[str]:
    return [
        f"{kind} {key!r}: {_text_of(registered[key])!r} and {_text_of(label)!r}"
        for key, label in new.items()
        if key in registered and _text_of(registered[key]) != _text_of(label)
    ]


def _text_of(label: Label) -> Any:
    """What a label says before translation: its msgid (and context) for a lazy text, itself for a string."""
    if isinstance(label, Promise):
        arguments = getattr(label, "_args", None)  # django.utils.functional.lazy keeps the call's arguments
        if arguments is not None:
            return arguments if len(arguments) > 1 else arguments[0]
    return str(label)


# accounts and regions, the base layer every other app writes its events to, and the words shared
# by many apps' events (a file, its rows, a person, a reason). Other apps: their own audit_labels.py.
register_audit_labels(
    actions={
        "accounts.opd_create": gettext_lazy("OPD added"),
        "accounts.opd_update": gettext_lazy("OPD changed"),
        "accounts.user_create": gettext_lazy("Account created"),
        "accounts.user_password_reset": gettext_lazy("Password reset by an administrator"),
        "accounts.user_password_change": gettext_lazy("Password changed by its user"),
        "accounts.user_activate": gettext_lazy("Account activated"),
        "accounts.user_deactivate": gettext_lazy("Account deactivated"),
        "regions.load": gettext_lazy("Regions loaded"),
    },
    fields={
        # accounts
        "code": gettext_lazy("Code"),
        "name": gettext_lazy("Name"),
        "kind": gettext_lazy("Type"),
        "is_active": gettext_lazy("Active"),
        "username": gettext_lazy("Username"),
        "role": gettext_lazy("Role"),
        "region": gettext_lazy("Region"),
        "opd": gettext_lazy("OPD"),
        # regions
        "created": gettext_lazy("Created"),
        "updated_regions": gettext_lazy("Updated"),
        # an uploaded file and what became of its rows, whichever app read it
        "file": gettext_lazy("File"),
        "rows": gettext_lazy("Rows"),
        "accepted": gettext_lazy("Accepted"),
        "rejected": gettext_lazy("Rejected"),
        "updated": gettext_lazy("Corrected earlier rows"),
        "skipped": gettext_lazy("Skipped"),
        "blank": gettext_lazy("blank"),
        "header": gettext_lazy("header"),
        "footer": gettext_lazy("total rows"),
        "matched": gettext_lazy("Matched"),
        "unmatched": gettext_lazy("Not matched"),
        "changed": gettext_lazy("Changed"),
        "source": gettext_lazy("Source"),
        "error": gettext_lazy("Error"),
        "reason": gettext_lazy("Reason"),
        "status": gettext_lazy("Status"),
        "seconds": gettext_lazy("Seconds"),
        # the persons and their rows that many apps' events name
        "person": gettext_lazy("Person"),
        "persons": gettext_lazy("Persons"),
        "records": gettext_lazy("Rows"),
        "nik": gettext_lazy("NIK"),
        "occupation": gettext_lazy("Occupation"),
    },
    values={"kind": dict(Opd.Kind.choices)},
    hidden={"sha256"},
)


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
