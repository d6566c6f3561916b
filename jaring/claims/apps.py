from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "jaring.claims"
    verbose_name = _("Claims")

    def ready(self) -> None:
        # This app words its own audit events and follows persons merged below it.
        from jaring.claims import audit_labels, receivers  # noqa: F401
