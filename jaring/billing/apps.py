from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "jaring.billing"
    verbose_name = _("Billing")

    def ready(self) -> None:
        # This app words its own audit events (jaring.accounts.audit_text.register_audit_labels).
        from jaring.billing import audit_labels  # noqa: F401
