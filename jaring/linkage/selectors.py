"""Reads of persons."""

import polars as pl
from django.db.models import Count, QuerySet

from jaring.linkage.models import Person

# Column -> (what to read, type), in the order of `jaring export persons`.
_EXPORT = {
    "person_id": ("id", pl.Int64),
    "nik": ("nik", pl.String),
    "name": ("name", pl.String),
    "birth_date": ("birth_date", pl.Date),
    "sex": ("sex", pl.String),
    "kelurahan_code": ("kelurahan_code", pl.String),
    "occupation": ("occupation", pl.String),
    "source_rows": ("source_rows", pl.Int64),
    "bpjs_status": ("bpjs_status", pl.String),
    "kpj": ("kpj", pl.String),
}
PERSON_EXPORT_COLUMNS = tuple(_EXPORT)


def person_export_frame(*, persons: QuerySet[Person]) -> pl.DataFrame:
    """One row per person, in the column order of `jaring export persons`."""
    rows = (
        persons.annotate(source_rows=Count("records"))
        .order_by("id")
        .values_list(*[read for read, _type in _EXPORT.values()])
    )
    return pl.DataFrame(
        list(rows.iterator(chunk_size=10_000)),
        schema={name: dtype for name, (_read, dtype) in _EXPORT.items()},
        orient="row",
    )
