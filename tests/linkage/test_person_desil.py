"""The DTSEN desil of a person on the persons list, the person's page and the list's download."""

import csv
import io

import pytest
from django.urls import reverse

from jaring.lib.listing import DOWNLOAD_PARAM
from jaring.persons.models import Person

pytestmark = pytest.mark.django_db


def test_the_persons_pages_show_the_dtsen_desil_or_a_dash(client, personas):
    poor = Person.objects.create(region=personas.malang, name="AHMAD", nik="3573011508900001", desil=2)
    unknown = Person.objects.create(region=personas.malang, name="BUDI", nik="3573011508900002")
    client.force_login(personas.admin)
    listing = client.get(reverse("coverage:persons")).text
    assert "<th>Desil DTSEN</th>" in listing
    assert '<td data-testid="desil">2</td>' in listing and '<td data-testid="desil">—</td>' in listing
    page = client.get(reverse("coverage:person", args=[poor.pk])).text
    assert '<th>Desil DTSEN</th><td data-testid="desil">2</td>' in page
    page = client.get(reverse("coverage:person", args=[unknown.pk])).text
    assert '<th>Desil DTSEN</th><td data-testid="desil">—</td>' in page

    download = client.get(reverse("coverage:persons"), {DOWNLOAD_PARAM: "csv"})
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    desil = rows[0].index("Desil DTSEN")
    assert sorted(row[desil] for row in rows[1:]) == ["", "2"]
