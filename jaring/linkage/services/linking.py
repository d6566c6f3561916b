"""Link a region's accepted rows into persons (BPJS rosters are matched onto them in `roster`)."""

import hashlib
import time
from dataclasses import dataclass

import polars as pl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from jaring.accounts.models import User
from jaring.accounts.services import audit_record
from jaring.bpjs.selectors import (
    already_covered_count,
)
from jaring.core.frames import format_str
from jaring.core.linkage import (
    AUTO,
    MIN_ROWS_TO_TRAIN,
    REVIEW,
    Thresholds,
    apply_remembered_decisions,
    assign_persons,
    default_model,
    duplicate_heavy_submissions,
    link_new_records,
    link_people,
    pairs_to_store,
    persons_sharing_nik,
)
from jaring.lib.bulk import insert_frame
from jaring.linkage.models import LinkageModel, MatchPair
from jaring.linkage.selectors import decided_pairs_frame
from jaring.linkage.services.limits import engine, thresholds
from jaring.linkage.services.roster import roster_match_latest
from jaring.persons.selectors import (
    linkable_records_with_persons_frame,
    persons_count,
    persons_with_changed_rows,
)
from jaring.persons.services import deaths_match, persons_apply_clusters, persons_refresh
from jaring.regions.models import Region
from jaring.registry.selectors import (
    submission_ids_held_for_linkage,
    submission_ids_released_for_linkage,
)
from jaring.registry.services import submissions_hold_for_linkage


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
    persons_sharing_nik: int = 0  # a check (zero): persons whose valid NIK, birth date and sex another has too

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
            "persons_sharing_nik": self.persons_sharing_nik,
        }


def link_region(*, actor: User | None, region: Region, limits: Thresholds | None = None) -> LinkResult:
    """Link the region's accepted rows into persons; only rows not linked yet are compared again.

    The first run trains a model on the region's rows (or, with fewer than MIN_ROWS_TO_TRAIN rows,
    takes the default model trained on synthetic lists) and stores it with what it was trained on.
    """
    if not region.is_regency:
        raise ValidationError(
            f"Penautan berjalan per kabupaten/kota; {region.code} ({region.name}) bukan kabupaten/kota."
        )
    limits = limits or thresholds()
    started = time.perf_counter()
    records = _records_frame(region)
    model = LinkageModel.objects.filter(region=region).first()
    new = records.filter(pl.col("person_id").is_null())
    incremental = model is not None and new.height < records.height
    # Rows of submissions the circuit breaker holds wait until an administrator releases them.
    held_before = submission_ids_held_for_linkage(region=region)
    new = new.filter(~pl.col("submission_id").is_in(list(held_before)))
    if new.is_empty():
        with transaction.atomic():
            _refresh_corrected(actor, region)
        return LinkResult(
            persons=persons_count(region=region),
            new_persons=0,
            auto_links=0,
            review_pairs=0,
            already_covered=already_covered_count(region=region),
            seconds=time.perf_counter() - started,
            incremental=True,
            held_submissions=len(held_before),
            persons_sharing_nik=persons_sharing_nik(records.select("nik", "birth_date", "sex", "person_id")),
        )

    held: dict[int, float] = {}  # submission id -> its share of rows repeating known persons
    if incremental:
        assert model is not None  # incremental implies a stored model
        existing = records.filter(pl.col("person_id").is_not_null())
        pairs = link_new_records(existing, new, trained=model.settings, thresholds=limits, engine=engine())
        settings_to_store = None
        held = _duplicate_heavy_submissions(new, existing, pairs)
        if held:
            waiting = new.filter(pl.col("submission_id").is_in(list(held))).get_column("unique_id").implode()
            new = new.filter(~pl.col("unique_id").is_in(waiting))
            pairs = pairs.filter(~pl.col("unique_id_l").is_in(waiting) & ~pl.col("unique_id_r").is_in(waiting))
    else:
        trained = default_model() if records.height < MIN_ROWS_TO_TRAIN else None
        result = link_people(records, thresholds=limits, trained=trained, engine=engine())
        pairs, settings_to_store = result.pairs, result.model
    pairs = apply_remembered_decisions(pairs, decided_pairs_frame(region=region))
    assignments = assign_persons(
        new=new.select("id"), known=records.filter(pl.col("person_id").is_not_null()), pairs=pairs
    )

    with transaction.atomic():
        if settings_to_store is not None:
            fingerprint = hashlib.sha256(",".join(sorted(records["unique_id"].to_list())).encode()).hexdigest()
            LinkageModel.objects.create(
                region=region,
                settings=settings_to_store,
                trained_on_records=records.height,
                trained_on_fingerprint=fingerprint,
            )
        if held:
            submissions_hold_for_linkage(shares=held)
        applied = persons_apply_clusters(region=region, records=records, assignments=assignments)
        linked = records.select("id", "nik", "birth_date", "sex", "person_id").join(
            applied.links.select(id="record_id", new_person_id="person_id"), on="id", how="left"
        )
        roster_match_latest(region=region, person_ids=applied.links.get_column("person_id").unique())
        _store_pairs(region, pairs)
        link_result = LinkResult(
            persons=persons_count(region=region),
            new_persons=applied.new_persons,
            auto_links=pairs.filter(pl.col("decision") == AUTO).height,
            review_pairs=pairs.filter(pl.col("decision") == REVIEW).height,
            already_covered=already_covered_count(region=region),
            seconds=time.perf_counter() - started,
            incremental=incremental,
            held_submissions=len(held),
            persons_sharing_nik=persons_sharing_nik(
                linked.select("nik", "birth_date", "sex", person_id=pl.coalesce("new_person_id", "person_id"))
            ),
        )
        audit_record(actor=actor, action="linkage.link_region", region=region, after=link_result.to_dict())
        _refresh_corrected(actor, region)
    return link_result


def _refresh_corrected(actor: User | None, region: Region) -> None:
    """What a link run settles besides new rows: persons whose rows were corrected since (a NIK fixed from
    the correction list) get their golden records rebuilt, and deaths find the persons made or merged."""
    persons_refresh(region=region, person_ids=persons_with_changed_rows(region=region))
    deaths_match(actor=actor, region=region)


def _records_frame(region: Region) -> pl.DataFrame:
    """The region's linkable rows with the person each was linked to (null: not yet), as the pipeline reads them."""
    records = linkable_records_with_persons_frame(region=region)
    return records.with_columns(
        unique_id=pl.col("id").cast(pl.String),
        rt_rw=pl.when(pl.col("rt").is_not_null() & pl.col("rw").is_not_null()).then(format_str("{}/{}", "rt", "rw")),
    )


def _store_pairs(region: Region, pairs: pl.DataFrame) -> None:
    """Keep auto and review pairs, with the evidence behind the score, for the review queue."""
    frame = pairs_to_store(pairs, region_code=region.code)
    if frame.is_empty():
        return
    # A pair stored before (a remembered decision among them) keeps its row as it is.
    insert_frame(MatchPair, frame, skip_existing=True)


def _duplicate_heavy_submissions(new: pl.DataFrame, existing: pl.DataFrame, pairs: pl.DataFrame) -> dict[int, float]:
    """Submissions the circuit breaker holds (`core.linkage.duplicate_heavy_submissions`), unless released."""
    shares = duplicate_heavy_submissions(new, existing, pairs, share=settings.LINKAGE_CIRCUIT_BREAKER_SHARE)
    released = submission_ids_released_for_linkage(ids=list(shares))
    return {submission_id: share for submission_id, share in shares.items() if submission_id not in released}
