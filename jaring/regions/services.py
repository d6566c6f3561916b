"""Writes to the region hierarchy."""

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from jaring.accounts.services import audit_record
from jaring.core import regions as kemendagri
from jaring.regions.models import Region
from jaring.regions.selectors import region_level_counts

_BATCH_SIZE = 5_000
_COMPARED_FIELDS = ("name", "name_key", "level", "type", "parent_id", "postal_code")


@dataclass
class RegionLoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Codes in the database that the source no longer has; kept, because people and programs may
    # point at them, and reported so an administrator can look.
    obsolete: list[str] = field(default_factory=list)
    levels: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "obsolete": self.obsolete,
            "levels": {str(level): count for level, count in self.levels.items()},
            "seconds": round(self.seconds, 2),
        }


def region_load(*, rows: Iterable[kemendagri.RegionRow] | None = None, only: str | None = None) -> RegionLoadResult:
    """Bring the Region table in line with the Kemendagri decree, in bulk; running it twice changes nothing.

    `only` restricts the load to one region and everything below it (plus its ancestors, so the
    tree stays whole), which keeps test databases small. An unknown `only` loads nothing.
    """
    started = time.perf_counter()
    if rows is None:
        rows = kemendagri.iter_region_rows(under=only)
    wanted = [_region_from_row(row) for row in rows]
    wanted.sort(key=lambda region: region.level)  # parents are written before their children

    existing = {values[0]: values[1:] for values in Region.objects.values_list("code", *_COMPARED_FIELDS)}
    result = RegionLoadResult()
    to_create, to_update = [], []
    for region in wanted:
        current = existing.get(region.code)
        if current is None:
            to_create.append(region)
        elif current != tuple(getattr(region, name) for name in _COMPARED_FIELDS):
            to_update.append(region)
        else:
            result.unchanged += 1
    wanted_codes = {region.code for region in wanted}
    if not only:
        result.obsolete = sorted(set(existing) - wanted_codes)

    with transaction.atomic():
        Region.objects.bulk_create(to_create, batch_size=_BATCH_SIZE)
        Region.objects.bulk_update(to_update, _COMPARED_FIELDS, batch_size=_BATCH_SIZE)
        result.created, result.updated = len(to_create), len(to_update)
        if to_create or to_update:
            audit_record(
                actor=None,
                action="regions.load",
                after={"created": result.created, "updated": result.updated, "source": kemendagri.DECREE},
            )
    result.levels = region_level_counts()
    result.seconds = time.perf_counter() - started
    return result


def _region_from_row(row: kemendagri.RegionRow) -> Region:
    return Region(
        code=row.code,
        name=row.name,
        name_key=kemendagri.region_name_key(row.name),
        level=row.level,
        type=row.type,
        parent_id=row.parent_code,
        postal_code=row.postal_code or "",
    )
