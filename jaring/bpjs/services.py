"""Store BPJS participant rosters and each matched person's participation (the linkage does the matching)."""

import datetime as dt
import hashlib
from dataclasses import dataclass

import polars as pl
from django.db import transaction
from django.utils import timezone

from jaring.accounts.models import User
from jaring.accounts.services import audit_record
from jaring.bpjs.models import Participation, RosterEntry, RosterSnapshot
from jaring.bpjs.selectors import already_covered_count, roster_snapshot_of_file
from jaring.bpjs.signals import roster_stored
from jaring.core.intake import ROSTER, list_read, normalise_roster
from jaring.lib.bulk import insert_frame, read_frame, update_from_frame
from jaring.lib.spreadsheets import read_limits
from jaring.regions.models import Region

MATCH_SCHEMA = pl.Schema({"index": pl.Int64, "person_id": pl.Int64, "match_probability": pl.Float64})


@dataclass
class RosterResult:
    snapshot: RosterSnapshot
    duplicate_of: RosterSnapshot | None = None

    def to_dict(self) -> dict:
        return {
            "snapshot_id": self.snapshot.pk,
            "duplicate_of": self.duplicate_of.pk if self.duplicate_of else None,
            **self.snapshot.counts,
        }


def roster_read(*, file_name: str, data: bytes, as_of: dt.date) -> pl.DataFrame:
    """The roster's participants, normalised (`core.intake.roster`), numbered by `index`; nothing is stored."""
    rows = list_read(file_name=file_name, data=data, limits=read_limits(), vocabulary=ROSTER).frame
    return normalise_roster(rows, on=as_of).with_row_index("index")


def roster_import(
    *, actor: User | None, region: Region, file_name: str, data: bytes, as_of: dt.date | None = None
) -> RosterResult:
    """Store a BPJS roster, then let the linkage match its entries to persons (`roster_stored`); audited.

    The same file again stores nothing; its entries still unmatched meet the persons linked since.
    Raises FileRejected (storing nothing) for a file that cannot be read.
    """
    digest = hashlib.sha256(data).hexdigest()
    earlier = roster_snapshot_of_file(region=region, sha256=digest)
    if earlier is not None:
        with transaction.atomic():
            roster_stored.send(sender=RosterSnapshot, snapshot=earlier)
        earlier.refresh_from_db()
        return RosterResult(snapshot=earlier, duplicate_of=earlier)
    as_of = as_of or timezone.localdate()
    entries = roster_read(file_name=file_name, data=data, as_of=as_of)
    with transaction.atomic():
        snapshot = RosterSnapshot.objects.create(
            region=region, file_name=file_name, sha256=digest, as_of=as_of, uploaded_by=actor
        )
        insert_frame(
            RosterEntry,
            entries.select(
                pl.lit(snapshot.pk).alias("snapshot_id"),
                pl.col("row").cast(pl.Int64),
                *[pl.col(name).fill_null("") for name in ("kpj", "nik", "name", "segment", "status")],
                "birth_date",
                "cover_end",
                pl.col("covered").fill_null(False),
            ),
        )
        snapshot.counts = _roster_counts(snapshot, region=region)
        snapshot.save(update_fields=["counts"])
        # The linkage matches the entries to persons (roster_apply_matches) before the audit counts them.
        roster_stored.send(sender=RosterSnapshot, snapshot=snapshot)
        snapshot.refresh_from_db()
        audit_record(
            actor=actor,
            action="bpjs.roster_import",
            obj=snapshot,
            region=region,
            after={"file": file_name, "as_of": as_of.isoformat(), **snapshot.counts},
        )
    return RosterResult(snapshot=snapshot)


def roster_apply_matches(*, snapshot: RosterSnapshot, matches: pl.DataFrame) -> int:
    """Record persons found later for entries of a stored roster (index = entry id); returns how many.

    A roster is applied whatever the order of work: imported before the lists were linked, its
    entries wait unmatched, and every link run matches them to the persons it made or changed.
    """
    matches = matches.cast(MATCH_SCHEMA).filter(pl.col("person_id").is_not_null())
    if matches.is_empty():
        return 0
    with transaction.atomic():
        update_from_frame(RosterEntry, matches.rename({"index": "id"}), key="id")
        entries = read_frame(
            RosterEntry.objects.filter(id__in=matches.get_column("index").to_list()).order_by(),
            {"person_id": pl.Int64, "kpj": pl.String, "segment": pl.String, "covered": pl.Boolean},
        )
        region = snapshot.region
        _participation_from(entries, region=region, snapshot=snapshot)
        snapshot.counts = {**snapshot.counts, **_roster_counts(snapshot, region=region)}
        snapshot.save(update_fields=["counts"])
    return matches.height


def _participation_from(entries: pl.DataFrame, *, region: Region, snapshot: RosterSnapshot) -> None:
    """Matched persons take the roster's word: active (with KPJ and segment) or inactive."""
    participation = (
        entries.filter(pl.col("person_id").is_not_null())
        .sort("covered", descending=True)
        .unique("person_id", keep="first")
        .select(
            "person_id",
            region_id=pl.lit(region.code),
            status=pl.when(pl.col("covered"))
            .then(pl.lit(Participation.Status.ACTIVE.value))
            .otherwise(pl.lit(Participation.Status.INACTIVE.value)),
            kpj=pl.col("kpj").fill_null(""),
            segment=pl.col("segment").fill_null(""),
            as_of=pl.lit(snapshot.as_of),
            snapshot_id=pl.lit(snapshot.pk),
        )
    )
    Participation.objects.filter(person_id__in=participation.get_column("person_id").to_list()).delete()
    insert_frame(Participation, participation)


def _roster_counts(snapshot: RosterSnapshot, *, region: Region) -> dict:
    entries = RosterEntry.objects.filter(snapshot=snapshot)
    matched = entries.filter(person__isnull=False)
    standing = Participation.objects.filter(snapshot=snapshot)
    return {
        "entries": entries.count(),
        "matched": matched.count(),
        "active": standing.filter(status=Participation.Status.ACTIVE).count(),
        "inactive": standing.filter(status=Participation.Status.INACTIVE).count(),
        "unmatched": entries.filter(person__isnull=True).count(),
        "already_covered": already_covered_count(region=region),
    }
