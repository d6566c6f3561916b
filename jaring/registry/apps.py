from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "jaring.registry"
    verbose_name = _("Worker lists")
