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
