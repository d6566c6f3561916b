"""Reads of programs."""

from jaring.programs.models import Program


def program_get(*, pk: int) -> Program | None:
    return Program.objects.select_related("region").prefetch_related("sources").filter(pk=pk).first()
