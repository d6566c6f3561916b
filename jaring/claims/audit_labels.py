"""Claims' audit events in words (jaring.accounts.audit_text); imported by ClaimsConfig.ready()."""

from django.utils.translation import gettext_lazy

from jaring.accounts.audit_text import register_audit_labels
from jaring.claims.models import PROGRAM_LABELS, Claim

register_audit_labels(
    actions={
        "claims.claim_add": gettext_lazy("Claim recorded"),
        "claims.import": gettext_lazy("BPJS claim report uploaded"),
    },
    fields={
        "claim_program": gettext_lazy("Claim program"),
        "event_date": gettext_lazy("Date of the event"),
        "amount_paid": gettext_lazy("Amount paid"),
        "expected": gettext_lazy("Calculated amount"),
        "claim_status": gettext_lazy("Claim status"),
        "claim_number": gettext_lazy("Claim number"),
        "stored": gettext_lazy("Claims recorded"),
        "claims_updated": gettext_lazy("Claims updated"),
        "unchanged": gettext_lazy("Unchanged"),
        "with_warning": gettext_lazy("Claims with a warning"),
        "paid": gettext_lazy("Paid"),
    },
    values={
        "claim_status": dict(Claim.Status.choices),
        "claim_program": PROGRAM_LABELS,
    },
    money={"amount_paid", "expected", "paid"},
)
