"""Writes for accounts: the audit log, roles, OPDs and users. Every change leaves an audit event."""

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jaring.accounts.models import AuditEvent, Opd, User
from jaring.accounts.roles import ROLE_CAPABILITIES, Role
from jaring.regions.models import Region


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: Any = None,
    region: Region | None = None,
    opd: Opd | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    """Append one event to the audit log; `actor=None` means the system itself (a command, a job)."""
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=actor.get_username() if actor else "system",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        region=region,
        opd=opd,
        before=before,
        after=after,
    )


def roles_sync() -> None:
    """Make the four groups hold exactly the permissions roles.py gives them."""
    permissions = {p.codename: p for p in Permission.objects.filter(content_type__app_label="accounts")}
    for role, capabilities in ROLE_CAPABILITIES.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.set([permissions[codename] for codename in capabilities])


def roles_sync_after_migrate(**kwargs) -> None:
    roles_sync()


@transaction.atomic
def opd_create(*, actor: User | None, region: Region, code: str, name: str) -> Opd:
    code = code.strip().upper()
    if region.level != Region.Level.REGENCY:
        raise ValidationError(_("An OPD belongs to a regency or city, not to %(name)s.") % {"name": region.name})
    if Opd.objects.filter(region=region, code=code).exists():
        raise ValidationError(_("OPD %(code)s already exists in %(region)s.") % {"code": code, "region": region.name})
    opd = Opd.objects.create(region=region, code=code, name=name.strip())
    audit_record(
        actor=actor,
        action="accounts.opd_create",
        obj=opd,
        region=region,
        opd=opd,
        after={"code": opd.code, "name": opd.name},
    )
    return opd


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    role: Role,
    region: Region,
    opd: Opd | None = None,
    full_name: str = "",
    email: str = "",
) -> User:
    """Create a user with one role, scoped to `region` (and to `opd` for operators)."""
    if role.needs_opd and opd is None:
        raise ValidationError(_("An OPD operator must belong to an OPD."))
    if opd is not None and not opd.region.is_within(region.code) and not region.is_within(opd.region_id):
        raise ValidationError(_("OPD %(opd)s is not in %(region)s.") % {"opd": opd.name, "region": region.name})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("The username %(username)s is already taken.") % {"username": username})
    first_name, _sep, last_name = full_name.strip().partition(" ")
    user = User(username=username, email=email, region=region, opd=opd, first_name=first_name, last_name=last_name)
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.set([Group.objects.get(name=role.value)])
    audit_record(
        actor=actor,
        action="accounts.user_create",
        obj=user,
        region=region,
        opd=opd,
        after={
            "username": username,
            "role": role.value,
            "region": region.code,
            "opd": opd.code if opd else None,
        },
    )
    return user
