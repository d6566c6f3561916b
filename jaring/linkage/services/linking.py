"""Link a region's accepted rows into persons, and BPJS rosters onto those persons."""

import datetime as dt
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
from jaring.bpjs.selectors import (
    already_covered_count,
    roster_latest,
    roster_snapshot_of_file,
    roster_unmatched_frame,
)
from jaring.bpjs.services import RosterResult, roster_apply_matches, roster_read, roster_store
from jaring.core.frames import format_str
from jaring.core.intake.roster import sure_roster_matches
from jaring.core.linkage import (
    AUTO,
    EVIDENCE_COLUMNS,
    MIN_ROWS_TO_TRAIN,
    REVIEW,
    Engine,
    Thresholds,
    apply_remembered_decisions,
    assign_persons,
    default_model,
    link_new_records,
    link_people,
    persons_sharing_nik,
)
from jaring.lib.bulk import insert_frame
from jaring.linkage.models import LinkageModel, MatchPair
from jaring.linkage.selectors import decided_pairs_frame
from jaring.persons.selectors import (
    linkable_records_with_persons_frame,
    persons_count,
    persons_matching_frame,
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


def engine() -> Engine:
    return Engine(memory_limit=settings.LINKAGE_DUCKDB_MEMORY)


def thresholds() -> Thresholds:
    return Thresholds(upper=settings.LINKAGE_UPPER, lower=settings.LINKAGE_LOWER)


def link_region(*, actor: User | None, region: Region, limits: Thresholds | None = None) -> LinkResult:
    """Link the region's accepted rows into persons; only rows not linked yet are compared again.

    The first run trains a model on the region's rows (or, with fewer than MIN_ROWS_TO_TRAIN rows,
    takes the default model trained on synthetic lists) and stores it with what it was trained on.
    """
    if region.level != Region.Level.REGENCY:
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

    held: set[int] = set()
    if incremental:
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
        _apply_latest_roster(region, applied.links.get_column("person_id").unique())
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
    kept = pairs.filter(pl.col("decision").is_in([AUTO, REVIEW]))
    if kept.is_empty():
        return
    evidence = [column for column in EVIDENCE_COLUMNS if column in kept.columns]
    ids = (pl.col("unique_id_l").cast(pl.Int64), pl.col("unique_id_r").cast(pl.Int64))
    frame = kept.select(
        pl.lit(region.code).alias("region_id"),
        pl.min_horizontal(*ids).alias("record_l_id"),
        pl.max_horizontal(*ids).alias("record_r_id"),
        pl.col("match_probability").cast(pl.Float64).alias("probability"),
        pl.col("decision"),
        pl.struct([pl.col(column).alias(column.removeprefix("gamma_")) for column in evidence])
        .struct.json_encode()
        .alias("evidence"),
    ).unique(["record_l_id", "record_r_id"], keep="first", maintain_order=True)
    # A pair stored before (a remembered decision among them) keeps its row as it is.
    insert_frame(MatchPair, frame, skip_existing=True)


def _duplicate_heavy_submissions(new: pl.DataFrame, existing: pl.DataFrame, pairs: pl.DataFrame) -> dict[int, float]:
    """Submissions whose new rows mostly repeat existing persons (more than the configured share).

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
    released = submission_ids_released_for_linkage(ids=shares.get_column("submission_id").to_list())
    return {submission_id: share for submission_id, share in shares.iter_rows() if submission_id not in released}


def roster_import(
    *, actor: User | None, region: Region, file_name: str, data: bytes, as_of: dt.date | None = None
) -> RosterResult:
    """Store a BPJS roster with each participant matched to a person; covered matches become "already covered"."""
    digest = hashlib.sha256(data).hexdigest()
    earlier = roster_snapshot_of_file(region=region, sha256=digest)
    if earlier is not None:
        # Nothing new to store; its entries still unmatched may meet persons linked since.
        roster_apply_matches(
            snapshot=earlier,
            matches=_match_roster(
                region, roster_unmatched_frame(snapshot=earlier), persons_matching_frame(region=region)
            ),
        )
        earlier.refresh_from_db()
        return RosterResult(snapshot=earlier, duplicate_of=earlier)
    as_of = as_of or timezone.localdate()
    entries = roster_read(file_name=file_name, data=data, as_of=as_of)
    return roster_store(
        actor=actor,
        region=region,
        file_name=file_name,
        sha256=digest,
        as_of=as_of,
        entries=entries,
        matches=_match_roster(region, entries, persons_matching_frame(region=region)),
    )


def _apply_latest_roster(region: Region, person_ids: pl.Series) -> None:
    """Match the latest roster's unmatched entries to the persons this run made or changed."""
    snapshot = roster_latest(region=region)
    if snapshot is None or person_ids.is_empty():
        return
    entries = roster_unmatched_frame(snapshot=snapshot)
    if entries.is_empty():
        return
    persons = persons_matching_frame(region=region).filter(pl.col("id").is_in(person_ids.implode()))
    roster_apply_matches(snapshot=snapshot, matches=_match_roster(region, entries, persons))


def _match_roster(region: Region, entries: pl.DataFrame, persons: pl.DataFrame) -> pl.DataFrame:
    """index -> person_id, match_probability: the best automatic match of each roster entry among `persons`."""
    empty = pl.DataFrame(schema={"index": pl.Int64, "person_id": pl.Int64, "match_probability": pl.Float64})
    if persons.is_empty() or entries.is_empty():
        return empty
    # The same birth date and the NIK, or Excel's copy of it, with a close name: no model needed.
    sure = sure_roster_matches(entries.select("index", "nik", "name", "birth_date"), persons)
    entries = entries.join(sure.select("index"), on="index", how="anti")
    if entries.is_empty():
        return sure
    existing = persons.select(pl.exclude("id"), unique_id=format_str("p{}", pl.col("id")))
    roster = entries.select(
        "nik",
        "name",
        "sex",
        "birth_date",
        unique_id=format_str("r{}", pl.col("index")),
        kelurahan_code=pl.lit(None, dtype=pl.String),
        phone=pl.lit(None, dtype=pl.String),
    )
    model = LinkageModel.objects.filter(region=region).first()
    pairs = link_new_records(
        existing, roster, trained=model.settings if model else default_model(), thresholds=Thresholds(), engine=engine()
    )
    cross = (
        pairs.filter(pl.col("decision") == AUTO)
        .with_columns(
            person=pl.when(pl.col("unique_id_l").str.starts_with("p")).then("unique_id_l").otherwise("unique_id_r"),
            entry=pl.when(pl.col("unique_id_l").str.starts_with("r")).then("unique_id_l").otherwise("unique_id_r"),
        )
        .filter(pl.col("person").str.starts_with("p") & pl.col("entry").str.starts_with("r"))
    )
    if cross.is_empty():
        return sure
    scored = (
        cross.sort("match_probability", descending=True)
        .unique("entry", keep="first")
        .select(
            index=pl.col("entry").str.slice(1).cast(pl.Int64),
            person_id=pl.col("person").str.slice(1).cast(pl.Int64),
            match_probability=pl.col("match_probability"),
        )
    )
    return pl.concat([sure, scored.cast(empty.schema)])
