"""Persons of Kota Malang (and one of Kota Batu), linked, for the death-list tests."""

import pytest

from jaring.linkage.services import link_region
from jaring.persons.models import Person
from tests.linkage.test_link_region import send

MALANG_DINSOS = [
    ["3573011508900001", "Ahmad Fauzi", "15-08-1990", "L", "Sumbersari", "Lowokwaru", None],
    ["3573015203850002", "Siti Aminah", "12-03-1985", "P", "Dinoyo", "Lowokwaru", None],
    ["3573012207700003", "Budi Santoso", "22-07-1970", "L", "Tlogomas", "Lowokwaru", None],
]
# The same Siti Aminah with a NIK Excel damaged: her person holds both NIKs.
MALANG_SATPOL = [["3573015203850020", "SITI AMINAH", "12-03-1985", "P", "Dinoyo", "Lowokwaru", None]]
BATU = [["3579011203800001", "Rudi Hartono", "12-03-1980", "L", "Sisir", "Batu", None]]


@pytest.fixture
def persons(personas) -> dict[str, Person]:
    send(personas.malang, personas.dinsos, MALANG_DINSOS, "dinsos.xlsx")
    send(personas.malang, personas.satpol, MALANG_SATPOL, "satpol.xlsx")
    link_region(actor=None, region=personas.malang)
    send(personas.batu, personas.batu_dinsos, BATU, "batu.xlsx")
    link_region(actor=None, region=personas.batu)
    return {person.name: person for person in Person.objects.all()}
