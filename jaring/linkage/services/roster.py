"""Match BPJS rosters onto persons: a roster bpjs stored, and the latest one again after each link run."""

import polars as pl

from jaring.bpjs.models import RosterSnapshot
from jaring.bpjs.selectors import roster_latest, roster_unmatched_frame
from jaring.bpjs.services import roster_apply_matches
from jaring.core.linkage import Thresholds, default_model, match_roster
from jaring.linkage.models import LinkageModel
from jaring.linkage.services.limits import engine
from jaring.persons.selectors import persons_matching_frame
from jaring.regions.models import Region


def roster_match(*, snapshot: RosterSnapshot, person_ids: pl.Series | None = None) -> int:
    """Match a stored roster's entries still unmatched to the region's persons (or only `person_ids`):
    read -> core -> write. Returns how many entries found their person."""
    entries = roster_unmatched_frame(snapshot=snapshot)
    if entries.is_empty():
        return 0
    persons = persons_matching_frame(region=snapshot.region)
    if person_ids is not None:
        persons = persons.filter(pl.col("id").is_in(person_ids.implode()))
    model = LinkageModel.objects.filter(region=snapshot.region).first()
    matches = match_roster(
        entries,
        persons,
        trained=model.settings if model else default_model(),
        thresholds=Thresholds(),
        engine=engine(),
    )
    return roster_apply_matches(snapshot=snapshot, matches=matches)


def roster_match_latest(*, region: Region, person_ids: pl.Series) -> None:
    """Match the latest roster's unmatched entries to the persons a link run made or changed."""
    snapshot = roster_latest(region=region)
    if snapshot is None or person_ids.is_empty():
        return
    roster_match(snapshot=snapshot, person_ids=person_ids)
