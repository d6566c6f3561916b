"""The linkage's audit events in words (jaring.accounts.audit_text); imported by LinkageConfig.ready()."""

from django.utils.translation import gettext_lazy

from jaring.accounts.audit_text import register_audit_labels

register_audit_labels(
    actions={
        "linkage.link_region": gettext_lazy("Data linked"),
        "linkage.review_decide": gettext_lazy("Possible duplicate decided"),
    },
    fields={
        "decision": gettext_lazy("Decision"),
        "merged_into": gettext_lazy("Merged into person"),
        "new_persons": gettext_lazy("New persons"),
        "auto_links": gettext_lazy("Linked automatically"),
        "review_pairs": gettext_lazy("Pairs to review"),
        "already_covered": gettext_lazy("Already covered by BPJS"),  # the same words as bpjs' roster import
        "held_submissions": gettext_lazy("Lists held for review"),
        "persons_sharing_nik": gettext_lazy("Persons sharing a NIK and birth date"),
    },
    values={
        "decision": {
            "same": gettext_lazy("same person"),
            "different": gettext_lazy("different people"),
            "auto": gettext_lazy("linked automatically"),
            "review": gettext_lazy("to review"),
        },
    },
    hidden={"incremental"},  # how the run went about it, not what it found
)
