import re

from playwright.sync_api import Page, expect

from jaring.accounts.demo import demo_setup

DEMO_PASSWORD = "Demo-Jaring-2026"


def log_in(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/")
    expect(page).to_have_url(re.compile(r"/akun/masuk/"))
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


def test_a_demo_user_logs_in_and_sees_kota_malang(page: Page, live_server, regions_sample):
    demo_setup(password=DEMO_PASSWORD)
    log_in(page, live_server.url, "disnaker", DEMO_PASSWORD)

    expect(page.get_by_test_id("region-name")).to_have_text("Kota Malang")
    expect(page.get_by_text("Administrator Disnaker")).to_be_visible()
    # The vendored stylesheet is applied: Pico narrows the main container.
    assert page.evaluate("getComputedStyle(document.querySelector('main.container')).maxWidth") != "none"
    expect(page.get_by_role("heading", name="Program & anggaran")).to_be_visible()

    page.get_by_test_id("language-en").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_test_id("region-name")).to_have_text("Kota Malang")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/akun/masuk/"))


def test_a_wrong_password_is_explained(page: Page, live_server, regions_sample):
    demo_setup(password=DEMO_PASSWORD)
    log_in(page, live_server.url, "operator", "bukan-sandinya")
    expect(page.get_by_role("alert")).to_contain_text("Nama pengguna atau kata sandi salah")


def test_an_operator_sees_only_the_data_collection_area(page: Page, live_server, regions_sample):
    demo_setup(password=DEMO_PASSWORD)
    log_in(page, live_server.url, "operator", DEMO_PASSWORD)
    expect(page.get_by_test_id("region-name")).to_have_text("Kota Malang")
    expect(page.get_by_role("heading", name="Pendataan")).to_be_visible()
    expect(page.get_by_role("heading", name="Program & anggaran")).to_have_count(0)
