"""How the linkage may use the machine and where its thresholds lie, from the settings."""

from django.conf import settings

from jaring.core.linkage import Engine, Thresholds


def engine() -> Engine:
    return Engine(backend=settings.LINKAGE_BACKEND, memory_limit=settings.LINKAGE_DUCKDB_MEMORY)


def thresholds() -> Thresholds:
    return Thresholds(upper=settings.LINKAGE_UPPER, lower=settings.LINKAGE_LOWER)
