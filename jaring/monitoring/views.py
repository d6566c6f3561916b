from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from jaring.accounts.roles import permission_name
from jaring.accounts.selectors import opd_list
from jaring.monitoring.selectors import registry_figures


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role's home: its work areas, and for those who read reports the registry's figures."""
    user = request.user
    region = user.region
    figures = None
    if user.has_perm(permission_name("view_reports")) and region is not None and region.level == region.Level.REGENCY:
        figures = registry_figures(region=region, others_label=_("Others"), unknown_label=_("Not stated"))
    context = {
        "region": region,
        "role": user.role,
        "opd": user.opd,
        "opds": opd_list(user=user, active_only=True),
        "figures": figures,
    }
    return render(request, "monitoring/home.html", context)
