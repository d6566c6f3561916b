from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonsConfig(AppConfig):
    name = "jaring.persons"
    verbose_name = _("Persons")

    def ready(self) -> None:
        # This app words its own audit events (jaring.accounts.audit_text.register_audit_labels).
        from jaring.persons import audit_labels  # noqa: F401
