"""Reads of BPJS data: rosters and each person's participation."""

import polars as pl
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jaring.bpjs.models import Participation, RosterEntry, RosterSnapshot
from jaring.lib.bulk import read_frame
from jaring.regions.models import Region

NOT_FOUND = _("Not found at BPJS")
NO_ROSTER_YET = _("Not checked: no BPJS roster loaded yet")


def roster_snapshot_of_file(*, region: Region, sha256: str) -> RosterSnapshot | None:
    """The roster stored from the same file before, if any."""
    return RosterSnapshot.objects.filter(region=region, sha256=sha256).first()


def roster_latest(*, region: Region) -> RosterSnapshot | None:
    """The roster BPJS sent last for the region (by the day it describes)."""
    return RosterSnapshot.objects.filter(region=region).first()


def roster_unmatched_frame(*, snapshot: RosterSnapshot) -> pl.DataFrame:
    """The entries of a roster matched to no person yet: index (the entry's id), nik, name, birth_date, sex."""
    frame = read_frame(
        RosterEntry.objects.filter(snapshot=snapshot, person__isnull=True).order_by(),
        {"index": pl.Int64, "nik": pl.String, "name": pl.String, "birth_date": pl.Date},
        fields={"index": "id"},
    )
    # The roster keeps no sex column; a valid NIK carries it (day of birth + 40 for women).
    day = pl.col("nik").str.slice(6, 2).cast(pl.Int32, strict=False)
    return frame.with_columns(
        pl.col("nik", "name").replace("", None),
        sex=pl.when(pl.col("nik").str.len_chars() == 16).then(
            pl.when(day > 40).then(pl.lit("P")).otherwise(pl.lit("L"))
        ),
    )


def already_covered_count(*, region: Region) -> int:
    """Persons of the region that BPJS lists as active participants."""
    return Participation.objects.filter(region=region, status=Participation.Status.ACTIVE).count()


def participation_of(*, person_id: int) -> Participation | None:
    return Participation.objects.filter(person_id=person_id).first()


def participations_by_person(*, person_ids: list[int]) -> dict[int, Participation]:
    return Participation.objects.in_bulk(person_ids)


def participation_label(participation: Participation | None, *, roster_loaded: bool = True) -> str:
    """The BPJS status of a person as pages and files show it; before any roster, nobody is "not found"."""
    if participation is not None:
        return participation.get_status_display()
    return str(NOT_FOUND if roster_loaded else NO_ROSTER_YET)


def roster_loaded(*, region: Region | None) -> bool:
    """Whether BPJS's roster was ever loaded for the region (a province or no region: taken as yes)."""
    if region is None or not region.is_regency:
        return True
    return RosterSnapshot.objects.filter(region=region).exists()


def covered_niks(*, region: Region) -> pl.Series:
    """The NIKs the region's latest roster says BPJS covers today, whichever person of Jaring holds them: a
    person split off another keeps the NIK BPJS already covers though the roster matched the other one."""
    snapshot = roster_latest(region=region)
    if snapshot is None:
        return pl.Series("nik", [], dtype=pl.String)
    niks = RosterEntry.objects.filter(snapshot=snapshot, covered=True).exclude(nik="").values_list("nik", flat=True)
    return pl.Series("nik", list(niks), dtype=pl.String)


def participation_frame(*, region_code: str | None = None) -> pl.DataFrame:
    """person_id, bpjs_status, kpj of every person BPJS names, within a region code when given."""
    participations = Participation.objects.order_by()
    if region_code:
        participations = participations.filter(
            Q(region__code=region_code) | Q(region__code__startswith=f"{region_code}.")
        )
    return read_frame(
        participations,
        {"person_id": pl.Int64, "bpjs_status": pl.String, "kpj": pl.String},
        fields={"bpjs_status": "status"},
    )


def roster_snapshots(*, snapshots):
    """A region's rosters, newest position first (pass a queryset already scoped to the user)."""
    return snapshots.select_related("region", "uploaded_by").order_by("-as_of", "-id")


def roster_unmatched_entries(*, snapshot: RosterSnapshot):
    """The entries of a roster that match no person in Jaring, in the file's order."""
    return RosterEntry.objects.filter(snapshot=snapshot, person__isnull=True).order_by("row")
