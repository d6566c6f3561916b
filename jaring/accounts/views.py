from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jaring.accounts.access import AuthenticatedHttpRequest, get_for_user, require_capability
from jaring.accounts.audit_text import ACTION_LABELS, Change, action_label, audit_changes, yes_no
from jaring.accounts.forms import OpdEditForm, OpdForm, PasswordForm, UserForm
from jaring.accounts.models import Opd, User
from jaring.accounts.roles import CAPABILITIES, ROLE_CAPABILITIES, Role
from jaring.accounts.selectors import audit_event_list, opd_list, user_list
from jaring.accounts.services import (
    opd_create,
    opd_update,
    password_generate,
    user_create,
    user_password_change,
    user_password_reset,
    user_set_active,
)
from jaring.lib.listing import download_format, list_page, table_download


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def audit_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    events = audit_event_list(user=request.user)
    action = request.GET.get("tindakan", "")
    if action in ACTION_LABELS:
        events = events.filter(action=action)
    fmt = download_format(request)
    if fmt:
        return table_download(
            fmt=fmt,
            stem="log-audit",
            header=[_("Time"), _("By"), _("Action"), _("Region"), "OPD", _("Details")],
            rows=(
                [
                    event.at,
                    event.actor_label if event.actor_id else _("system"),
                    action_label(event.action),
                    event.region.name if event.region else "",
                    event.opd.code if event.opd else "",
                    "; ".join(_change_text(change) for change in audit_changes(event.before, event.after)),
                ]
                for event in events.iterator(chunk_size=2000)
            ),
        )
    listing = list_page(request, events)
    rows = [
        {"event": event, "action": action_label(event.action), "changes": audit_changes(event.before, event.after)}
        for event in listing.rows
    ]
    actions = sorted(((code, str(label)) for code, label in ACTION_LABELS.items()), key=lambda item: item[1])
    return render(
        request, "accounts/audit_log.html", {"listing": listing, "rows": rows, "actions": actions, "action": action}
    )


def _change_text(change: Change) -> str:
    if change.before is not None and change.after is not None:
        return f"{change.label}: {change.before} → {change.after}"
    return f"{change.label}: {change.after if change.after is not None else change.before}"


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A page in the user's language that says what their role may do, instead of a bare 403."""
    user = request.user
    role = getattr(user, "role", None) if user.is_authenticated else None
    allowed = [CAPABILITIES[codename] for codename in (ROLE_CAPABILITIES.get(role, ()) if role else ())]
    return render(request, "403.html", {"role": role, "allowed": allowed}, status=403)


# --- OPDs and accounts, run by the region's administrator ----------------------------------------


ONE_TIME_PASSWORD = "jaring.one_time_password"


@login_required
def opd_list_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, "manage_users")
    region = request.user.region
    form = OpdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if region is None:
            raise PermissionDenied
        try:
            opd = opd_create(actor=request.user, region=region, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("OPD %(code)s added.") % {"code": opd.code})
            return redirect("accounts:opds")
    opds = opd_list(user=request.user).annotate(accounts=Count("users"))
    fmt = download_format(request)
    if fmt:
        return table_download(
            fmt=fmt,
            stem="opd",
            header=[_("Code"), _("Name"), _("Type"), _("Active"), _("Accounts")],
            rows=([o.code, o.name, o.get_kind_display(), yes_no(o.is_active), o.accounts] for o in opds),
        )
    return render(request, "accounts/opd_list.html", {"form": form, "listing": list_page(request, opds)})


@login_required
def opd_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, "manage_users")
    opd = get_for_user(request.user, Opd.objects.select_related("region"), pk=pk)
    initial = {"name": opd.name, "kind": opd.kind, "is_active": opd.is_active}
    form = OpdEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            opd_update(actor=request.user, opd=opd, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("OPD %(code)s saved.") % {"code": opd.code})
            return redirect("accounts:opds")
    return render(request, "accounts/opd_edit.html", {"form": form, "opd": opd})


@login_required
def user_list_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    users = user_list(user=request.user)
    form = UserForm(request.POST or None, opds=opd_list(user=request.user, active_only=True))
    if request.method == "POST" and form.is_valid():
        if request.user.region is None:
            raise PermissionDenied
        password = password_generate()
        try:
            created = user_create(
                actor=request.user,
                username=form.cleaned_data["username"],
                password=password,
                role=Role(form.cleaned_data["role"]),
                region=request.user.region,
                opd=form.cleaned_data["opd"],
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                must_change_password=True,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _show_password_once(request, created, password)
    fmt = download_format(request)
    if fmt:
        return table_download(
            fmt=fmt,
            stem="pengguna",
            header=[_("Username"), _("Full name"), _("Role"), "OPD", _("Active"), _("Last sign-in")],
            rows=(
                [
                    u.username,
                    u.get_full_name(),
                    u.role.label if u.role else "",
                    u.opd.code if u.opd else "",
                    yes_no(u.is_active),
                    u.last_login,
                ]
                for u in users
            ),
        )
    return render(request, "accounts/user_list.html", {"form": form, "listing": list_page(request, users)})


@login_required
def user_manage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One account: reset its password (shown once) or (de)activate it."""
    require_capability(request.user, "manage_users")
    account = get_for_user(request.user, User.objects.select_related("region", "opd"), pk=pk)
    if request.method == "POST":
        action = request.POST.get("tindakan")
        try:
            if action == "reset":
                return _show_password_once(request, account, user_password_reset(actor=request.user, user=account))
            if action in ("nonaktifkan", "aktifkan"):
                user_set_active(actor=request.user, user=account, active=action == "aktifkan")
                messages.success(request, _("Account %(username)s saved.") % {"username": account.username})
            else:
                messages.error(request, _("Unknown action."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("accounts:user", pk=account.pk)
    return render(request, "accounts/user_detail.html", {"account": account})


def _show_password_once(request: HttpRequest, account: User, password: str) -> HttpResponse:
    # Kept in the session only until the next page shows it: a reload neither shows it again nor resubmits the form.
    request.session[ONE_TIME_PASSWORD] = {"user": account.pk, "password": password}
    return redirect("accounts:password_once", pk=account.pk)


@login_required
def password_once(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, "manage_users")
    account = get_for_user(request.user, User.objects.select_related("opd"), pk=pk)
    kept = request.session.pop(ONE_TIME_PASSWORD, None)
    password = kept["password"] if kept and kept.get("user") == account.pk else None
    response = render(request, "accounts/password_once.html", {"account": account, "password": password})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def password_change(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's own new password; required after an administrator reset it."""
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user_password_change(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as exc:
            form.add_error("password", exc)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Your password was changed."))
            return redirect("home")
    return render(request, "accounts/password_change.html", {"form": form})
