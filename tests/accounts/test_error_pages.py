"""A page that does not exist, or a form's address opened as a page, says so in the user's language."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_missing_or_other_regions_record_gets_an_indonesian_page(client, personas):
    client.force_login(personas.admin)
    response = client.get(reverse("coverage:person", args=[999_999]))
    assert response.status_code == 404 and 'data-testid="not-found"' in response.text
    assert "Halaman ini tidak ada" in response.text and "No Person matches" not in response.text


def test_a_forms_address_opened_as_a_page_says_what_to_do(client, personas):
    client.force_login(personas.admin)
    response = client.get(reverse("linkage:link"))
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert 'data-testid="method-not-allowed"' in response.text and "Kembali ke beranda" in response.text
