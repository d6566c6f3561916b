from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkageConfig(AppConfig):
    name = "jaring.linkage"
    verbose_name = _("Linkage")

    def ready(self) -> None:
        # This app words its own audit events (jaring.accounts.audit_text.register_audit_labels).
        from jaring.linkage import audit_labels, receivers  # noqa: F401
