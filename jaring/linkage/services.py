"""Turn accepted source rows into persons: link, build golden records, keep pairs for review."""

import hashlib
import time
from dataclasses import dataclass

import polars as pl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jaring.accounts.models import User
from jaring.accounts.services import audit_record
from jaring.core.linkage.pipeline import (
    AUTO,
    MIN_ROWS_TO_TRAIN,
    REVIEW,
    Thresholds,
    connected_components,
    default_model,
    link_new_records,
    link_people,
)
from jaring.linkage.models import LinkageModel, MatchPair, Person
from jaring.regions.models import Region
from jaring.registry.models import SourceRecord, Submission

GOLDEN_FIELDS = ("nik", "name", "birth_date", "sex", "kelurahan_code", "phone", "occupation")
# The documented rule for each field of a golden record: among the person's rows that have a value,
# take the row accepted without warnings before one with warnings, then the most recent submission,
# then the earliest row of that submission.
GOLDEN_RULE = "tanpa catatan dahulu, lalu kiriman terbaru, lalu baris pertama"
_EVIDENCE_COLUMNS = ("gamma_identity", "gamma_name", "gamma_sex", "gamma_kelurahan_code", "gamma_phone")


@dataclass
class LinkResult:
    persons: int
    new_persons: int
    auto_links: int
    review_pairs: int
    already_covered: int
    seconds: float
    incremental: bool
    held_submissions: int = 0

    def to_dict(self) -> dict:
        return {
            "persons": self.persons,
            "new_persons": self.new_persons,
            "auto_links": self.auto_links,
            "review_pairs": self.review_pairs,
            "already_covered": self.already_covered,
            "seconds": round(self.seconds, 2),
            "incremental": self.incremental,
            "held_submissions": self.held_submissions,
        }


def _records_frame(region: Region) -> pl.DataFrame:
    rows = (
        SourceRecord.objects.filter(region=region)
        .exclude(status=SourceRecord.Status.REJECTED)
        .values_list(
            "id",
            "rt",
            "rw",
            "nik",
            "name",
            "sex",
            "birth_date",
            "kelurahan_code",
            "phone",
            "occupation",
            "status",
            "submission_id",
            "person_id",
        )
    )
    frame = pl.DataFrame(
        list(rows.iterator(chunk_size=20_000)),
        schema={
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
            "status": pl.String,
            "submission_id": pl.Int64,
            "person_id": pl.Int64,
        },
        orient="row",
    )
    return frame.with_columns(
        *[pl.col(name).replace("", None) for name in ("nik", "name", "sex", "kelurahan_code", "phone", "occupation")],
        unique_id=pl.col("id").cast(pl.String),
        rt_rw=pl.when((pl.col("rt") != "") & (pl.col("rw") != "")).then(pl.format("{}/{}", "rt", "rw")),
    )


