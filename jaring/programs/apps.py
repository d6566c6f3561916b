from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "jaring.programs"
    verbose_name = _("Programs & budget")

    def ready(self) -> None:
        # This app words its own audit events (jaring.accounts.audit_text.register_audit_labels).
        from jaring.programs import audit_labels, receivers  # noqa: F401
