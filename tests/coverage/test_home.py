"""Leadership's home shows the registry's real figures as numbers and bars."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_leadership_sees_persons_by_kecamatan_occupation_and_opd(client, personas, persons):
    client.force_login(personas.viewer)
    page = client.get(reverse("home")).text
    assert 'data-testid="figure-persons">3<' in page
    assert 'data-testid="chart-kecamatan"' in page and "Lowokwaru" in page
    assert 'data-testid="chart-opd"' in page and "DINSOS" in page
    assert 'data-testid="chart-occupation"' in page


def test_an_operator_has_no_figures(client, personas, persons):
    client.force_login(personas.operator)
    assert 'data-testid="figures"' not in client.get(reverse("home")).text


def test_the_figures_follow_every_change_of_the_region(client, personas, persons):
    from jaring.linkage.services import link_region
    from tests.linkage.test_link_region import send

    client.force_login(personas.viewer)
    assert 'data-testid="figure-persons">3<' in client.get(reverse("home")).text
    send(
        personas.malang,
        personas.satpol,
        [["3573014406950004", "Dewi Lestari", "04-06-1995", "P", "Dinoyo", "Lowokwaru", None]],
        "satpol.xlsx",
    )
    link_region(actor=None, region=personas.malang)
    assert 'data-testid="figure-persons">4<' in client.get(reverse("home")).text
