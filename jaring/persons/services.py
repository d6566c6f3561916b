"""Writes of persons: clusters from the linkage become persons, golden records, merge and split."""

from dataclasses import dataclass

import polars as pl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jaring.accounts.models import User
from jaring.accounts.services import audit_record
from jaring.bulk import insert_frame, reserve_ids, update_from_frame
from jaring.core.linkage import GOLDEN_FIELDS, golden_records
from jaring.persons.models import Person, PersonRecord
from jaring.persons.selectors import person_record_ids, record_person_frame
from jaring.regions.models import Region
from jaring.registry.selectors import linkable_records_frame


@dataclass
class ApplyResult:
    new_persons: int
    links: pl.DataFrame  # record_id, person_id of the rows linked now


def persons_apply_clusters(*, region: Region, records: pl.DataFrame, assignments: pl.DataFrame) -> ApplyResult:
    """Link new rows to persons and rebuild the golden records they touch, in bulk.

    `assignments` (from `core.linkage.assign_persons`) gives each new row an existing `person_id`
    or a `cluster_id` that becomes a new person. `records` holds the region's linkable rows with the
    `person_id` of the rows linked before (null for the others); golden records are computed from them.
    Call inside the caller's transaction.
    """
    if assignments.is_empty():
        return ApplyResult(new_persons=0, links=pl.DataFrame(schema={"record_id": pl.Int64, "person_id": pl.Int64}))
    clusters = assignments.filter(pl.col("person_id").is_null()).get_column("cluster_id").unique(maintain_order=True)
    fresh = pl.DataFrame(
        {"cluster_id": clusters, "new_id": reserve_ids(Person, clusters.len())},
        schema={"cluster_id": pl.String, "new_id": pl.Int64},
    )
    links = assignments.join(fresh, on="cluster_id", how="left").select(
        record_id=pl.col("id"), person_id=pl.coalesce("person_id", "new_id")
    )
    insert_frame(PersonRecord, links.with_columns(region_id=pl.lit(region.code)))
    touched = links.get_column("person_id").unique().implode()
    rows = (
        records.join(links.rename({"record_id": "id", "person_id": "new_person_id"}), on="id", how="left")
        .with_columns(person_id=pl.coalesce("new_person_id", "person_id"))
        .filter(pl.col("person_id").is_in(touched))
        .drop("new_person_id")
    )
    golden = _golden_columns(golden_records(rows))
    now = timezone.now()
    new_ids = fresh.get_column("new_id").implode()
    insert_frame(
        Person,
        golden.filter(pl.col("id").is_in(new_ids)).with_columns(
            region_id=pl.lit(region.code), created_at=pl.lit(now), updated_at=pl.lit(now)
        ),
    )
    update_from_frame(
        Person, golden.filter(~pl.col("id").is_in(new_ids)).with_columns(updated_at=pl.lit(now)), key="id"
    )
    return ApplyResult(new_persons=fresh.height, links=links)


def persons_refresh(*, region: Region, person_ids: set[int]) -> None:
    """Rebuild the golden records of `person_ids` from their rows as they are now."""
    if not person_ids:
        return
    # Only these persons' links are read: a merge or split on a page must not read a million rows.
    links = record_person_frame(region=region, person_ids=person_ids)
    rows = linkable_records_frame(region=region, ids=links.get_column("id").to_list()).join(links, on="id")
    golden = _golden_columns(golden_records(rows))
    update_from_frame(Person, golden.with_columns(updated_at=pl.lit(timezone.now())), key="id")
    # A person left without rows keeps no stale fields.
    emptied = person_ids - set(golden.get_column("id").to_list())
    if emptied:
        Person.objects.filter(pk__in=emptied).update(
            **{name: None if name == "birth_date" else "" for name in GOLDEN_FIELDS}, field_sources={}
        )


def person_merge(*, actor: User | None, region: Region, person_ids: tuple[int, int]) -> Person:
    """Make two persons one: the older keeps every row, the other is removed. Audited."""
    keep, gone = sorted(person_ids)
    with transaction.atomic():
        PersonRecord.objects.filter(person_id=gone).update(person_id=keep)
        Person.objects.filter(pk=gone).delete()
        persons_refresh(region=region, person_ids={keep})
        kept = Person.objects.get(pk=keep)
        audit_record(
            actor=actor,
            action="persons.person_merge",
            obj=kept,
            region=region,
            before={"persons": [keep, gone]},
            after={"person": keep},
        )
    return kept


def person_split(*, actor: User, person: Person, record_ids: list[int]) -> Person:
    """Move `record_ids` out of `person` into a new person. Audited on both persons."""
    moving = set(record_ids)
    own = person_record_ids(person=person)
    if not moving or not moving < own:
        raise ValidationError("Pilih sebagian baris milik orang ini (tidak semuanya) untuk dipisahkan.")
    with transaction.atomic():
        other = Person.objects.create(region=person.region)
        PersonRecord.objects.filter(record_id__in=moving).update(person_id=other.pk)
        persons_refresh(region=person.region, person_ids={person.pk, other.pk})
        audit_record(
            actor=actor,
            action="persons.person_split",
            obj=person,
            region=person.region,
            before={"person": person.pk, "records": sorted(own)},
            after={
                "person": person.pk,
                "records": sorted(own - moving),
                "new_person": other.pk,
                "new_records": sorted(moving),
            },
        )
        audit_record(
            actor=actor,
            action="persons.person_split_from",
            obj=other,
            region=person.region,
            after={"from_person": person.pk, "records": sorted(moving)},
        )
    other.refresh_from_db()
    return other


def _golden_columns(golden: pl.DataFrame) -> pl.DataFrame:
    """Golden records as Person columns: `id`, text fields with "" for no value."""
    return golden.rename({"person_id": "id"}).with_columns(
        pl.col(name).fill_null("") for name in GOLDEN_FIELDS if name != "birth_date"
    )
