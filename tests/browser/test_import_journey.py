"""An operator uploads a messy list, sees the problems, downloads them, fixes them and sees the counts change."""

import io

import openpyxl
from playwright.sync_api import Page, expect

from jaring.accounts.demo import demo_setup
from tests.browser.test_login import DEMO_PASSWORD, log_in
from tests.registry.test_import import BAD, FLAGGED, GOOD, messy_list


def test_upload_fix_and_upload_again(page: Page, live_server, regions_sample, tmp_path):
    demo_setup(password=DEMO_PASSWORD)
    log_in(page, live_server.url, "operator", DEMO_PASSWORD)
    page.get_by_role("link", name="Pendataan").first.click()

    messy = tmp_path / "linmas-sumbersari.xlsx"
    messy.write_bytes(messy_list(GOOD, FLAGGED, BAD))
    page.get_by_label("Berkas").set_input_files(str(messy))
    page.get_by_role("button", name="Unggah dan periksa").click()

    expect(page.get_by_test_id("count-rows")).to_have_text("3")
    expect(page.get_by_test_id("count-accepted")).to_have_text("1")
    expect(page.get_by_test_id("count-rejected")).to_have_text("1")
    expect(page.get_by_test_id("problem-rows")).to_contain_text("NIK harus 16 digit")

    with page.expect_download() as download_info:
        page.get_by_test_id("download-problems").click()
    problems = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(problems)
    assert problems.name == "perbaikan-linmas-sumbersari.xlsx"

    workbook = openpyxl.load_workbook(problems)
    for row in workbook.active.iter_rows(min_row=2):
        if row[2].value == "6":
            row[4].value, row[6].value = "3573011502900003", "15-02-1990"
            row[9].value, row[10].value, row[11].value, row[12].value = "Dinoyo", "Lowokwaru", "081298765432", "Ojol"
        else:
            row[6].value = "15-08-1990"
    fixed = tmp_path / "perbaikan.xlsx"
    buffer = io.BytesIO()
    workbook.save(buffer)
    fixed.write_bytes(buffer.getvalue())

    page.get_by_role("link", name="Pendataan").first.click()
    page.get_by_label("Berkas").set_input_files(str(fixed))
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_text("2 baris memperbaiki baris sebelumnya.")).to_be_visible()

    page.get_by_role("link", name="Semua daftar yang dikirim").click()
    page.get_by_role("link", name="linmas-sumbersari.xlsx").click()
    expect(page.get_by_test_id("count-accepted")).to_have_text("3")
    expect(page.get_by_test_id("count-rejected")).to_have_text("0")
    expect(page.get_by_text("Semua baris diterima.")).to_be_visible()
