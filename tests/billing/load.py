"""Load a synthetic membership (tests/synthetic/invoices.members_frame) as a region's persons and a running
program's active enrolments, in bulk: for the accuracy test and the reconciliation benchmark."""

import datetime as dt

import polars as pl
from django.utils import timezone

from jaring.lib.bulk import insert_frame
from jaring.persons.models import Person
from jaring.persons.services import death_record
from jaring.programs.models import Enrolment, FundingSource, Program
from jaring.regions.models import Region


def running_program(region: Region, *, name: str, start: dt.date, months: int = 12, kind: str = "apbd"):
    program = Program.objects.create(
        region=region,
        name=name,
        budget_year=start.year,
        cover_start=start,
        cover_months=months,
        status=Program.Status.RUNNING,
    )
    source = FundingSource.objects.create(program=program, kind=kind, amount=10**13)
    return program, source


def load_members(region: Region, program: Program, source: FundingSource, members: pl.DataFrame) -> None:
    """One person and one active enrolment (for the program's months, with BPJS's KPJ) per person of `members`."""
    now = timezone.now()
    people = members.unique("person_id", keep="first").sort("person_id")
    insert_frame(
        Person,
        people.select(
            id=pl.col("person_id"),
            region_id=pl.lit(region.code),
            nik="nik",
            name="name",
            birth_date=pl.lit(None, dtype=pl.Date),
            sex=pl.lit(""),
            kelurahan_code=pl.lit(""),
            phone=pl.lit(""),
            occupation=pl.lit(""),
            kecamatan_code=pl.lit(""),
            desil=pl.lit(None, dtype=pl.Int64),
            nik_check=pl.lit(""),
            birth_date_from_nik=pl.lit(False),
            field_sources=pl.lit("{}"),
            created_at=pl.lit(now),
            updated_at=pl.lit(now),
        ),
    )
    blank = {name: pl.lit("") for name in ("rejection_reason", "birth_place", "sex", "address", "kelurahan_code",
                                           "kelurahan", "kecamatan", "occupation", "phone", "end_reason")}  # fmt: skip
    insert_frame(
        Enrolment,
        people.select(
            program_id=pl.lit(program.pk),
            person_id="person_id",
            source_id=pl.lit(source.pk),
            cost=pl.lit(16_800 * program.cover_months),
            cover_start=pl.lit(program.cover_start),
            cover_months=pl.lit(program.cover_months),
            status=pl.lit(Enrolment.Status.ACTIVE),
            kpj="kpj",
            nik="nik",
            name="name",
            birth_date=pl.lit(None, dtype=pl.Date),
            updated_at=pl.lit(now),
            **blank,
        ),
    )


def record_deaths(region: Region, deaths: pl.DataFrame) -> None:
    """The deaths the bill was planted with, recorded as the Disnaker would (a handful)."""
    persons = {person.pk: person for person in Person.objects.filter(pk__in=deaths.get_column("person_id").to_list())}
    for row in deaths.iter_rows(named=True):
        death_record(actor=None, person=persons[row["person_id"]], death_date=row["death_date"], note="surat kematian")
