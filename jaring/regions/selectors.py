"""Reads of the region hierarchy."""

from django.db.models import Count, QuerySet

from jaring.core.regions import region_name_key
from jaring.regions.models import Region


def region_get(*, code: str) -> Region | None:
    return Region.objects.filter(code=code.strip()).first()


def region_names(*, codes: set[str] | list[str]) -> dict[str, str]:
    """code -> name of the regions among `codes` (unknown codes are left out)."""
    return dict(Region.objects.filter(code__in=list(codes)).values_list("code", "name"))


def region_children(*, code: str | None) -> QuerySet[Region]:
    """Direct children of `code`; with no code, the provinces."""
    if code is None:
        return Region.objects.filter(parent__isnull=True)
    return Region.objects.filter(parent_id=code)


def region_descendants(*, code: str, include_self: bool = False) -> QuerySet[Region]:
    """Every region below `code` at any depth."""
    below = Region.objects.filter(code__startswith=f"{code}.")
    return below | Region.objects.filter(code=code) if include_self else below


def region_find_by_name(*, parent_code: str | None, name: str) -> list[Region]:
    """Children of `parent_code` named `name`, ignoring case, spacing and "Kab."/"Kec." prefixes.

    A bare "Malang" under Jawa Timur matches both Kabupaten Malang and Kota Malang; both are
    returned so the caller can ask which one was meant.
    """
    key = region_name_key(name)
    if not key:
        return []
    children = region_children(code=parent_code)
    exact = list(children.filter(name_key=key))
    if exact:
        return exact
    return list(children.filter(name_key__in=[f"kabupaten{key}", f"kota{key}"]))


def region_level_counts() -> dict[int, int]:
    counts = dict.fromkeys(Region.Level.values, 0)
    rows = Region.objects.order_by().values("level").annotate(count=Count("code"))
    counts.update({row["level"]: row["count"] for row in rows})
    return counts
