"""Every role at home: the administrator sets up an OPD and its operator, the BPJS officer uploads a roster,
lists page, English is whole, and no page is wider than a phone."""

import re

import pytest
from playwright.sync_api import Page, expect

from jaring.accounts.demo import demo_setup
from jaring.registry.models import Submission
from tests.bpjs.test_roster import roster_file
from tests.browser.test_login import DEMO_PASSWORD, log_in
from tests.registry.test_import import BAD, FLAGGED, GOOD, messy_list

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 800}
NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


def test_the_administrator_adds_an_opd_and_its_operator_who_logs_in_and_uploads(
    page: Page, live_server, regions_sample, tmp_path
):
    demo_setup(password=DEMO_PASSWORD)
    log_in(page, live_server.url, "disnaker", DEMO_PASSWORD)
    page.get_by_role("link", name="OPD & akun").first.click()
    page.get_by_test_id("add-opd").click()
    page.get_by_label("Kode").fill("DISHUB")
    page.get_by_label("Nama", exact=True).fill("Dinas Perhubungan Kota Malang")
    page.get_by_role("button", name="Tambah", exact=True).click()
    expect(page.get_by_test_id("opds")).to_contain_text("Dinas Perhubungan Kota Malang")

    page.get_by_role("link", name="Akun", exact=True).click()
    page.get_by_test_id("add-user").click()
    page.get_by_label("Nama pengguna").fill("rudi.dishub")
    page.get_by_label("Nama lengkap").fill("Rudi Hartono")
    page.get_by_label("Peran").select_option("opd_operator")
    page.get_by_label("OPD (untuk operator)").select_option(label="Dinas Perhubungan Kota Malang")
    page.get_by_role("button", name="Buat", exact=True).click()
    password = page.get_by_test_id("new-password").inner_text()
    assert len(password) >= 8

    page.get_by_role("button", name="Keluar").click()
    log_in(page, live_server.url, "rudi.dishub", password)
    expect(page).to_have_url(re.compile(r"/akun/sandi/"))
    page.get_by_label("Kata sandi baru", exact=True).fill("Rudi-Dishub-2026")
    page.get_by_label("Ulangi kata sandi baru").fill("Rudi-Dishub-2026")
    page.get_by_role("button", name="Simpan").click()

    page.get_by_role("link", name="Pendataan").first.click()
    expect(page.get_by_test_id("upload-form")).to_contain_text("Dinas Perhubungan Kota Malang")
    messy = tmp_path / "ojol-dishub.xlsx"
    messy.write_bytes(messy_list(GOOD, FLAGGED, BAD))
    page.get_by_label("Berkas").set_input_files(str(messy))
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_test_id("count-rows")).to_have_text("3")
    assert Submission.objects.get().opd.code == "DISHUB"


def test_the_bpjs_officer_uploads_a_roster_on_the_page(page: Page, live_server, regions_sample, tmp_path):
    demo_setup(password=DEMO_PASSWORD)
    log_in(page, live_server.url, "bpjs", DEMO_PASSWORD)
    page.get_by_role("link", name="Peserta BPJS").first.click()
    roster = tmp_path / "peserta-november.xlsx"
    roster.write_bytes(roster_file())
    page.get_by_label("Berkas daftar peserta (xlsx, xls, ods, csv)").set_input_files(str(roster))
    page.get_by_label("Tanggal posisi (bawaan: hari ini)").fill("2026-11-01")
    page.get_by_role("button", name="Unggah dan cocokkan").click()
    expect(page.get_by_test_id("count-unmatched")).to_have_text("4")  # no lists sent yet: nobody to match
    expect(page.get_by_test_id("unmatched")).to_contain_text("DEWI LESTARI")
    page.get_by_role("link", name="Semua daftar peserta").click()
    expect(page.get_by_test_id("snapshots")).to_contain_text("01-11-2026")


def test_a_list_of_more_than_50_rows_pages(page: Page, live_server, regions_sample):
    demo_setup(password=DEMO_PASSWORD)
    from jaring.accounts.models import Opd

    opd = Opd.objects.get(code="DINSOS")
    Submission.objects.bulk_create(
        Submission(
            region=opd.region, opd=opd, source="DINSOS", file_name=f"daftar-{n:02d}.xlsx", sha256=f"{n:064d}", size=1
        )
        for n in range(57)
    )
    log_in(page, live_server.url, "disnaker", DEMO_PASSWORD)
    page.get_by_role("link", name="Pendataan").first.click()
    expect(page.get_by_test_id("list-total").first).to_contain_text("57 data · halaman 1 dari 2")
    expect(page.get_by_test_id("submission-row")).to_have_count(50)
    page.get_by_test_id("page-next").first.click()
    expect(page.get_by_test_id("submission-row")).to_have_count(7)
    expect(page).to_have_url(re.compile(r"halaman=2"))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_no_page_of_any_role_is_wider_than_the_screen(page: Page, live_server, regions_sample, viewport, tmp_path):
    demo_setup(password=DEMO_PASSWORD)
    page.set_viewport_size(viewport)
    pages = {
        "operator": ["/", "/pendataan/"],
        "disnaker": [
            "/",
            "/pendataan/",
            "/deduplikasi/",
            "/orang/",
            "/akun/audit/",
            "/akun/opd/",
            "/akun/pengguna/",
        ],
        "bpjs": ["/", "/peserta-bpjs/", "/orang/"],
        "pimpinan": ["/", "/akun/audit/"],
    }
    for username, paths in pages.items():
        log_in(page, live_server.url, username, DEMO_PASSWORD)
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            assert page.evaluate(NO_OVERFLOW), f"{username} {path} is wider than {viewport['width']} px"
        if viewport is PHONE:
            # The menu folds behind its button and opens on a tap.
            expect(page.get_by_test_id("menu")).to_be_hidden()
            page.get_by_test_id("menu-button").click()
            expect(page.get_by_test_id("menu")).to_be_visible()
            assert page.evaluate(NO_OVERFLOW)
        page.get_by_role("button", name="Keluar").click()


def test_an_english_session_sees_no_indonesian_issue_labels(page: Page, live_server, regions_sample, tmp_path):
    demo_setup(password=DEMO_PASSWORD)
    log_in(page, live_server.url, "operator", DEMO_PASSWORD)
    expect(page.get_by_test_id("language-note")).to_be_visible()  # the browser asks for English; we say how
    page.get_by_test_id("language-en").click()
    page.get_by_role("link", name="Data collection").first.click()
    messy = tmp_path / "linmas.xlsx"
    messy.write_bytes(messy_list(GOOD, FLAGGED, BAD))
    page.get_by_label("File").set_input_files(str(messy))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_test_id("count-rows")).to_have_text("3")
    text = page.locator("main").inner_text()
    for indonesian in ("NIK tidak 16 digit", "NIK harus", "Tanggal lahir", "tidak dikenali", "Pekerjaan", "Ditolak"):
        assert indonesian not in text, indonesian
    assert "age.out_of_range" not in text and "nik.length" not in text
    expect(page.get_by_test_id("issue-counts")).to_contain_text("NIK")
