"""Load BPJS participant rosters and mark the persons BPJS already covers."""

import datetime as dt
import hashlib
from dataclasses import dataclass

import polars as pl
from django.db import transaction
from django.utils import timezone

from jaring.accounts.models import User
from jaring.accounts.services import audit_record
from jaring.bpjs.models import RosterEntry, RosterSnapshot
from jaring.core.headers import ROSTER, detect_layout, extract_rows
from jaring.core.linkage.pipeline import AUTO, Thresholds, default_model, link_new_records
from jaring.core.roster import normalise_roster
from jaring.core.tabular import read_table_file
from jaring.linkage.models import LinkageModel, Person
from jaring.regions.models import Region
from jaring.registry.services import read_limits


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


def roster_import(
    *, actor: User | None, region: Region, file_name: str, data: bytes, as_of: dt.date | None = None
) -> RosterResult:
    """Store a roster and match its participants to persons; covered matches become "already covered"."""
    digest = hashlib.sha256(data).hexdigest()
    earlier = RosterSnapshot.objects.filter(region=region, sha256=digest).first()
    if earlier is not None:
        return RosterResult(snapshot=earlier, duplicate_of=earlier)
    as_of = as_of or timezone.localdate()
    frames = []
    for sheet in read_table_file(data, file_name=file_name, limits=read_limits()):
        frames.append(extract_rows(sheet, detect_layout(sheet, vocabulary=ROSTER)).frame)
    entries = normalise_roster(pl.concat(frames, how="diagonal_relaxed"), on=as_of).with_row_index("index")
    matches = _match_persons(region, entries)
    entries = entries.join(matches, on="index", how="left")

    with transaction.atomic():
        snapshot = RosterSnapshot.objects.create(
            region=region, file_name=file_name, sha256=digest, as_of=as_of, uploaded_by=actor
        )
        RosterEntry.objects.bulk_create(
            [
                RosterEntry(
                    snapshot=snapshot,
                    row=row["row"],
                    kpj=row["kpj"] or "",
                    nik=row["nik"] or "",
                    name=row["name"] or "",
                    birth_date=row["birth_date"],
                    segment=row["segment"] or "",
                    status=row["status"] or "",
                    cover_end=row["cover_end"],
                    covered=bool(row["covered"]),
                    person_id=row["person_id"],
                    match_probability=row["match_probability"],
                )
                for row in entries.iter_rows(named=True)
            ],
            batch_size=5000,
        )
        covered, lapsed = _mark_persons(entries)
        snapshot.counts = {
            "entries": entries.height,
            "matched": entries.filter(pl.col("person_id").is_not_null()).height,
            "active": covered,
            "inactive": lapsed,
            "unmatched": entries.filter(pl.col("person_id").is_null()).height,
            "already_covered": Person.objects.filter(region=region, bpjs_status=Person.BpjsStatus.ACTIVE).count(),
        }
        snapshot.save(update_fields=["counts"])
        audit_record(
            actor=actor,
            action="bpjs.roster_import",
            obj=snapshot,
            region=region,
            after={"file": file_name, "as_of": as_of.isoformat(), **snapshot.counts},
        )
    return RosterResult(snapshot=snapshot)


def _match_persons(region: Region, entries: pl.DataFrame) -> pl.DataFrame:
    """index -> person_id, match_probability: the best automatic match of each roster entry."""
    persons = pl.DataFrame(
        list(
            Person.objects.filter(region=region).values_list(
                "id", "nik", "name", "sex", "birth_date", "kelurahan_code", "phone"
            )
        ),
        schema={
            "id": pl.Int64,
            "nik": pl.String,
            "name": pl.String,
            "sex": pl.String,
            "birth_date": pl.Date,
            "kelurahan_code": pl.String,
            "phone": pl.String,
        },
        orient="row",
    )
    empty = pl.DataFrame(schema={"index": pl.UInt32, "person_id": pl.Int64, "match_probability": pl.Float64})
    if persons.is_empty() or entries.is_empty():
        return empty
    existing = persons.select(
        *[pl.col(name).replace("", None) for name in ("nik", "name", "sex", "kelurahan_code", "phone")],
        pl.col("birth_date"),
        unique_id=pl.format("p{}", pl.col("id")),
    )
    roster = entries.select(
        "nik",
        "name",
        "sex",
        "birth_date",
        unique_id=pl.format("r{}", pl.col("index")),
        kelurahan_code=pl.lit(None, dtype=pl.String),
        phone=pl.lit(None, dtype=pl.String),
    )
    model = LinkageModel.objects.filter(region=region).first()
    pairs = link_new_records(
        existing, roster, trained=model.settings if model else default_model(), thresholds=Thresholds()
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
        return empty
    return (
        cross.sort("match_probability", descending=True)
        .unique("entry", keep="first")
        .select(
            index=pl.col("entry").str.slice(1).cast(pl.UInt32),
            person_id=pl.col("person").str.slice(1).cast(pl.Int64),
            match_probability=pl.col("match_probability"),
        )
    )


def _mark_persons(entries: pl.DataFrame) -> tuple[int, int]:
    """Matched persons take the roster's word: covered (with KPJ and segment) or lapsed."""
    matched = (
        entries.filter(pl.col("person_id").is_not_null())
        .sort("covered", descending=True)
        .unique("person_id", keep="first")
    )
    people = Person.objects.in_bulk(matched.get_column("person_id").to_list())
    covered = lapsed = 0
    for row in matched.iter_rows(named=True):
        person = people[row["person_id"]]
        if row["covered"]:
            person.bpjs_status, covered = Person.BpjsStatus.ACTIVE, covered + 1
        else:
            person.bpjs_status, lapsed = Person.BpjsStatus.INACTIVE, lapsed + 1
        person.kpj, person.bpjs_segment = row["kpj"] or "", row["segment"] or ""
    Person.objects.bulk_update(people.values(), ["bpjs_status", "kpj", "bpjs_segment"], batch_size=2000)
    return covered, lapsed
