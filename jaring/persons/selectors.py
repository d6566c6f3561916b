"""Reads of persons: what every later app (programs, enrolment, coverage) calls to find a person."""

from typing import Any, TypedDict

import polars as pl
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, QuerySet
from django.db.models.functions import Substr

from jaring.accounts.models import AuditEvent
from jaring.core.deaths import BY_NIK, BY_RECORD_NIK, CANDIDATES_SCHEMA
from jaring.core.linkage import person_schema, persons_sharing_nik
from jaring.lib.bulk import in_chunks, read_frame
from jaring.persons.models import Death, DeathList, NikConfirmation, NikVerification, Person, PersonRecord
from jaring.regions.models import Region
from jaring.registry.models import SourceRecord
from jaring.registry.selectors import (
    corrected_record_ids,
    linkable_records_frame,
    source_record_export_frame,
    source_records,
)

# The person frames other apps read, each a subset of the core's PERSON_FIELDS.
PERSON_EXPORT_SCHEMA = person_schema(
    "person_id", "nik", "name", "birth_date", "sex", "kelurahan_code", "occupation", source_rows=pl.Int64
)
# The linkage compares persons by `id` (the person's) with the fields of a row.
MATCHING_SCHEMA = {"id": pl.Int64, **person_schema("nik", "name", "sex", "birth_date", "kelurahan_code", "phone")}


def person_get(*, pk: int) -> Person | None:
    return Person.objects.filter(pk=pk).first()


def persons_for_region(*, region: Region) -> QuerySet[Person]:
    return Person.objects.filter(region=region)


def persons_count(*, region: Region) -> int:
    return Person.objects.filter(region=region).count()


def person_records(*, person: Person) -> QuerySet[SourceRecord]:
    """The source rows linked to `person`, with their submission."""
    return source_records(ids=PersonRecord.objects.filter(person=person).values("record_id"))


def person_record_niks(*, person: Person) -> set[str]:
    """The NIKs the person's rows give."""
    return set(person_records(person=person).exclude(nik="").values_list("nik", flat=True))


def person_record_ids(*, person: Person) -> set[int]:
    return set(PersonRecord.objects.filter(person=person).values_list("record_id", flat=True))


def record_person_frame(*, region: Region, person_ids: set[int] | None = None) -> pl.DataFrame:
    """record id -> person_id for every linked row of the region, or of `person_ids` only."""
    links = PersonRecord.objects.filter(region=region)
    if person_ids is not None:
        links = links.filter(person_id__in=person_ids)
    return read_frame(
        links.order_by(),
        {"id": pl.Int64, "person_id": pl.Int64},
        fields={"id": "record_id"},
    )


def persons_sharing_nik_count(*, region: Region) -> int:
    """Persons of the region with a row whose valid NIK, birth date and sex another person's row has too (zero)."""
    return persons_sharing_nik(linkable_records_with_persons_frame(region=region))


def linkable_records_with_persons_frame(*, region: Region) -> pl.DataFrame:
    """The registry's linkable rows of the region with the person each is linked to (null: not yet), in one read."""
    return linkable_records_frame(region=region, extra={"person_id": ("person_link__person_id", pl.Int64)})


def record_person_ids(*, record_ids: list[int]) -> dict[int, int]:
    return dict(PersonRecord.objects.filter(record_id__in=record_ids).values_list("record_id", "person_id"))


def persons_matching_frame(*, region: Region) -> pl.DataFrame:
    """The region's persons with the fields a roster or another list is matched on; blank text is null."""
    frame = read_frame(Person.objects.filter(region=region).order_by(), MATCHING_SCHEMA)
    return frame.with_columns(pl.col(pl.String).replace("", None))


def person_export_frame(*, persons: QuerySet[Person]) -> pl.DataFrame:
    """One row per person, in the column order of `jaring export persons` (before BPJS columns)."""
    rows = persons.annotate(source_rows=Count("record_links")).order_by("id")
    return read_frame(rows, PERSON_EXPORT_SCHEMA, fields={"person_id": "id"})


def record_export_frame(*, records: QuerySet[SourceRecord]) -> pl.DataFrame:
    """`registry`'s export of source rows with the person each row was linked to, as the last column."""
    frame = source_record_export_frame(records=records)
    links = read_frame(
        PersonRecord.objects.filter(record_id__in=records.values("id")).order_by(),
        {"id": pl.Int64, "person_id": pl.Int64},
        fields={"id": "record_id"},
    )
    return frame.join(links, on="id", how="left", maintain_order="left").drop("id")


