from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "jaring.monitoring"
    verbose_name = "Monitoring"
