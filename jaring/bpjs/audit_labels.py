"""BPJS's audit events in words (jaring.accounts.audit_text); imported by BpjsConfig.ready()."""

from django.utils.translation import gettext_lazy

from jaring.accounts.audit_text import register_audit_labels

register_audit_labels(
    actions={
        "bpjs.roster_import": gettext_lazy("BPJS roster uploaded"),
    },
    fields={
        "as_of": gettext_lazy("Position date"),
        "entries": gettext_lazy("Entries"),
        "active": gettext_lazy("Active"),
        "inactive": gettext_lazy("Not active"),
        "lapsed": gettext_lazy("Lapsed"),
        "already_covered": gettext_lazy("Already covered by BPJS"),
    },
)