def persons_by_kecamatan(*, region: Region) -> list[tuple[str, int]]:
    """(kecamatan code, persons) of a region, from each person's kelurahan; "" for persons without one."""
    rows = (
        Person.objects.filter(region=region)
        .annotate(kecamatan=Substr("kelurahan_code", 1, 8))
        .values_list("kecamatan")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    return [(code or "", n) for code, n in rows]


def persons_by_occupation(*, region: Region) -> list[tuple[str, int]]:
    rows = Person.objects.filter(region=region).values_list("occupation").annotate(n=Count("id")).order_by("-n")
    return [(code or "", n) for code, n in rows]


def persons_by_opd(*, region: Region) -> list[tuple[int | None, int]]:
    """(OPD id, persons that OPD listed); a person listed by two OPDs counts for each."""
    rows = (
        PersonRecord.objects.filter(region=region)
        .values_list("record__opd_id")
        .annotate(n=Count("person_id", distinct=True))
        .order_by("-n")
    )
    return list(rows)


PROGRAM_SCHEMA = person_schema(
    "person_id", "nik", "birth_date", "kelurahan_code", "kecamatan_code", "occupation", "desil", "nik_check",
    "birth_date_from_nik",
)  # fmt: skip
ENROLMENT_SCHEMA = person_schema(
    "person_id", "nik", "name", "birth_date", "sex", "kelurahan_code", "occupation", "phone"
)


def person_ids_frame(*, region: Region) -> pl.DataFrame:
    """person_id of every person of the region (persons merged away are gone from it)."""
    return read_frame(
        Person.objects.filter(region=region).order_by(), {"person_id": pl.Int64}, fields={"person_id": "id"}
    )


def persons_program_frame(*, region: Region) -> pl.DataFrame:
    """Every person of the region with what a program's eligibility rules read (one row each)."""
    return read_frame(Person.objects.filter(region=region).order_by(), PROGRAM_SCHEMA, fields={"person_id": "id"})


def confirmed_niks(*, region: Region) -> pl.Series:
    """The NIKs of the region someone compared with the KTP: they need no check (see golden records)."""
    return pl.Series(
        "nik", list(NikConfirmation.objects.filter(region=region).values_list("nik", flat=True)), dtype=pl.String
    )


NIKS_TO_VERIFY_SCHEMA = person_schema("person_id", "nik", "name", "birth_date", "sex")


def niks_to_verify_frame(*, region: Region, person_ids: list[int]) -> pl.DataFrame:
    """Every NIK the persons' rows give that Dukcapil has not answered yet, with the golden name, birth date
    and sex (NIKS_TO_VERIFY_SCHEMA), by person: one list's slip beside another's right NIK is found
    only when both are asked about."""
    frames = [pl.DataFrame(schema=NIKS_TO_VERIFY_SCHEMA)]
    person_fields = {"name": "person__name", "birth_date": "person__birth_date", "sex": "person__sex"}
    for chunk in in_chunks(sorted(set(person_ids))):
        golden = read_frame(
            Person.objects.filter(region=region, pk__in=chunk).exclude(nik="").order_by(),
            NIKS_TO_VERIFY_SCHEMA,
            fields={"person_id": "id"},
        )
        rows = read_frame(
            PersonRecord.objects.filter(region=region, person_id__in=chunk).exclude(record__nik="").order_by(),
            NIKS_TO_VERIFY_SCHEMA,
            fields={"nik": "record__nik", **person_fields},
        )
        frames += [golden, rows]
    asked = NikVerification.objects.filter(region=region).values_list("nik", flat=True)
    return (
        pl.concat(frames)
        .filter(pl.col("nik").str.len_chars() == 16)
        .unique(["person_id", "nik"], keep="first", maintain_order=True)
        .filter(~pl.col("nik").is_in(pl.Series(list(asked), dtype=pl.String).implode()))
        .sort("person_id", maintain_order=True)
    )


def nik_verification_of_file(*, region: Region, sha256: str):
    """When the same Dukcapil answer file was loaded for the region before (the audit keeps it), else None."""
    return (
        AuditEvent.objects.filter(action="persons.nik_verify", region=region, after__sha256=sha256)
        .values_list("at", flat=True)
        .first()
    )


def dukcapil_answers(*, region: Region) -> pl.DataFrame:
    """nik, result: Dukcapil's latest answer on each NIK of the region it was asked about (`core.dukcapil`)."""
    return read_frame(NikVerification.objects.filter(region=region).order_by(), {"nik": pl.String, "result": pl.String})


def nik_verification_counts(*, region: Region) -> dict[str, int]:
    """How many of the region's NIKs Dukcapil answered, by result, and how many persons wait for it."""
    counts = dict(
        NikVerification.objects.filter(region=region)
        .values_list("result")
        .annotate(count=Count("id"))
        .order_by()
        .values_list("result", "count")
    )
    waiting = Person.objects.filter(region=region, nik_check__contains="dukcapil").count()
    return {**{result: counts.get(result, 0) for result in NikVerification.Result.values}, "persons_waiting": waiting}


def nik_confirmation(*, person: Person) -> NikConfirmation | None:
    return (
        NikConfirmation.objects.filter(region_id=person.region_id, nik=person.nik)
        .select_related("confirmed_by")
        .first()
    )


def persons_with_changed_rows(*, region: Region) -> set[int]:
    """Persons of the region one of whose rows changed after their golden record was made (a correction)."""
    # Only corrected rows can be newer than their person: they are found first (one scan of the rows), then
    # their persons by key; as one query the planner may walk every link (seconds at a million rows).
    corrected = list(corrected_record_ids(region=region).values_list("id", flat=True))
    changed: set[int] = set()
    for chunk in in_chunks(corrected):
        changed |= set(
            PersonRecord.objects.filter(
                record_id__in=chunk, record__updated_at__gt=F("person__updated_at")
            ).values_list("person_id", flat=True)
        )
    return changed


def person_ids_with_nik_check(*, region: Region) -> QuerySet:
    """The ids (a subquery) of the region's persons whose NIK must be checked before it goes to BPJS."""
    return Person.objects.filter(region=region).exclude(nik_check="").values("id")


def persons_nik_check_count(*, region: Region) -> int:
    """How many of the region's persons wait for their NIK to be checked."""
    return Person.objects.filter(region=region).exclude(nik_check="").count()


def persons_nik_check_frame(*, region: Region) -> pl.DataFrame:
    """person_id, nik_check of the region's persons whose NIK must be checked before it goes to BPJS."""
    return read_frame(
        Person.objects.filter(region=region).exclude(nik_check="").order_by(),
        {"person_id": pl.Int64, "nik_check": pl.String},
        fields={"person_id": "id"},
    )


ADDRESS_SCHEMA = person_schema("person_id", "birth_place", "street", "rt", "rw")


def persons_enrolment_frame(*, person_ids: list[int]) -> pl.DataFrame:
    """What BPJS needs to register each person: the golden record, plus birth place and street from their rows.

    The golden record keeps no birth place or street; they come from the person's first row that has one.
    A program's selection can hold more persons than one statement takes as parameters: read in chunks.
    """
    ids = sorted(set(person_ids))
    persons, rows = [pl.DataFrame(schema=ENROLMENT_SCHEMA)], [pl.DataFrame(schema=ADDRESS_SCHEMA)]
    for chunk in in_chunks(ids):
        persons.append(
            read_frame(Person.objects.filter(id__in=chunk).order_by(), ENROLMENT_SCHEMA, fields={"person_id": "id"})
        )
        rows.append(
            read_frame(
                PersonRecord.objects.filter(person_id__in=chunk).order_by("record_id"),
                ADDRESS_SCHEMA,
                fields={
                    "birth_place": "record__birth_place",
                    "street": "record__street",
                    "rt": "record__rt",
                    "rw": "record__rw",
                },
            ).with_columns(pl.col(pl.String).replace("", None))
        )
    address = (
        pl.concat(rows)
        .group_by("person_id", maintain_order=True)
        .agg(
            pl.col("birth_place").drop_nulls().first(),
            pl.col("street").drop_nulls().first(),
            pl.col("rt").drop_nulls().first(),
            pl.col("rw").drop_nulls().first(),
        )
    )
    return pl.concat(persons).join(address, on="person_id", how="left")


def person_in_region(*, region: Region, key: str) -> Person | None:
    """A person of the region by NIK (16 digits) or by Jaring's number."""
    key = "".join(key.split())
    if len(key) == 16 and key.isdigit():
        return Person.objects.filter(region=region, nik=key).order_by("id").first()
    if key.removeprefix("#").isdigit():
        return Person.objects.filter(region=region, pk=int(key.removeprefix("#"))).first()
    return None


# --- deaths ------------------------------------------------------------------------------------------

DECEASED_SCHEMA = {"person_id": pl.Int64, "death_date": pl.Date, "source": pl.String}


def deceased_frame(*, region: Region) -> pl.DataFrame:
    """person_id, death_date, source of every person of the region a death list marks deceased; one row each.

    When lists disagree, the earliest date of death wins, with the source of the list that gives it
    (eligibility asks whether a person died before the first day of cover). A death whose person was
    merged into another since follows its NIK to the one person holding it now.
    """
    schema = {"person_id": pl.Int64, "nik": pl.String, "death_date": pl.Date, "source": pl.String}
    fields = {"source": "death_list__source"}
    matched = Death.objects.filter(region=region, outcome=Death.Outcome.MATCHED, death_date__isnull=False).order_by()
    present = Person.objects.filter(pk=OuterRef("person_id"))
    deaths = read_frame(matched.filter(Exists(present)), schema, fields=fields)
    stale = read_frame(matched.exclude(Exists(present)), schema, fields=fields)
    if not stale.is_empty():
        holders = (
            death_candidates_frame(region=region, niks=stale.get_column("nik").unique().to_list())
            .group_by("nik")
            .agg(pl.col("person_id").unique())
            .filter(pl.col("person_id").list.len() == 1)
            .explode("person_id")
        )
        deaths = pl.concat([deaths, stale.drop("person_id").join(holders, on="nik").select(*schema)])
    return (
        deaths.sort("death_date", "source")
        .unique("person_id", keep="first", maintain_order=True)
        .select(*DECEASED_SCHEMA)
        .sort("person_id")
    )


def person_death(*, person: Person) -> Death | None:
    """The death that marks `person` deceased (the earliest, when lists disagree), with its list; None if alive."""
    return (
        Death.objects.filter(person_id=person.pk, outcome=Death.Outcome.MATCHED)
        .select_related("death_list")
        .order_by("death_date", "id")
        .first()
    )


def death_candidates_frame(*, region: Region, niks: list[str]) -> pl.DataFrame:
    """The region's persons holding one of `niks` (`core.deaths.CANDIDATES_SCHEMA`): nik, person_id, name, via.

    A person holds their golden record's NIK (via "nik", with the golden name) and each linked row's
    NIK (via "record_nik", with that row's name): a NIK damaged on one list still finds its person.
    """
    frames = [pl.DataFrame(schema=CANDIDATES_SCHEMA)]
    wanted = sorted({nik for nik in niks if nik})
    for chunk in in_chunks(wanted):
        golden = read_frame(
            Person.objects.filter(region=region, nik__in=chunk).order_by(),
            {"nik": pl.String, "person_id": pl.Int64, "name": pl.String},
            fields={"person_id": "id"},
        )
        rows = read_frame(
            PersonRecord.objects.filter(region=region, record__nik__in=chunk).order_by(),
            {"nik": pl.String, "person_id": pl.Int64, "name": pl.String},
            fields={"nik": "record__nik", "name": "record__name"},
        )
        frames += [golden.with_columns(via=pl.lit(BY_NIK)), rows.with_columns(via=pl.lit(BY_RECORD_NIK))]
    return pl.concat(frames).with_columns(pl.col("name").replace("", None))


def death_list_of_file(*, region: Region, sha256: str) -> DeathList | None:
    """The death list stored from the same file before, if any."""
    return DeathList.objects.filter(region=region, sha256=sha256).first()


DEATHS_TO_MATCH_SCHEMA = {
    "index": pl.Int64,
    "death_list_id": pl.Int64,
    "nik": pl.String,
    "name": pl.String,
    "outcome": pl.String,
    "person_id": pl.Int64,
    "match": pl.String,
    "reason_code": pl.String,
    "reason": pl.String,
}


def deaths_to_match_frame(*, region: Region) -> pl.DataFrame:
    """The region's stored deaths that can be matched (not refused), as they stand; blank text is null."""
    deaths = Death.objects.filter(region=region).exclude(outcome=Death.Outcome.REFUSED).order_by()
    frame = read_frame(deaths, DEATHS_TO_MATCH_SCHEMA, fields={"index": "id"})
    return frame.with_columns(pl.col(pl.String).replace("", None))


def death_outcome_counts(*, death_list_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Per death list: rows, matched, unmatched, check, refused, and the rows not matched per reason code."""
    counts: dict[int, dict[str, Any]] = {
        pk: {"rows": 0, **dict.fromkeys(Death.Outcome.values, 0), "reasons": {}} for pk in death_list_ids
    }
    rows = (
        Death.objects.filter(death_list_id__in=death_list_ids)
        .values_list("death_list_id", "outcome", "reason_code")
        .annotate(n=Count("id"))
        .order_by()
    )
    for death_list_id, outcome, reason_code, n in rows:
        figures = counts[death_list_id]
        figures["rows"] += n
        figures[outcome] = figures.get(outcome, 0) + n
        if reason_code:
            figures["reasons"][reason_code] = figures["reasons"].get(reason_code, 0) + n
    return counts


def death_lists(*, lists: QuerySet[DeathList]) -> QuerySet[DeathList]:
    """Death lists, newest first (pass a queryset already scoped to the user)."""
    return lists.select_related("region", "uploaded_by").order_by("-created_at", "-id")


def death_rows(*, death_list: DeathList, outcomes: list[str] | None = None) -> QuerySet[Death]:
    """The rows of a death list in the file's order, of these outcomes when given."""
    rows = Death.objects.filter(death_list=death_list)
    if outcomes:
        rows = rows.filter(outcome__in=outcomes)
    return rows.order_by("id")


class DeathProblem(TypedDict):
    sheet: str
    row: int
    name: str
    outcome: str
    reason: str


def death_problems(*, death_list: DeathList, limit: int = 100) -> list[DeathProblem]:
    """The first rows of a list that were refused or are to be checked: sheet, row, name, outcome, reason."""
    rows = death_rows(death_list=death_list, outcomes=[Death.Outcome.REFUSED, Death.Outcome.CHECK])
    return list(rows.values("sheet", "row", "name", "outcome", "reason")[:limit])


def nik_correction_rows(*, records: QuerySet[SourceRecord]) -> QuerySet[SourceRecord]:
    """The rows (of `records`, already scoped to the reader) of persons whose NIK must be checked, with the
    person's NIK and why (`person_nik`, `person_nik_check`), in the senders' file order."""
    links = PersonRecord.objects.filter(record_id=OuterRef("pk"))
    return (
        records.filter(id__in=PersonRecord.objects.exclude(person__nik_check="").values("record_id"))
        .annotate(
            person_nik=links.values("person__nik")[:1],
            person_nik_check=links.values("person__nik_check")[:1],
            person_key=links.values("person_id")[:1],
        )
        .select_related("submission")
        .order_by("submission_id", "sheet", "row")
    )


def person_ids_by_nik(*, region: Region, niks: list[str]) -> pl.DataFrame:
    """nik, person_id of the region's persons holding one of `niks` as their golden record's NIK (the lowest id
    when two do)."""
    schema = {"nik": pl.String, "person_id": pl.Int64}
    wanted = sorted(set(niks))
    if connection.vendor == "postgresql" and wanted:
        # One statement with the NIKs as one array parameter: tens of thousands of NIKs from a bill, not
        # tens of thousands of placeholders.
        table = connection.ops.quote_name(Person._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT nik, id FROM {table} WHERE region_id = %s AND nik = ANY(%s)", [region.code, wanted])
            frame = pl.DataFrame(cursor.fetchall(), schema=schema, orient="row")
    else:
        frames = [
            read_frame(Person.objects.filter(region=region, nik__in=list(chunk)), schema, fields={"person_id": "id"})
            for chunk in in_chunks(wanted)
        ]
        frame = pl.concat(frames) if frames else pl.DataFrame(schema=schema)
    return frame.sort("person_id").unique("nik", keep="first").sort("nik")


def person_details_frame(*, region: Region, person_ids: list[int]) -> pl.DataFrame:
    """person_id, nik, name, kecamatan_code (from domicile), occupation of some of the region's persons."""
    schema = {
        "person_id": pl.Int64,
        "nik": pl.String,
        "name": pl.String,
        "kecamatan_code": pl.String,
        "occupation": pl.String,
    }
    frames = [
        read_frame(
            Person.objects.filter(region=region, id__in=list(chunk)).order_by(), schema, fields={"person_id": "id"}
        )
        for chunk in in_chunks(sorted(set(person_ids)))
    ]
    frame = pl.concat(frames) if frames else pl.DataFrame(schema=schema)
    return frame.with_columns(pl.col(pl.String).replace("", None))
