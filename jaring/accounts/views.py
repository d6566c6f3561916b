from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jaring.accounts.access import scoped
from jaring.accounts.models import Opd


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
