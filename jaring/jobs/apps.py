from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jaring.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # Every app's tasks.py registers its job handlers (jaring.jobs.handlers.job_handler).
        autodiscover_modules("tasks")
