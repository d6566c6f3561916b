"""Persons of Kota Malang, linked, for the roster tests (and the leadership figures)."""

import pytest

from jaring.linkage.services import link_region
from jaring.registry.models import SourceRecord
from tests.linkage.test_link_region import send
from tests.people import person_of


def send_lists(personas):
    send(
        personas.malang,
        personas.dinsos,
        [
            ["3573011508900001", "Ahmad Fauzi", "15-08-1990", "L", "Sumbersari", "Lowokwaru", None],
            ["3573012207700003", "Budi Santoso", "22-07-1970", "L", "Tlogomas", "Lowokwaru", None],
            ["3573015203850002", "Siti Aminah", "12-03-1985", "P", "Dinoyo", "Lowokwaru", None],
        ],
        "dinsos.xlsx",
    )


@pytest.fixture
def persons(personas):
    send_lists(personas)
    link_region(actor=None, region=personas.malang)
    return {record.name: person_of(record) for record in SourceRecord.objects.all()}
