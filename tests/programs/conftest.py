"""Persons of Kota Malang with occupations, birth places and addresses, and a program paying for them."""

import datetime as dt

import pytest

from jaring.core.programs import CoverMonths
from jaring.linkage.services import link_region
from jaring.persons.models import Person
from jaring.programs.services import funding_add, program_create
from jaring.registry.services import submission_import
from tests.files import xlsx_bytes

ON = dt.date(2026, 11, 21)
HEADER = ["NIK", "Nama", "Tempat Lahir", "Tgl Lahir", "JK", "Alamat", "RT", "RW", "Kelurahan", "Kecamatan",
          "Pekerjaan", "No HP"]  # fmt: skip
# Eight workers: one too old and one too young on 1 January 2027, the rest eligible.
ROWS = [
    ["3573011508900001", "Ahmad Fauzi", "Malang", "15-08-1990", "L", "Jl. Bunga Coklat 3", "2", "5", "Sumbersari",
     "Lowokwaru", "petani", "081234567890"],
    ["3573012207700003", "Budi Santoso", "Blitar", "22-07-1970", "L", "Jl. Kalpataru 12", "1", "3", "Tlogomas",
     "Lowokwaru", "ojek online", "081234567891"],
    ["3573015203850002", "Siti Aminah", "Malang", "12-03-1985", "P", "Jl. MT Haryono 9", "4", "2", "Dinoyo",
     "Lowokwaru", "buruh tani", "081234567892"],
    ["3573014406950004", "Dewi Lestari", "Kediri", "04-06-1995", "P", "Jl. Joyo Agung 1", "3", "1", "Merjosari",
     "Lowokwaru", "pemulung", "081234567893"],
    ["3573010101600005", "Slamet Riyadi", "Malang", "01-01-1960", "L", "Jl. Sigura-gura 7", "5", "6", "Sumbersari",
     "Lowokwaru", "penggali makam", "081234567894"],
    ["3573011010120006", "Rizky Pratama", "Malang", "10-10-2012", "L", "Jl. Bendungan Sutami", "2", "2", "Sumbersari",
     "Lowokwaru", "pemulung", ""],
    ["3573012512800007", "Joko Susilo", "Malang", "25-12-1980", "L", "Jl. Gajayana 4", "1", "1", "Dinoyo",
     "Lowokwaru", "ojek", "081234567896"],
    ["3573016305880008", "Wati Ningsih", "Pasuruan", "23-05-1988", "P", "Jl. Candi 2", "6", "4", "Tlogomas",
     "Lowokwaru", "linmas", "081234567897"],
]  # fmt: skip


def send_workers(personas, rows=ROWS, name="dinsos-rentan.xlsx"):
    return submission_import(
        actor=None,
        region=personas.malang,
        source=personas.dinsos.code,
        opd=personas.dinsos,
        file_name=name,
        data=xlsx_bytes({"Data": [HEADER, *rows]}),
        on=ON,
    ).submission


@pytest.fixture
def workers(personas) -> dict[str, Person]:
    send_workers(personas)
    link_region(actor=None, region=personas.malang)
    return {person.name: person for person in Person.objects.filter(region=personas.malang)}


def a_program(personas, *, per_worker_months: int = 12, name: str = "Pekerja rentan 2027", start=dt.date(2027, 1, 1)):
    return program_create(
        actor=personas.admin,
        region=personas.malang,
        name=name,
        budget_year=start.year,
        cover=CoverMonths(start, per_worker_months),
    )


@pytest.fixture
def program(personas, workers):
    """Rp16,800 a month for 12 months is Rp201,600 a worker: DBHCHT pays for two farmers, APBD for three others."""
    program = a_program(personas)
    funding_add(actor=None, program=program, kind="dbhcht", amount=2 * 201_600, categories=["petani"],
                legal_basis="PMK 72/2024")  # fmt: skip
    funding_add(actor=None, program=program, kind="apbd", amount=3 * 201_600 + 100_000, legal_basis="Perwal 1/2027")
    return program
