"""The claims pages on a phone (390 px): a BPJS officer uploads a claim report, opens a claim with its
warning and the family's letter; every page fits the screen without scrolling sideways."""

import datetime as dt
import re

from playwright.sync_api import Page, expect

from jaring.persons.services import death_record
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_login import log_in
from tests.claims.conftest import claim_report, covered_2026  # noqa: F401  (fixtures)
from tests.conftest import PASSWORD
from tests.programs.conftest import program, workers  # noqa: F401  (fixtures)

PHONE = {"width": 390, "height": 844}
NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


def fits(page: Page, name: str) -> None:
    """The page fits a phone's width; a picture of it is kept for whoever looks at the artifacts."""
    assert page.evaluate(NO_OVERFLOW), name
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"claims-{name}-phone.png"), full_page=True)


def test_claims_on_a_phone(page: Page, live_server, personas, covered_2026, tmp_path):  # noqa: F811
    wati = covered_2026
    death_record(actor=None, person=wati, death_date=dt.date(2026, 2, 10), note="surat kematian kelurahan")
    report = tmp_path / "KLAIM_2026-02.xlsx"
    report.write_bytes(
        claim_report(
            [
                [wati.nik, "10000000008", "WATI NINGSIH", "JKM", "10-02-2026", "42.000.000", "DIBAYAR", "JKM/3573/1"],
                ["3573099999990001", "", "ORANG LAIN", "Beasiswa SD", "10-02-2026", "1.500.000", "DIBAYAR", "B/2"],
            ]
        )
    )
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, personas.bpjs.username, PASSWORD)
    page.goto(f"{live_server.url}/klaim/impor/")
    fits(page, "import")
    form = page.get_by_test_id("claim-report-form")
    form.locator("input[name=berkas]").set_input_files(str(report))
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/klaim/impor/\d+/$"))
    expect(page.get_by_test_id("count-stored")).to_have_text("1")
    expect(page.get_by_test_id("refused-rows")).to_contain_text("Belum ada orang di wilayah ini")
    fits(page, "report")
    page.get_by_test_id("claims").get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/klaim/\d+/$"))
    # She died in her second month of membership: the rules give the funeral benefit only.
    expect(page.get_by_test_id("claim-warning")).to_contain_text("berbeda dari perhitungan Rp10.000.000")
    expect(page.get_by_test_id("claim-expected")).to_have_text("Rp10.000.000")
    fits(page, "detail")
    letter = page.request.get(live_server.url + (page.get_by_test_id("claim-letter").get_attribute("href") or ""))
    assert letter.ok and letter.body().startswith(b"%PDF")
    for name, path in (("list", "/klaim/"), ("new", "/klaim/baru/"), ("suggestions", "/klaim/usulan-jkm/"),
                       ("value", "/klaim/nilai-manfaat/")):  # fmt: skip
        page.goto(f"{live_server.url}{path}")
        fits(page, name)
