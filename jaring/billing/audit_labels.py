"""Billing's audit events in words (jaring.accounts.audit_text); imported by BillingConfig.ready()."""

from django.utils.translation import gettext_lazy

from jaring.accounts.audit_text import register_audit_labels

register_audit_labels(
    actions={
        "billing.invoice_import": gettext_lazy("BPJS invoice imported"),
        "billing.reconcile": gettext_lazy("Invoice reconciled (prepared)"),
        "billing.approve": gettext_lazy("Reconciliation approved"),
        "billing.resolve": gettext_lazy("Invoice difference resolved"),
        "billing.payment": gettext_lazy("Payment recorded"),
    },
    fields={
        "invoice": gettext_lazy("Invoice"),
        "period": gettext_lazy("Month billed"),
        "lines": gettext_lazy("Lines"),
        "stated_total": gettext_lazy("Total stated in the file"),
        "lines_total": gettext_lazy("Total of the lines"),
        "differences": gettext_lazy("Differences"),
        "prepared_by": gettext_lazy("Prepared by"),
        "reason": gettext_lazy("Reason"),
        "sp2d_number": gettext_lazy("SP2D number"),
        "credit": gettext_lazy("Credit carried"),
    },
)
