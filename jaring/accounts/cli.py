"""The account a `jaring` command acts for, when the work needs a name (maker-checker)."""

from django.core.management.base import CommandError

from jaring.accounts.models import User


def option_user(username: str | None, *, flag: str = "--user") -> User:
    """The active account `username`; explained when it is missing or unknown."""
    if not username:
        raise CommandError(f"Sebutkan {flag} USERNAME: pekerjaan ini dicatat atas nama seseorang.")
    user = User.objects.filter(username=username, is_active=True).select_related("region").first()
    if user is None:
        raise CommandError(f"Pengguna {username!r} tidak ada atau tidak aktif.")
    return user
