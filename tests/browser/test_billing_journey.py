"""BPJS's officer uploads a month's bill; the Disnaker's treasurer reconciles it and sees each difference;
a second administrator approves it (the first may not) and downloads the corrections for BPJS."""

import re

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from tests.billing.conftest import bill, checker, enrolled, line  # noqa: F401  (fixtures)
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_login import log_in
from tests.conftest import PASSWORD
from tests.programs.conftest import program, workers  # noqa: F401  (fixtures)

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Keluar").click()


@pytest.mark.usefixtures("checker")
def test_a_bill_from_upload_to_corrections(page: Page, live_server, personas, program, enrolled, tmp_path):  # noqa: F811
    ahmad, siti, budi = enrolled["Ahmad Fauzi"], enrolled["Siti Aminah"], enrolled["Budi Santoso"]
    upload = tmp_path / "TAGIHAN_SG_2027-01.xlsx"
    upload.write_bytes(
        bill(
            [
                line(ahmad, "10000000001"),
                line(siti, "10000000002", jkk=20_000),  # the wrong income level
                line(budi, "10000000003"),
                line(budi, "10000000003"),  # billed twice
                line("3573099999990001", "10000000099"),  # not in the program
            ]
        )
    )
    # 1. BPJS's officer uploads the bill.
    log_in(page, live_server.url, personas.bpjs.username, PASSWORD)
    page.goto(f"{live_server.url}/tagihan/")
    form = page.get_by_test_id("invoice-form")
    form.locator("input[name=berkas]").set_input_files(str(upload))
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/tagihan/\d+/$"))
    invoice_url = page.url
    expect(page.get_by_test_id("invoice-status")).to_contain_text("SG-3573-0001")
    expect(page.get_by_test_id("reconcile-form")).to_have_count(0)  # reconciling is the payer's work
    log_out(page)

    # 2. The treasurer reconciles it and sees what is wrong, line by line.
    log_in(page, live_server.url, personas.admin.username, PASSWORD)
    page.goto(invoice_url)
    page.get_by_test_id("reconcile-form").locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/tagihan/\d+/$"))
    summary = page.get_by_test_id("summary")
    expect(summary.locator('tr[data-class="matched"]')).to_contain_text("2")
    differences = page.get_by_test_id("differences")
    expect(differences.locator('tr[data-class="amount_differs"]')).to_have_count(1)
    expect(differences.locator('tr[data-class="billed_twice"]')).to_have_count(1)
    expect(differences.locator('tr[data-class="not_enrolled"]')).to_have_count(1)
    expect(differences.locator('tr[data-class="not_billed"]')).to_have_count(2)  # Dewi's and Joko's January
    expect(differences).not_to_contain_text(siti.nik)  # NIKs are masked on the page
    expect(page.get_by_test_id("approve").locator("input[name=diperiksa]")).to_have_count(0)  # the maker may not
    page.set_viewport_size(PHONE)
    assert page.evaluate(NO_OVERFLOW), "the invoice page is wider than 390 px"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "invoice-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    log_out(page)

    # 3. A second administrator approves it, and downloads the corrections for BPJS.
    log_in(page, live_server.url, "bendahara", PASSWORD)
    page.goto(invoice_url)
    approve = page.get_by_test_id("approve")
    approve.locator("input[name=diperiksa]").check()
    approve.locator("button[type=submit]").click()
    expect(page.get_by_test_id("approved-by")).to_contain_text("bendahara")
    expect(page.get_by_test_id("payment-form")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "invoice-desktop.png"), full_page=True)
    with page.expect_download() as download_info:
        page.get_by_test_id("corrections").click()
    corrections = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(corrections)
    rows = list(openpyxl.load_workbook(corrections).active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 5
    assert {row[2] for row in rows} >= {siti.nik, budi.nik, "3573099999990001"}  # BPJS gets the whole NIK