def link_region(*, actor: User | None, region: Region, thresholds: Thresholds | None = None) -> LinkResult:
    """Link the region's accepted rows into persons; only rows not linked yet are compared again.

    The first run trains a model on the region's rows (or, with fewer than MIN_ROWS_TO_TRAIN rows,
    takes the default model trained on synthetic lists) and stores it with what it was trained on.
    """
    thresholds = thresholds or Thresholds(upper=settings.LINKAGE_UPPER, lower=settings.LINKAGE_LOWER)
    started = time.perf_counter()
    records = _records_frame(region)
    model = LinkageModel.objects.filter(region=region).first()
    new = records.filter(pl.col("person_id").is_null())
    incremental = model is not None and new.height < records.height
    # Rows of submissions the circuit breaker holds wait until an administrator releases them.
    new = new.filter(~pl.col("submission_id").is_in(list(_held_submission_ids(region))))
    if new.is_empty():
        return LinkResult(
            persons=Person.objects.filter(region=region).count(),
            new_persons=0,
            auto_links=0,
            review_pairs=0,
            already_covered=_already_covered(region),
            seconds=time.perf_counter() - started,
            incremental=True,
            held_submissions=len(_held_submission_ids(region)),
        )

    held: set[int] = set()
    if incremental:
        existing = records.filter(pl.col("person_id").is_not_null())
        pairs = link_new_records(existing, new, trained=model.settings, thresholds=thresholds)
        settings_to_store = None
        held = _hold_duplicate_heavy_submissions(new, existing, pairs)
        if held:
            waiting = new.filter(pl.col("submission_id").is_in(list(held))).get_column("unique_id").to_list()
            new = new.filter(~pl.col("unique_id").is_in(waiting))
            pairs = pairs.filter(~pl.col("unique_id_l").is_in(waiting) & ~pl.col("unique_id_r").is_in(waiting))
    else:
        trained = default_model() if records.height < MIN_ROWS_TO_TRAIN else None
        result = link_people(records, thresholds=thresholds, trained=trained)
        pairs, settings_to_store = result.pairs, result.model
    pairs = _apply_remembered_decisions(pairs)

    with transaction.atomic():
        if settings_to_store is not None:
            fingerprint = hashlib.sha256(",".join(sorted(records["unique_id"].to_list())).encode()).hexdigest()
            LinkageModel.objects.create(
                region=region,
                settings=settings_to_store,
                trained_on_records=records.height,
                trained_on_fingerprint=fingerprint,
            )
        assignments, created = _assign_persons(region, records, new, pairs)
        _store_pairs(region, pairs)
        _refresh_golden_records(
            records.join(assignments, on="id", how="left")
            .with_columns(person_id=pl.coalesce("person_id_new", "person_id"))
            .drop("person_id_new"),
            persons=set(assignments["person_id_new"].drop_nulls().to_list()),
        )
        link_result = LinkResult(
            persons=Person.objects.filter(region=region).count(),
            new_persons=created,
            auto_links=pairs.filter(pl.col("decision") == AUTO).height,
            review_pairs=pairs.filter(pl.col("decision") == REVIEW).height,
            already_covered=_already_covered(region),
            seconds=time.perf_counter() - started,
            incremental=incremental,
            held_submissions=len(held),
        )
        audit_record(actor=actor, action="linkage.link_region", region=region, after=link_result.to_dict())
    return link_result


def _apply_remembered_decisions(pairs: pl.DataFrame) -> pl.DataFrame:
    """A pair a person already decided keeps that decision: it is never asked again."""
    decided = pl.DataFrame(
        list(
            MatchPair.objects.filter(decision__in=[MatchPair.Decision.SAME, MatchPair.Decision.DIFFERENT]).values_list(
                "record_l_id", "record_r_id", "decision"
            )
        ),
        schema={"l": pl.Int64, "r": pl.Int64, "remembered": pl.String},
        orient="row",
    )
    keyed = pairs.with_columns(
        l=pl.min_horizontal(pl.col("unique_id_l").cast(pl.Int64), pl.col("unique_id_r").cast(pl.Int64)),
        r=pl.max_horizontal(pl.col("unique_id_l").cast(pl.Int64), pl.col("unique_id_r").cast(pl.Int64)),
    ).join(decided, on=["l", "r"], how="left")
    return keyed.with_columns(
        decision=pl.when(pl.col("remembered") == MatchPair.Decision.SAME)
        .then(pl.lit(AUTO))
        .when(pl.col("remembered") == MatchPair.Decision.DIFFERENT)
        .then(pl.lit("apart"))
        .otherwise(pl.col("decision"))
    )


def _assign_persons(region: Region, records: pl.DataFrame, new: pl.DataFrame, pairs: pl.DataFrame):
    """Give every new row a person: the person of the rows it is linked to, or a new one."""
    known = records.filter(pl.col("person_id").is_not_null()).select(pl.col("unique_id"), pl.col("person_id"))
    auto = pairs.filter(pl.col("decision") == AUTO).select("unique_id_l", "unique_id_r")
    # Existing rows of one person are tied together through a node for the person.
    person_node = pl.format("p{}", pl.col("person_id"))
    ties = known.select(unique_id_l=pl.col("unique_id"), unique_id_r=person_node)
    nodes = pl.concat(
        [new.select("unique_id"), known.select("unique_id"), known.select(unique_id=person_node).unique()]
    )
    components = connected_components(nodes.get_column("unique_id"), pl.concat([auto, ties]))
    persons_in = (
        components.filter(pl.col("unique_id").str.starts_with("p"))
        .group_by("cluster_id")
        .agg(pl.col("unique_id").str.slice(1).cast(pl.Int64).min().alias("person_id"))
    )
    # Where one component reaches two existing persons, the new rows join the older person; the
    # persons themselves are not merged without a review (the pairs stay in the queue).
    new_components = (
        new.select("id", "unique_id").join(components, on="unique_id").join(persons_in, on="cluster_id", how="left")
    )
    fresh_clusters = new_components.filter(pl.col("person_id").is_null()).get_column("cluster_id").unique().to_list()
    created = Person.objects.bulk_create([Person(region=region) for _ in fresh_clusters])
    cluster_person = pl.DataFrame(
        {"cluster_id": fresh_clusters, "created_id": [p.pk for p in created]},
        schema={"cluster_id": pl.String, "created_id": pl.Int64},
    )
    assignments = new_components.join(cluster_person, on="cluster_id", how="left").select(
        "id", person_id_new=pl.coalesce("person_id", "created_id")
    )
    SourceRecord.objects.bulk_update(
        [SourceRecord(id=record_id, person_id=person_id) for record_id, person_id in assignments.iter_rows()],
        ["person_id"],
        batch_size=2000,
    )
    return assignments, len(created)


