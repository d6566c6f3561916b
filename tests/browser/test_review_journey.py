"""An administrator works through the review queue in the browser."""

from playwright.sync_api import Page, expect

from jaring.accounts.demo import demo_setup
from jaring.accounts.models import Opd
from jaring.linkage.services import link_region
from jaring.persons.models import Person
from tests.browser.test_login import DEMO_PASSWORD, log_in
from tests.linkage.test_link_region import send
from tests.linkage.test_review import AHMAD, AHMAD_AGAIN


def test_an_administrator_decides_a_pair_and_the_queue_empties(page: Page, live_server, regions_sample):
    demo_setup(password=DEMO_PASSWORD)
    malang = regions_sample["35.73"]
    send(malang, Opd.objects.get(code="DINSOS"), [AHMAD], "dinsos.xlsx")
    send(malang, Opd.objects.get(code="SATPOLPP"), [AHMAD_AGAIN], "satpol.xlsx")
    link_region(actor=None, region=malang)
    assert Person.objects.count() == 2

    log_in(page, live_server.url, "disnaker", DEMO_PASSWORD)
    page.get_by_role("link", name="Deduplikasi").first.click()
    pair = page.get_by_test_id("pair")
    expect(pair).to_have_count(1)
    expect(pair).to_contain_text("Nama sama (setelah gelar dan ejaan disamakan)")
    expect(pair).to_contain_text("DINSOS")
    page.get_by_role("button", name="Orang yang sama").click()
    expect(page.get_by_text("Keputusan disimpan; pasangan ini tidak akan ditanyakan lagi.")).to_be_visible()
    expect(page.get_by_test_id("queue-empty")).to_be_visible()
    assert Person.objects.count() == 1
