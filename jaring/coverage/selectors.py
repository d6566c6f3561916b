"""The figures leadership reads: the registry by kecamatan, occupation and OPD, and who BPJS already covers.

Read from each owning app's selectors; this app stores nothing. The coverage issue adds UCJ and
targets to the same figures.
"""

from dataclasses import dataclass, field
from typing import cast

from django.core.cache import cache
from django.utils.translation import get_language

from jaring.accounts.selectors import latest_audit_event_id
from jaring.accounts.selectors import opd_codes as region_opd_codes
from jaring.bpjs.selectors import already_covered_count
from jaring.core.occupations import occupation_label
from jaring.persons.selectors import persons_by_kecamatan, persons_by_occupation, persons_by_opd, persons_count
from jaring.regions.models import Region
from jaring.regions.selectors import region_children
from jaring.registry.selectors import record_status_counts

TOP = 12  # bars per chart; the rest are summed as "others"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    percent: int  # of the chart's largest bar, for its width


@dataclass
class RegistryFigures:
    persons: int
    already_covered: int
    rows: dict[str, int]
    by_kecamatan: list[Bar] = field(default_factory=list)
    by_occupation: list[Bar] = field(default_factory=list)
    by_opd: list[Bar] = field(default_factory=list)

    @property
    def rows_total(self) -> int:
        return sum(self.rows.values())

    @property
    def not_covered(self) -> int:
        return max(self.persons - self.already_covered, 0)


def registry_figures(*, region: Region, others_label: str, unknown_label: str) -> RegistryFigures:
    """The figures as of the region's last change, computed once per change.

    Counting persons by OPD joins every row to its person (about 2 s for a million rows); every import,
    link, roster and review leaves an audit event, so the newest event's id says whether the figures
    computed before still hold.
    """
    # The labels are in the reader's language, so the language is part of the key.
    key = f"coverage:figures:{region.code}:{latest_audit_event_id(region=region)}:{get_language()}"
    # The cache holds what the callable returned; its API is typed `Any | None`.
    return cast(
        RegistryFigures,
        cache.get_or_set(
            key,
            lambda: _registry_figures(region=region, others_label=others_label, unknown_label=unknown_label),
            timeout=24 * 3600,
        ),
    )


def _registry_figures(*, region: Region, others_label: str, unknown_label: str) -> RegistryFigures:
    kecamatan_names = {child.code: child.name for child in region_children(code=region.code)}
    opd_codes = region_opd_codes(region=region)
    return RegistryFigures(
        persons=persons_count(region=region),
        already_covered=already_covered_count(region=region),
        rows=record_status_counts(region=region),
        by_kecamatan=_bars(
            [(kecamatan_names.get(code, unknown_label), n) for code, n in persons_by_kecamatan(region=region)],
            others_label,
        ),
        by_occupation=_bars(
            [
                (occupation_label(code) if code else unknown_label, n)
                for code, n in persons_by_occupation(region=region)
            ],
            others_label,
        ),
        by_opd=_bars(
            [
                (opd_codes.get(opd_id, unknown_label) if opd_id is not None else unknown_label, n)
                for opd_id, n in persons_by_opd(region=region)
            ],
            others_label,
        ),
    )


def _bars(counts: list[tuple[str, int]], others_label: str) -> list[Bar]:
    counts = sorted(counts, key=lambda item: -item[1])
    shown, rest = counts[:TOP], counts[TOP:]
    if rest:
        shown.append((others_label, sum(n for _label, n in rest)))
    largest = max((n for _label, n in shown), default=0) or 1
    return [Bar(label=label, value=n, percent=round(100 * n / largest)) for label, n in shown]