def _store_pairs(region: Region, pairs: pl.DataFrame) -> None:
    """Keep auto and review pairs, with the evidence behind the score, for the review queue."""
    kept = pairs.filter(pl.col("decision").is_in([AUTO, REVIEW]))
    existing = set(MatchPair.objects.filter(region=region).values_list("record_l_id", "record_r_id"))
    evidence_columns = [column for column in _EVIDENCE_COLUMNS if column in kept.columns]
    objects = []
    for row in kept.iter_rows(named=True):
        low, high = sorted((int(row["unique_id_l"]), int(row["unique_id_r"])))
        if (low, high) in existing:
            continue
        existing.add((low, high))
        objects.append(
            MatchPair(
                region=region,
                record_l_id=low,
                record_r_id=high,
                probability=float(row["match_probability"]),
                decision=row["decision"],
                evidence={column[6:]: row[column] for column in evidence_columns},
            )
        )
    MatchPair.objects.bulk_create(objects, batch_size=5000)


def _refresh_golden_records(records: pl.DataFrame, *, persons: set[int]) -> None:
    """Rebuild the golden record of each person in `persons` from all of their rows."""
    if not persons:
        return
    rows = records.filter(pl.col("person_id").is_in(list(persons))).sort(
        [pl.col("status") != SourceRecord.Status.ACCEPTED, pl.col("submission_id"), pl.col("id")],
        descending=[False, True, False],
    )
    best = rows.group_by("person_id", maintain_order=True).agg(
        *[pl.col(name).drop_nulls().first().alias(name) for name in GOLDEN_FIELDS],
        *[pl.col("id").filter(pl.col(name).is_not_null()).first().alias(f"{name}_source") for name in GOLDEN_FIELDS],
    )
    people = Person.objects.in_bulk(best.get_column("person_id").to_list())
    now = timezone.now()
    for row in best.iter_rows(named=True):
        person = people[row["person_id"]]
        for name in GOLDEN_FIELDS:
            setattr(person, name, row[name] if row[name] is not None else ("" if name != "birth_date" else None))
        person.field_sources = {name: row[f"{name}_source"] for name in GOLDEN_FIELDS if row[f"{name}_source"]}
        person.updated_at = now
    Person.objects.bulk_update(people.values(), [*GOLDEN_FIELDS, "field_sources", "updated_at"], batch_size=2000)


def review_decide(*, actor: User | None, pair: MatchPair, same: bool) -> MatchPair:
    """Record a person's decision on a pair; "same" merges the two persons when they differ."""
    if pair.decision not in (MatchPair.Decision.REVIEW, MatchPair.Decision.AUTO):
        raise ValidationError("Pasangan ini sudah diputuskan.")
    left, right = SourceRecord.objects.get(pk=pair.record_l_id), SourceRecord.objects.get(pk=pair.record_r_id)
    before = {"decision": pair.decision, "person_l": left.person_id, "person_r": right.person_id}
    with transaction.atomic():
        pair.decision = MatchPair.Decision.SAME if same else MatchPair.Decision.DIFFERENT
        pair.decided_by, pair.decided_at = actor, timezone.now()
        pair.save(update_fields=["decision", "decided_by", "decided_at"])
        merged_into = None
        if same and left.person_id and right.person_id and left.person_id != right.person_id:
            keep, gone = sorted((left.person_id, right.person_id))
            SourceRecord.objects.filter(person_id=gone).update(person_id=keep)
            Person.objects.filter(pk=gone).delete()
            _refresh_golden_records(_records_frame(pair.region), persons={keep})
            merged_into = keep
            audit_record(
                actor=actor,
                action="linkage.person_merge",
                obj=Person.objects.get(pk=keep),
                region=pair.region,
                before={"persons": [keep, gone]},
                after={"person": keep},
            )
        audit_record(
            actor=actor,
            action="linkage.review_decide",
            obj=pair,
            region=pair.region,
            before=before,
            after={"decision": pair.decision, "merged_into": merged_into},
        )
    return pair


