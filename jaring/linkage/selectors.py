"""Reads of persons."""

import polars as pl
from django.db.models import Count, QuerySet

from jaring.linkage.models import Person

PERSON_EXPORT_COLUMNS = (
    "person_id",
    "nik",
    "name",
    "birth_date",
    "sex",
    "kelurahan_code",
    "occupation",
    "source_rows",
    "bpjs_status",
    "kpj",
)


def person_export_frame(*, persons: QuerySet[Person]) -> pl.DataFrame:
    """One row per person, in the column order of `jaring export persons`."""
    rows = (
        persons.annotate(source_rows=Count("records"))
        .order_by("id")
        .values_list(
            "id",
            "nik",
            "name",
            "birth_date",
            "sex",
            "kelurahan_code",
            "occupation",
            "source_rows",
            "bpjs_status",
            "kpj",
        )
    )
    return pl.DataFrame(
        list(rows.iterator(chunk_size=10_000)),
        schema={
            "person_id": pl.Int64,
            "nik": pl.String,
            "name": pl.String,
            "birth_date": pl.Date,
            "sex": pl.String,
            "kelurahan_code": pl.String,
            "occupation": pl.String,
            "source_rows": pl.Int64,
            "bpjs_status": pl.String,
            "kpj": pl.String,
        },
        orient="row",
    )
