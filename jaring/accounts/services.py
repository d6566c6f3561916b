"""Writes for accounts: the audit log, roles, OPDs and users. Every change leaves an audit event."""

import re
import secrets
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


_OPD_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_.-]{1,29}$")
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9_.@-]{0,149}$")
MIN_PASSWORD_LENGTH = 8


@transaction.atomic
def opd_create(*, actor: User | None, region: Region, code: str, name: str, kind: str = Opd.Kind.OPD) -> Opd:
    """Add a sender of lists (an OPD, a kecamatan or kelurahan office) to a regency or city."""
    code = " ".join(code.split()).upper().replace(" ", "_")
    name = " ".join(name.split())
    if not region.is_regency:
        raise ValidationError(_("An OPD belongs to a regency or city, not to %(name)s.") % {"name": region.name})
    _check_opd_fields(code=code, name=name, kind=kind)
    if Opd.objects.filter(region=region, code=code).exists():
        raise ValidationError(_("OPD %(code)s already exists in %(region)s.") % {"code": code, "region": region.name})
    opd = Opd.objects.create(region=region, code=code, name=name, kind=kind)
    audit_record(
        actor=actor,
        action="accounts.opd_create",
        obj=opd,
        region=region,
        opd=opd,
        after={"code": opd.code, "name": opd.name, "kind": opd.kind},
    )
    return opd


@transaction.atomic
def opd_update(*, actor: User | None, opd: Opd, name: str, kind: str, is_active: bool) -> Opd:
    """Rename a sender, change its type, or (de)activate it; its lists and history stay."""
    name = " ".join(name.split())
    _check_opd_fields(code=opd.code, name=name, kind=kind)
    before = {"name": opd.name, "kind": opd.kind, "is_active": opd.is_active}
    after = {"name": name, "kind": kind, "is_active": is_active}
    if before == after:
        return opd
    opd.name, opd.kind, opd.is_active = name, kind, is_active
    opd.save(update_fields=["name", "kind", "is_active"])
    changed = [key for key in after if before[key] != after[key]]
    audit_record(
        actor=actor,
        action="accounts.opd_update",
        obj=opd,
        region=opd.region,
        opd=opd,
        before={key: before[key] for key in changed},
        after={key: after[key] for key in changed},
    )
    return opd


def _check_opd_fields(*, code: str, name: str, kind: str) -> None:
    if not _OPD_CODE.match(code):
        raise ValidationError(
            _("The code “%(code)s” is not valid: use 2 to 30 capital letters or digits, e.g. DISHUB or KEL_SUMBERSARI.")
            % {"code": code}
        )
    if len(name) < 3:
        raise ValidationError(_("Write the full name of the OPD."))
    if kind not in Opd.Kind.values:
        raise ValidationError(_("Unknown OPD type: %(kind)s.") % {"kind": kind})


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
    must_change_password: bool = False,
) -> User:
    """Create a user with one role, scoped to `region` (and to `opd` for operators)."""
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise ValidationError(
            _("The username “%(username)s” is not valid: use small letters, digits, dots or dashes, without spaces.")
            % {"username": username}
        )
    if role.needs_opd and opd is None:
        raise ValidationError(_("An OPD operator must belong to an OPD."))
    if opd is not None and not opd.is_active:
        raise ValidationError(_("OPD %(code)s is deactivated.") % {"code": opd.code})
    if opd is not None and not opd.region.is_within(region.code) and not region.is_within(opd.region_id):
        raise ValidationError(_("OPD %(opd)s is not in %(region)s.") % {"opd": opd.name, "region": region.name})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("The username %(username)s is already taken.") % {"username": username})
    first_name, _sep, last_name = full_name.strip().partition(" ")
    _check_password(password)
    user = User(
        username=username,
        email=email,
        region=region,
        opd=opd if role.needs_opd else None,
        first_name=first_name,
        last_name=last_name,
        must_change_password=must_change_password,
    )
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
            "opd": opd.code if opd and role.needs_opd else None,
        },
    )
    return user


def password_generate() -> str:
    """A password to hand over once: easy to type from a screen, hard to guess (about 60 bits)."""
    return "-".join(secrets.token_hex(2) + secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _part in range(3))


@transaction.atomic
def user_password_reset(*, actor: User | None, user: User, password: str | None = None) -> str:
    """Give the user a new password (generated when none is given) that must be changed at the next sign-in.

    Returns the password, to show once; it is stored only as a hash.
    """
    password = password or password_generate()
    _password_set(actor=actor, user=user, password=password, temporary=True, action="accounts.user_password_reset")
    return password


@transaction.atomic
def user_password_change(*, user: User, password: str) -> User:
    """The user's own new password (after a reset, or any time)."""
    _password_set(actor=user, user=user, password=password, temporary=False, action="accounts.user_password_change")
    return user


def _password_set(*, actor: User | None, user: User, password: str, temporary: bool, action: str) -> None:
    """Store a password (only its hash) and whether it must be changed at the next sign-in; audited."""
    _check_password(password)
    user.set_password(password)
    user.must_change_password = temporary
    user.save(update_fields=["password", "must_change_password"])
    audit_record(
        actor=actor, action=action, obj=user, region=user.region, opd=user.opd, after={"username": user.username}
    )


@transaction.atomic
def user_set_active(*, actor: User | None, user: User, active: bool) -> User:
    """Deactivate (or activate again) an account; it keeps its history and cannot sign in while inactive."""
    if actor is not None and actor.pk == user.pk and not active:
        raise ValidationError(_("You cannot deactivate your own account."))
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="accounts.user_activate" if active else "accounts.user_deactivate",
        obj=user,
        region=user.region,
        opd=user.opd,
        before={"is_active": not active},
        after={"is_active": active},
    )
    return user


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            _("The password is too short; use at least %(count)d characters.") % {"count": MIN_PASSWORD_LENGTH}
        )
