"""Load a synthetic membership (tests/synthetic/invoices.members_frame) as a region's persons and a running
program's active enrolments, in bulk: for the accuracy test and the reconciliation benchmark."""

import datetime as dt
import hashlib

import polars as pl
from django.utils import timezone

from jaring.lib.bulk import insert_frame
from jaring.persons.models import Death, DeathList, Person
from jaring.persons.signals import deaths_changed
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
    """The deaths the bill was planted with, as one matched death list (Dukcapil's), stored in bulk; then what
    storing deaths sets off: the enrolments of the dead end."""
    death_list = DeathList.objects.create(
        region=region,
        file_name="kematian.xlsx",
        sha256=hashlib.sha256(str(deaths.to_dicts()).encode()).hexdigest(),
        source="Dukcapil",
        counts={"rows": deaths.height, "matched": deaths.height},
    )
    insert_frame(
        Death,
        deaths.with_row_index("row", offset=1).select(
            region_id=pl.lit(region.code),
            death_list_id=pl.lit(death_list.pk),
            sheet=pl.lit(""),
            row=pl.col("row").cast(pl.Int64),
            nik_text="nik",
            nik="nik",
            name=pl.lit(""),
            death_date="death_date",
            death_date_text=pl.col("death_date").dt.strftime("%d-%m-%Y"),
            note=pl.lit(""),
            raw=pl.lit(""),
            person_id="person_id",
            match=pl.lit("nik"),
            outcome=pl.lit(Death.Outcome.MATCHED),
            reason_code=pl.lit(""),
            reason=pl.lit(""),
        ),
    )
    deaths_changed.send(sender=Death, region=region, person_ids=None)
