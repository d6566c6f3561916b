"""Reads for accounts, always through the access helpers."""

from django.db.models import QuerySet

from jaring.accounts.access import require_capability, scoped
from jaring.accounts.models import AuditEvent, User


def audit_event_list(*, user: User) -> QuerySet[AuditEvent]:
    """The audit events of the user's region (or OPD, for an operator), newest first."""
    require_capability(user, "view_audit_log")
    return scoped(user, AuditEvent.objects.select_related("region", "opd"))
