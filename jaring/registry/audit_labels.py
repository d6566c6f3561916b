"""The registry's audit events in words (jaring.accounts.audit_text); imported by RegistryConfig.ready()."""

from django.utils.translation import gettext_lazy

from jaring.accounts.audit_text import register_audit_labels

register_audit_labels(
    actions={
        "registry.import_confirm_columns": gettext_lazy("Columns confirmed"),
        "registry.occupation_synonym_add": gettext_lazy("Occupation word added"),
        "registry.submission_import": gettext_lazy("List imported"),
        "registry.submission_release_linkage": gettext_lazy("Held list released for linking"),
        "registry.submission_reject_linkage": gettext_lazy("Held list refused"),
        "registry.import_retry": gettext_lazy("Failed upload tried again"),
        "registry.import_remove": gettext_lazy("Failed upload removed"),
        # New msgid (it read "Other change" before): django.po needs its entry at the next makemessages.
        "registry.import_same_file_ok": gettext_lazy("Already uploaded file stored anyway"),
    },
    fields={
        "warnings": gettext_lazy("With notes"),
        "corrections": gettext_lazy("Rows correcting earlier rows"),
        "category": gettext_lazy("Occupation"),
        "synonym": gettext_lazy("Word"),
        "held_share": gettext_lazy("Share of known persons"),
    },
    hidden={"overrides"},  # the confirmed column mapping's internals
)
