"""The only way views, API endpoints and commands fetch protected objects: scoped to the user.

A model opts in by naming the path to its region code (`scope_region_field`, e.g. "region__code")
and, where operators see only their own OPD's objects, the path to its OPD (`scope_opd_field`).
A model whose region is always of one level (persons belong to a kabupaten/kota) says so with
`scope_region_level`, so a user of that level is scoped by equality.
Everything fails closed: a user without a region, or an operator without an OPD, sees nothing.
Objects outside the scope are reported as missing (404), so their existence does not leak.
"""

from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from jaring.accounts.models import User
from jaring.accounts.roles import Role, permission_name
from jaring.core.regions import code_level

M = TypeVar("M", bound=models.Model)

NATIONAL = ""  # scope of a superuser without a region


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind `@login_required`, for type hints: its user has signed in."""

    user: User


def user_scope_code(user: User | AnonymousUser) -> str | None:
    """The region code the user may see (with everything below it); None means nothing at all."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.region_id:
        return user.region_id
    return NATIONAL if user.is_superuser else None


def region_in_scope(user: User | AnonymousUser, code: str) -> bool:
    scope = user_scope_code(user)
    if scope is None:
        return False
    return scope == NATIONAL or code == scope or code.startswith(f"{scope}.")


def scoped(user: User | AnonymousUser, queryset: QuerySet[M]) -> QuerySet[M]:
    """Narrow `queryset` to what `user` may see."""
    model = queryset.model
    region_field = getattr(model, "scope_region_field", None)
    if region_field is None:
        raise TypeError(f"{model.__name__} declares no scope_region_field and cannot be fetched for a user.")
    scope = user_scope_code(user)
    if scope is None:
        return queryset.none()
    if scope != NATIONAL and getattr(model, "scope_region_level", None) == code_level(scope):
        # The model's rows always sit at this level (persons of a kabupaten/kota): equality alone is
        # the same scope, and lets the database walk the (region, name) index of a million persons.
        queryset = queryset.filter(**{region_field: scope})
    elif scope != NATIONAL:
        queryset = queryset.filter(Q(**{region_field: scope}) | Q(**{f"{region_field}__startswith": f"{scope}."}))
    if isinstance(user, User) and user.role is Role.OPD_OPERATOR and not user.is_superuser:
        opd_field = getattr(model, "scope_opd_field", None)
        if opd_field is not None:
            if user.opd_id is None:
                return queryset.none()
            queryset = queryset.filter(**{opd_field: user.opd_id})
    return queryset


def get_for_user(user: User | AnonymousUser, queryset: QuerySet[M], **lookup: Any) -> M:
    """The one object matching `lookup` within the user's scope, or 404."""
    try:
        return scoped(user, queryset).get(**lookup)
    except ObjectDoesNotExist as exc:  # the model's DoesNotExist
        raise Http404(f"No {queryset.model._meta.verbose_name} matches the query in your scope.") from exc


def require_capability(user: User | AnonymousUser, capability: str) -> None:
    """Raise PermissionDenied unless the user's role grants `capability`."""
    if not user.is_authenticated or not user.has_perm(permission_name(capability)):
        raise PermissionDenied


def require_any_capability(user: User | AnonymousUser, *capabilities: str) -> None:
    """Raise PermissionDenied unless the user's role grants one of `capabilities`."""
    if not user.is_authenticated or not any(user.has_perm(permission_name(c)) for c in capabilities):
        raise PermissionDenied
