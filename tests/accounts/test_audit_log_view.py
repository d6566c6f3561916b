import re

import pytest
from django.urls import reverse

from jaring.accounts.services import audit_record

pytestmark = pytest.mark.django_db


def test_the_auditor_sees_their_regions_changes_only(client, personas):
    audit_record(
        actor=personas.batu_admin,
        action="registry.submission_import",
        region=personas.batu,
        after={"file": "batu.xlsx"},
    )
    client.force_login(personas.viewer)
    response = client.get(reverse("accounts:audit_log"))
    assert response.status_code == 200
    assert "Log audit" in response.text
    assert "Akun dibuat" in response.text and "Nama pengguna: operator" in response.text
    assert "batu.xlsx" not in response.text
    # Words, not the machine's codes and structures (codes stay only as the filter's option values).
    shown = re.sub(r'value="[^"]*"', "", response.text)
    assert "accounts.user_create" not in shown and "{&#x27;" not in shown


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
        audit_record(
            actor=None, action="registry.submission_import", region=personas.malang, after={"file": f"d{number}.xlsx"}
        )
    client.force_login(personas.admin)
    first = client.get(reverse("accounts:audit_log")).text
    assert "d59.xlsx" in first and "d0.xlsx" not in first
    assert "halaman 1 dari 2" in first
    # The filter survives the page links.
    filtered = client.get(reverse("accounts:audit_log"), {"tindakan": "registry.submission_import"}).text
    assert "?tindakan=registry.submission_import&amp;halaman=2" in filtered
    second = client.get(reverse("accounts:audit_log"), {"tindakan": "registry.submission_import", "halaman": 2}).text
    assert "d0.xlsx" in second and "d59.xlsx" not in second


def test_the_whole_log_downloads_as_xlsx_and_csv(client, personas):
    client.force_login(personas.admin)
    response = client.get(reverse("accounts:audit_log"), {"unduh": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Waktu,Oleh,Tindakan,Wilayah,OPD,Rincian"
    assert "Akun dibuat" in text and "Nama pengguna: disnaker" in text
    response = client.get(reverse("accounts:audit_log"), {"unduh": "xlsx"})
    assert response.content[:2] == b"PK"
