from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "jaring.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Groups and their permissions follow roles.py after every migrate, the same moment Django
        # itself creates permissions, so a fresh database always has the four roles.
        from jaring.accounts.services import roles_sync_after_migrate

        post_migrate.connect(roles_sync_after_migrate, sender=self)
