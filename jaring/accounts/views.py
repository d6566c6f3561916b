from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jaring.accounts.access import scoped
from jaring.accounts.models import Opd
from jaring.accounts.roles import CAPABILITIES, ROLE_CAPABILITIES
from jaring.accounts.selectors import audit_event_list


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "region": user.region,
        "role": user.role,
        "opd": user.opd,
        "opds": scoped(user, Opd.objects.all()),
    }
    return render(request, "accounts/home.html", context)


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    events = Paginator(audit_event_list(user=request.user), per_page=50)
    page = events.get_page(request.GET.get("halaman"))
    return render(request, "accounts/audit_log.html", {"page": page})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A page in the user's language that says what their role may do, instead of a bare 403."""
    user = request.user
    role = getattr(user, "role", None) if user.is_authenticated else None
    allowed = [CAPABILITIES[codename] for codename in ROLE_CAPABILITIES.get(role, ())]
    return render(request, "403.html", {"role": role, "allowed": allowed}, status=403)
