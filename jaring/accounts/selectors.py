"""Reads for accounts, always through the access helpers."""

from django.db.models import Max, QuerySet

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


def opd_list(*, user: User, active_only: bool = False) -> QuerySet[Opd]:
    """The senders of lists the user's region has (an operator sees only their own)."""
    opds = scoped(user, Opd.objects.select_related("region")).order_by("code")
    return opds.filter(is_active=True) if active_only else opds


def opd_by_code(*, region, code: str) -> Opd | None:
    return Opd.objects.filter(region=region, code__iexact=code.strip()).first()


def opd_missing_text(*, region, code: str) -> str:
    """Why a command's OPD code finds nothing, with the codes the region has (what a command prints)."""
    codes = ", ".join(Opd.objects.filter(region=region, is_active=True).order_by("code").values_list("code", flat=True))
    return (
        f"OPD {code!r} tidak ada di {region.name}. Kode yang ada: {codes or '(belum ada)'}. "
        "Tambahkan dengan `jaring opd add --code KODE --name NAMA`."
    )


def user_list(*, user: User) -> QuerySet[User]:
    """The accounts of the administrator's region, for managing them."""
    require_capability(user, "manage_users")
    return scoped(user, User.objects.select_related("region", "opd").prefetch_related("groups")).order_by(
        "-is_active", "username"
    )


def opd_codes(*, region) -> dict[int, str]:
    """OPD id -> code of a region, for labelling figures."""
    return dict(Opd.objects.filter(region=region).values_list("id", "code"))


def latest_audit_event_id(*, region) -> int:
    """The newest audit event of a region: every change to its data leaves one, so it versions derived figures."""
    return AuditEvent.objects.filter(region=region).aggregate(latest=Max("id"))["latest"] or 0
