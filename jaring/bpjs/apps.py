from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BpjsConfig(AppConfig):
    name = "jaring.bpjs"
    verbose_name = _("BPJS Ketenagakerjaan")

    def ready(self) -> None:
        # This app words its own audit events (jaring.accounts.audit_text.register_audit_labels).
        from jaring.bpjs import audit_labels  # noqa: F401
