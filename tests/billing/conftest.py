"""An approved program with five active enrolments (KPJs from BPJS), a second administrator as checker,
and BPJS's bill for it written as the branch writes one."""

import datetime as dt

import pytest

from jaring.accounts.roles import Role
from jaring.accounts.services import user_create
from jaring.programs.models import Enrolment, FundingSource, Program
from tests.conftest import PASSWORD
from tests.files import xlsx_bytes
from tests.programs.conftest import program, workers  # noqa: F401  (fixtures)

JAN = dt.date(2027, 1, 1)
HEADER = ["NO", "NO KPJ", "NIK", "NAMA PESERTA", "PERIODE", "IURAN JKK", "IURAN JKM", "IURAN JHT", "TOTAL IURAN"]


@pytest.fixture
def checker(personas):
    return user_create(
        actor=None, username="bendahara", password=PASSWORD, role=Role.DISNAKER_ADMIN, region=personas.malang
    )


@pytest.fixture
def enrolled(program, workers):  # noqa: F811  (the fixtures imported above)
    """Ahmad and Siti paid by DBHCHT, Budi, Dewi and Joko by APBD: twelve months from January 2027."""
    program.status = Program.Status.RUNNING
    program.save(update_fields=["status"])
    dbhcht, apbd = FundingSource.objects.filter(program=program).order_by("id")
    chosen = {
        "Ahmad Fauzi": (dbhcht, "10000000001"),
        "Siti Aminah": (dbhcht, "10000000002"),
        "Budi Santoso": (apbd, "10000000003"),
        "Dewi Lestari": (apbd, "10000000004"),
        "Joko Susilo": (apbd, "10000000005"),
    }
    for name, (source, kpj) in chosen.items():
        person = workers[name.upper()]
        Enrolment.objects.create(
            program=program,
            person_id=person.pk,
            source=source,
            cost=201_600,
            cover_start=JAN,
            cover_months=12,
            status=Enrolment.Status.ACTIVE,
            kpj=kpj,
            nik=person.nik,
            name=person.name,
            occupation=person.occupation,
        )
    return {name: workers[name.upper()] for name in chosen}


def bill(rows, *, total: int | None = None, period: str = "JANUARI 2027") -> bytes:
    """A bill as the branch writes it: title rows, the header, lines, a TOTAL row and a signature."""
    lines = [[n, *row] for n, row in enumerate(rows, start=1)]
    stated = sum(
        int(str(row[-1]).replace(".", "")) for row in rows if str(row[-1]).lstrip("-").replace(".", "").isdigit()
    )
    return xlsx_bytes(
        {
            "Tagihan": [
                ["BPJS KETENAGAKERJAAN KANTOR CABANG MALANG"],
                ["TAGIHAN IURAN PESERTA BUKAN PENERIMA UPAH"],
                ["KODE WADAH : SG-3573-0001"],
                [f"PERIODE : {period}"],
                [],
                HEADER,
                *lines,
                ["TOTAL", None, None, None, None, None, None, None, total if total is not None else stated],
                [],
                ["Malang, 05 Februari 2027"],
            ]
        }
    )


def line(person, kpj, *, month="2027-01", jkk=10_000, jkm=6_800, jht=0):
    return [kpj, person.nik if hasattr(person, "nik") else person, getattr(person, "name", "X").upper(), month,
            jkk, jkm, jht, jkk + jkm + jht]  # fmt: skip
