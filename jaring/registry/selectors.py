"""Reads of submissions and source records."""

import polars as pl
from django.db.models import F, QuerySet

from jaring.regions.models import Region
from jaring.registry.models import OccupationSynonym, SourceRecord

EXPORT_COLUMNS = (
    "submission_id",
    "source",
    "file",
    "sheet",
    "row",
    "status",
    "issue_codes",
    "nik",
    "name",
    "birth_date",
    "sex",
    "kelurahan_code",
    "occupation",
    "person_id",
)


def source_record_export_frame(*, records: QuerySet[SourceRecord]) -> pl.DataFrame:
    """One row per stored source row, in the column order of `jaring export records`."""
    rows = records.order_by("submission_id", "sheet", "row").values_list(
        "submission_id",
        F("submission__source"),
        F("submission__file_name"),
        "sheet",
        "row",
        "status",
        "issue_codes",
        "nik",
        "name",
        "birth_date",
        "sex",
        "kelurahan_code",
        "occupation",
        "person_id",
    )
    return pl.DataFrame(
        list(rows.iterator(chunk_size=10_000)),
        schema={
            "submission_id": pl.Int64,
            "source": pl.String,
            "file": pl.String,
            "sheet": pl.String,
            "row": pl.Int64,
            "status": pl.String,
            "issue_codes": pl.String,
            "nik": pl.String,
            "name": pl.String,
            "birth_date": pl.Date,
            "sex": pl.String,
            "kelurahan_code": pl.String,
            "occupation": pl.String,
            "person_id": pl.Int64,
        },
        orient="row",
    )


def occupation_synonyms(*, region: Region) -> dict[str, list[str]]:
    """The region's own occupation words, by category, for the import."""
    found: dict[str, list[str]] = {}
    for category, synonym in OccupationSynonym.objects.filter(region=region).values_list("category", "synonym"):
        found.setdefault(category, []).append(synonym)
    return found
