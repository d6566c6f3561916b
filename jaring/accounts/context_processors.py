from django.http import HttpRequest

from jaring.accounts.navigation import navigation_for


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"areas": []}
    return {"areas": navigation_for(user)}
