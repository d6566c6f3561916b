import pytest
from django.urls import reverse

from jaring.accounts.services import audit_record

pytestmark = pytest.mark.django_db


def test_the_auditor_sees_their_regions_changes_only(client, personas):
    audit_record(actor=personas.batu_admin, action="test.batu_change", region=personas.batu)
    client.force_login(personas.viewer)
    response = client.get(reverse("accounts:audit_log"))
    assert response.status_code == 200
    assert "Log audit" in response.text
    assert "accounts.user_create" in response.text
    assert "test.batu_change" not in response.text


def test_roles_without_the_capability_are_refused(client, personas):
    client.force_login(personas.operator)
    assert client.get(reverse("accounts:audit_log")).status_code == 403
    client.force_login(personas.bpjs)
    assert client.get(reverse("accounts:audit_log")).status_code == 403


def test_the_administrators_navigation_links_to_it(client, personas):
    client.force_login(personas.admin)
    assert f'href="{reverse("accounts:audit_log")}"' in client.get(reverse("home")).text


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("accounts:audit_log"))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_long_logs_are_paged(client, personas):
    for number in range(60):
        audit_record(actor=None, action=f"test.event_{number}", region=personas.malang)
    client.force_login(personas.admin)
    first = client.get(reverse("accounts:audit_log")).text
    assert "test.event_59" in first and "test.event_0<" not in first
    assert "Halaman 1 dari 2" in first
