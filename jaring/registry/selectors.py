"""Reads of submissions and source records."""

import polars as pl
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet
from django.db.models.expressions import Combinable

from jaring.lib.bulk import Dtype, read_frame
from jaring.regions.models import Region
from jaring.registry.models import OccupationSynonym, SourceRecord, Submission

# Column -> (what to read, type), in the order of `jaring export records`.
_EXPORT: dict[str, tuple[str | Combinable, Dtype]] = {
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
    "desil": ("desil", pl.Int8),
}
EXPORT_COLUMNS = tuple(_EXPORT)
# What linking and golden records read of a row; empty text is no value.
LINKABLE_SCHEMA = {
    "id": pl.Int64,
    "rt": pl.String,
    "rw": pl.String,
    "nik": pl.String,
    "name": pl.String,
    "sex": pl.String,
    "birth_date": pl.Date,
    "kelurahan_code": pl.String,
    "phone": pl.String,
    "occupation": pl.String,
    "desil": pl.Int8,
    "status": pl.String,
    "submission_id": pl.Int64,
    "kecamatan_code": pl.String,
    "nik_excel": pl.Boolean,
    "nik_mismatch": pl.Boolean,
    "nik_district": pl.Boolean,
    "birth_from_nik": pl.Boolean,
}
# The row's flags the golden record weighs a NIK and a birth date by, read from its issue codes.
_FLAGS = {
    "nik_excel": ("nik.excel_damage",),
    "nik_mismatch": ("nik.birth_date_mismatch", "nik.sex_mismatch"),
    "nik_district": ("nik.district_unknown",),
    "birth_from_nik": ("birth_date.from_nik",),
}
_BLANK_IS_NULL = ("rt", "rw", "nik", "name", "sex", "kelurahan_code", "kecamatan_code", "phone", "occupation")


def _flag(codes: tuple[str, ...]) -> ExpressionWrapper:
    found = Q()
    for code in codes:
        found |= Q(issue_codes__contains=code)
    return ExpressionWrapper(found, output_field=BooleanField())


def source_record_export_frame(*, records: QuerySet[SourceRecord]) -> pl.DataFrame:
    """One row per stored source row (with its `id`), in the column order of `jaring export records`."""
    schema = {"id": pl.Int64, **{name: dtype for name, (_read, dtype) in _EXPORT.items()}}
    reads = {name: read for name, (read, _type) in _EXPORT.items()}
    return read_frame(records.order_by("submission_id", "sheet", "row"), schema, fields=reads)


def linkable_records_frame(
    *, region: Region, ids: list[int] | None = None, extra: dict[str, tuple[str, Dtype]] | None = None
) -> pl.DataFrame:
    """The region's accepted rows (with or without warnings) as linking reads them; blank text is null.

    `extra` adds columns read through relations other apps hold to the rows (name -> (lookup, type)),
    so a caller reads them in the same query.
    """
    records = SourceRecord.objects.filter(region=region).exclude(status=SourceRecord.Status.REJECTED)
    if ids is not None:
        records = records.filter(id__in=ids)
    extra = extra or {}
    schema = {**LINKABLE_SCHEMA, **{name: dtype for name, (_lookup, dtype) in extra.items()}}
    reads: dict[str, str | Combinable] = {
        **{name: _flag(codes) for name, codes in _FLAGS.items()},
        **{name: lookup for name, (lookup, _t) in extra.items()},
    }
    frame = read_frame(records.order_by(), schema, fields=reads)
    return frame.with_columns(pl.col(name).replace("", None) for name in _BLANK_IS_NULL)


def corrected_record_ids(*, region: Region) -> QuerySet:
    """The ids (a subquery) of the region's rows changed after their list was imported: corrections."""
    return SourceRecord.objects.filter(region=region, updated_at__gt=F("submission__finished_at")).values("id")


def source_records(*, ids) -> QuerySet[SourceRecord]:
    """Rows by id (a list or a subquery of ids), with their submission, in file order."""
    return SourceRecord.objects.filter(id__in=ids).select_related("submission").order_by("submission_id", "row")


def submission_ids_held_for_linkage(*, region: Region) -> set[int]:
    """Submissions whose rows wait, unlinked, for an administrator (the linkage circuit breaker)."""
    return set(
        Submission.objects.filter(
            region=region, linkage_held_share__isnull=False, linkage_released_at__isnull=True
        ).values_list("id", flat=True)
    )


def submission_ids_released_for_linkage(*, ids: list[int]) -> set[int]:
    return set(Submission.objects.filter(id__in=ids, linkage_released_at__isnull=False).values_list("id", flat=True))


def occupation_synonyms(*, region: Region) -> dict[str, list[str]]:
    """The region's own occupation words, by category, for the import."""
    found: dict[str, list[str]] = {}
    for category, synonym in OccupationSynonym.objects.filter(region=region).values_list("category", "synonym"):
        found.setdefault(category, []).append(synonym)
    return found


def submissions_waiting_for_linkage_decision(*, submissions: QuerySet[Submission]) -> QuerySet[Submission]:
    """The held lists nobody has released or refused yet (pass a queryset already scoped to the reader)."""
    return submissions.filter(
        linkage_held_share__isnull=False, linkage_released_at__isnull=True, linkage_rejected_at__isnull=True
    ).select_related("opd")


def record_status_counts(*, region: Region) -> dict[str, int]:
    """Stored rows of a region by status: accepted, accepted_with_warnings, rejected."""
    rows = SourceRecord.objects.filter(region=region).values_list("status").annotate(n=Count("id")).order_by()
    return dict(rows)
