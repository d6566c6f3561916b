"""The four roles and what each may do. Groups in the database are synced from this table."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    OPD_OPERATOR = "opd_operator"
    DISNAKER_ADMIN = "disnaker_admin"
    BPJS_OFFICER = "bpjs_officer"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])

    @property
    def needs_opd(self) -> bool:
        return self is Role.OPD_OPERATOR


ROLE_LABELS = {
    Role.OPD_OPERATOR: _("OPD / kelurahan operator"),
    Role.DISNAKER_ADMIN: _("Disnaker administrator"),
    Role.BPJS_OFFICER: _("BPJS branch officer"),
    Role.VIEWER: _("Leadership / auditor"),
}

# Codename -> description; they live on accounts.Capability (see models.py).
CAPABILITIES = {
    "submit_worker_lists": _("Upload worker lists and fix rejected rows"),
    "review_duplicates": _("Review possible duplicate persons"),
    "manage_programs": _("Manage programs, funding and budgets"),
    "manage_enrolment": _("Send enrolment batches to BPJS"),
    "upload_bpjs_data": _("Upload BPJS rosters, responses and invoices"),
    "manage_billing": _("Reconcile invoices and payments"),
    "record_claims": _("Record claims"),
    "view_reports": _("View dashboards and reports"),
    "view_audit_log": _("View the audit log"),
    "manage_users": _("Manage users and OPDs of the region"),
    "manage_catalogues": _("Extend the occupation catalogue and other lists"),
}

ROLE_CAPABILITIES: dict[Role, tuple[str, ...]] = {
    Role.OPD_OPERATOR: ("submit_worker_lists",),
    Role.DISNAKER_ADMIN: (
        "submit_worker_lists",
        "review_duplicates",
        "manage_programs",
        "manage_enrolment",
        "manage_billing",
        "record_claims",
        "view_reports",
        "view_audit_log",
        "manage_users",
        "manage_catalogues",
    ),
    # BPJS sends the bills; the Pemda checks and pays them (reconciling is the payer's work, not the biller's).
    Role.BPJS_OFFICER: ("upload_bpjs_data", "record_claims", "view_reports"),
    Role.VIEWER: ("view_reports", "view_audit_log"),
}


def permission_name(capability: str) -> str:
    """The `app_label.codename` string that `user.has_perm` takes."""
    return f"accounts.{capability}"