def person_split(*, actor: User, person: Person, record_ids: list[int]) -> Person:
    """Move `record_ids` out of `person` into a new person, and remember that the two are different."""
    moving = set(record_ids)
    own = set(person.records.values_list("id", flat=True))
    if not moving or not moving < own:
        raise ValidationError("Pilih sebagian baris milik orang ini (tidak semuanya) untuk dipisahkan.")
    with transaction.atomic():
        other = Person.objects.create(region=person.region)
        SourceRecord.objects.filter(id__in=moving).update(person_id=other.pk)
        staying = own - moving
        # Every pair across the two groups is remembered as different people, so linking does not rejoin them.
        for low, high in ((min(a, b), max(a, b)) for a in moving for b in staying):
            MatchPair.objects.update_or_create(
                record_l_id=low,
                record_r_id=high,
                defaults={
                    "region": person.region,
                    "decision": MatchPair.Decision.DIFFERENT,
                    "probability": 0.0,
                    "decided_by": actor,
                    "decided_at": timezone.now(),
                },
            )
        _refresh_golden_records(_records_frame(person.region), persons={person.pk, other.pk})
        audit_record(
            actor=actor,
            action="linkage.person_split",
            obj=person,
            region=person.region,
            before={"person": person.pk, "records": sorted(own)},
            after={
                "person": person.pk,
                "records": sorted(staying),
                "new_person": other.pk,
                "new_records": sorted(moving),
            },
        )
        audit_record(
            actor=actor,
            action="linkage.person_split_from",
            obj=other,
            region=person.region,
            after={"from_person": person.pk, "records": sorted(moving)},
        )
    other.refresh_from_db()
    return other


def _already_covered(region: Region) -> int:
    return Person.objects.filter(region=region, bpjs_status=Person.BpjsStatus.ACTIVE).count()


def _held_submission_ids(region: Region) -> set[int]:
    return set(
        Submission.objects.filter(
            region=region, linkage_held_share__isnull=False, linkage_released_at__isnull=True
        ).values_list("id", flat=True)
    )


def _hold_duplicate_heavy_submissions(new: pl.DataFrame, existing: pl.DataFrame, pairs: pl.DataFrame) -> set[int]:
    """Hold submissions whose new rows mostly repeat existing persons (more than the configured share).

    A list that is largely people Jaring already knows is often last year's list sent again, or a
    list sent by mistake; an administrator looks before it changes the golden records.
    """
    known = existing.get_column("unique_id").implode()
    auto = pairs.filter(pl.col("decision") == AUTO)
    repeating = pl.concat(
        [
            auto.filter(pl.col("unique_id_l").is_in(known)).select(unique_id=pl.col("unique_id_r")),
            auto.filter(pl.col("unique_id_r").is_in(known)).select(unique_id=pl.col("unique_id_l")),
        ]
    ).unique()
    shares = (
        new.select("unique_id", "submission_id")
        .with_columns(repeats=pl.col("unique_id").is_in(repeating.get_column("unique_id").implode()))
        .group_by("submission_id")
        .agg(pl.col("repeats").mean().alias("share"))
        .filter(pl.col("share") > settings.LINKAGE_CIRCUIT_BREAKER_SHARE)
    )
    released = set(
        Submission.objects.filter(
            id__in=shares.get_column("submission_id").to_list(), linkage_released_at__isnull=False
        ).values_list("id", flat=True)
    )
    held = {}
    for submission_id, share in shares.iter_rows():
        if submission_id not in released:
            held[submission_id] = share
    for submission_id, share in held.items():
        Submission.objects.filter(pk=submission_id).update(linkage_held_share=share)
    return set(held)


def submission_release_linkage(*, actor: User, submission: Submission) -> Submission:
    """Let a held submission's rows be linked at the next run."""
    if not submission.linkage_held:
        raise ValidationError("Kiriman ini tidak sedang ditahan.")
    with transaction.atomic():
        submission.linkage_released_by, submission.linkage_released_at = actor, timezone.now()
        submission.save(update_fields=["linkage_released_by", "linkage_released_at"])
        audit_record(
            actor=actor,
            action="linkage.submission_release",
            obj=submission,
            region=submission.region,
            opd=submission.opd,
            after={"held_share": submission.linkage_held_share},
        )
    return submission
