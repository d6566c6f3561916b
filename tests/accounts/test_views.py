import re

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_login_page_speaks_indonesian_by_default(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert '<html lang="id">' in response.text
    assert "Masuk" in response.text and "Kata sandi" in response.text


def test_indonesian_even_when_the_browser_asks_for_english(client):
    response = client.get(reverse("accounts:login"), headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="id">' in response.text
    assert response["Content-Language"] == "id"


def test_the_pages_stylesheets_and_scripts_are_served(client):
    page = client.get(reverse("accounts:login")).text
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert len(assets) == 3
    for url in assets:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"".join(response.streaming_content if response.streaming else [response.content])


def test_a_wrong_password_says_so_in_indonesian(client, personas):
    response = client.post(reverse("accounts:login"), {"username": "disnaker", "password": "salah"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.text


def test_a_user_logs_in_and_sees_their_region_role_and_areas(client, personas):
    response = client.post(reverse("accounts:login"), {"username": "disnaker", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert "Kota Malang" in response.text
    assert "Administrator Disnaker" in response.text
    assert "Program &amp; anggaran" in response.text  # an area of the administrator
    assert "Dinas Sosial Kota Malang" in response.text and "Dinas Sosial Kota Batu" not in response.text


def test_an_operator_sees_only_their_areas_and_opd(client, personas):
    client.force_login(personas.operator)
    response = client.get(reverse("home"))
    assert "Pendataan" in response.text
    assert "Program &amp; anggaran" not in response.text
    assert "Dinas Sosial Kota Malang" in response.text and "Satpol PP Kota Malang" not in response.text


def test_the_english_switch(client, personas):
    client.force_login(personas.viewer)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")}, follow=True)
    assert '<html lang="en">' in response.text
    assert "Leadership / auditor" in response.text and "Log out" in response.text


def test_logout_ends_the_session(client, personas):
    client.force_login(personas.viewer)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_a_page_outside_the_role_explains_what_the_role_may_do_in_the_users_language(client, personas):
    client.force_login(personas.bpjs)
    response = client.get(reverse("registry:submissions"))
    assert response.status_code == 403
    page = response.text
    assert "Halaman ini bukan untuk peran Anda" in page and "Sebagai Petugas BPJS cabang Anda dapat:" in page
    assert "Mengunggah data peserta, tanggapan, dan tagihan BPJS" in page  # what a BPJS officer may do
    assert "Kembali ke beranda" in page and "403 Forbidden" not in page
    client.cookies["django_language"] = "en"  # the language switch
    page = client.get(reverse("registry:submissions")).text
    assert "This page is not for your role" in page and "As BPJS branch officer you may:" in page
