"""Reads of submissions and source records."""

import polars as pl
from django.db.models import F, QuerySet

from jaring.regions.models import Region
from jaring.registry.models import OccupationSynonym, SourceRecord

# Column -> (what to read, type), in the order of `jaring export records`.
_EXPORT = {
    "submission_id": ("submission_id", pl.Int64),
    "source": (F("submission__source"), pl.String),
    "file": (F("submission__file_name"), pl.String),
    "sheet": ("sheet", pl.String),
    "row": ("row", pl.Int64),
    "status": ("status", pl.String),
    "issue_codes": ("issue_codes", pl.String),
    "nik": ("nik", pl.String),
    "name": ("name", pl.String),
    "birth_date": ("birth_date", pl.Date),
    "sex": ("sex", pl.String),
    "kelurahan_code": ("kelurahan_code", pl.String),
    "occupation": ("occupation", pl.String),
    "person_id": ("person_id", pl.Int64),
}
EXPORT_COLUMNS = tuple(_EXPORT)


def source_record_export_frame(*, records: QuerySet[SourceRecord]) -> pl.DataFrame:
    """One row per stored source row, in the column order of `jaring export records`."""
    rows = records.order_by("submission_id", "sheet", "row").values_list(*[read for read, _type in _EXPORT.values()])
    return pl.DataFrame(
        list(rows.iterator(chunk_size=10_000)),
        schema={name: dtype for name, (_read, dtype) in _EXPORT.items()},
        orient="row",
    )


def occupation_synonyms(*, region: Region) -> dict[str, list[str]]:
    """The region's own occupation words, by category, for the import."""
    found: dict[str, list[str]] = {}
    for category, synonym in OccupationSynonym.objects.filter(region=region).values_list("category", "synonym"):
        found.setdefault(category, []).append(synonym)
    return found
