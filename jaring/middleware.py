from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Bahasa Indonesia unless the user picked another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many officials'
    browsers are set to English; the application's language is a choice made in the application.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        # Said on the page: the browser asks for another language, and how to choose it.
        browser = _browser_language(request)
        # Jaring's own attribute on the request, read by base.html; HttpRequest does not declare it.
        request.browser_language = browser if chosen is None and browser not in (None, language) else None  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


def _browser_language(request: HttpRequest) -> str | None:
    """The first language of the browser's Accept-Language that Jaring offers, if any."""
    available = {code for code, _name in settings.LANGUAGES}
    for part in request.headers.get("Accept-Language", "").split(","):
        code = part.split(";")[0].strip().lower().split("-")[0]
        if code in available:
            return code
    return None


class PasswordChangeRequiredMiddleware:
    """After an administrator reset a password, the user chooses their own before anything else."""

    ALLOWED_PREFIXES = ("/akun/sandi/", "/akun/keluar/", "/i18n/", "/static/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not request.path.startswith(self.ALLOWED_PREFIXES)
        ):
            return redirect("accounts:password_change")
        return self.get_response(request)


class MethodNotAllowedPageMiddleware:
    """A GET on a form's address (require_POST) says so in the user's language instead of an empty 405."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.method not in ("GET", "HEAD"):
            return response
        page = render(request, "405.html", status=405)
        page["Allow"] = response.get("Allow", "")
        return page
