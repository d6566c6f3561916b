from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "jaring.programs"
    verbose_name = _("Programs & budget")
