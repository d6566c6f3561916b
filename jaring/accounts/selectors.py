"""Reads for accounts, always through the access helpers."""

from django.db.models import QuerySet

from jaring.accounts.access import require_capability, scoped
from jaring.accounts.models import AuditEvent, Opd, User


def audit_event_list(*, user: User) -> QuerySet[AuditEvent]:
    """The audit events of the user's region (or OPD, for an operator), newest first."""
    require_capability(user, "view_audit_log")
    return scoped(user, AuditEvent.objects.select_related("region", "opd"))


def audit_events_for(*, obj) -> QuerySet[AuditEvent]:
    """The audit events about one object, oldest first (a person's merges and splits, say)."""
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("at", "id")


def opd_get(*, pk: int) -> Opd:
    return Opd.objects.select_related("region").get(pk=pk)
