"""The Disnaker administrator runs a program from the pages: creates it, funds it, checks who is eligible,
selects within the money, approves, sends a batch to BPJS, applies BPJS's answer (twice: the second time
changes nothing) and tops the program up from the waiting list with the money a rejection freed."""

import re

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from jaring.programs.models import Enrolment
from tests.browser.test_login import log_in
from tests.conftest import PASSWORD
from tests.files import xlsx_bytes
from tests.programs.conftest import workers  # noqa: F401  (the fixture: eight workers of Kota Malang)

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"
PER_WORKER = 201_600  # Rp16.800 a month for 12 months


def figures(text: str) -> list[int]:
    """The whole numbers in a text as Indonesians write them (1.008.000)."""
    return [int(number.replace(".", "")) for number in re.findall(r"\d[\d.]*\d|\d", text)]


@pytest.mark.usefixtures("workers")
def test_the_administrator_runs_a_program_to_bpjs_and_back(page: Page, live_server, personas, tmp_path):
    log_in(page, live_server.url, personas.admin.username, PASSWORD)
    message = page.get_by_role("status")

    # 1. A new program, as a draft.
    page.goto(f"{live_server.url}/program/")
    page.get_by_test_id("add-program").click()
    form = page.get_by_test_id("program-form")
    form.locator("input[name=nama]").fill("Pekerja rentan 2027")
    form.locator("input[name=tahun]").fill("2027")
    form.locator("input[name=mulai]").fill("2027-01")
    form.locator("input[name=bulan]").fill("12")
    form.get_by_role("button", name="Buat draf").click()
    expect(page).to_have_url(re.compile(r"/program/\d+/$"))
    program_url = page.url
    expect(page.get_by_role("heading", name="Pekerja rentan 2027", level=1)).to_be_visible()
    expect(page.get_by_test_id("program-status")).to_contain_text("Draf")
    expect(page.get_by_test_id("program-status")).to_contain_text("12 bulan dari 01-2027 sampai 12-2027")

    # 2. APBD money for five workers.
    page.get_by_test_id("add-fund").click()
    fund = page.get_by_test_id("fund-form")
    fund.locator("select[name=dana]").select_option("apbd")
    fund.locator("input[name=jumlah]").fill("1.008.000")
    fund.locator("input[name=dasar_hukum]").fill("Perwal 1/2027")
    fund.get_by_role("button", name="Tambah dana").click()
    expect(message).to_contain_text("Sumber dana ditambahkan")
    funds = page.get_by_test_id("funds")
    expect(funds).to_contain_text("APBD")
    expect(funds).to_contain_text("Rp1.008.000")
    expect(funds).to_contain_text(f"Rp{PER_WORKER:,}".replace(",", "."))
    expect(funds).to_contain_text("5 pekerja")
    expect(funds).to_contain_text("Perwal 1/2027")

    # 3. A preview of who is eligible (a job, whose page comes back here): one worker is too old, one too young.
    page.get_by_test_id("preview").click()
    expect(page).to_have_url(re.compile(r"/program/\d+/\?pratinjau=\d+"))
    preview = page.get_by_test_id("preview-counts")
    expect(preview).to_contain_text("6 dari 8 orang layak")
    expect(preview).to_contain_text("usia di atas 65 tahun pada 1 Januari 2027")
    expect(preview).to_contain_text("usia di bawah 15 tahun pada 1 Januari 2027")
    assert preview.locator("tr").count() == 2

    # Once, on a phone: the program page is no wider than the screen.
    page.set_viewport_size(PHONE)
    assert page.evaluate(NO_OVERFLOW), "the program page is wider than 390 px"
    stages_box = page.get_by_test_id("stages").locator("xpath=..")
    assert stages_box.evaluate("box => box.scrollWidth <= box.clientWidth"), "the stage table scrolls sideways"
    expect(page.get_by_test_id("stages").locator("thead")).to_be_hidden()  # each figure is labelled instead
    page.set_viewport_size(DESKTOP)

    # 4. Save the eligibility and select within the money: five selected, one waiting.
    page.get_by_test_id("save-eligibility").click()
    expect(message).to_contain_text("6 dari 8 orang layak")
    page.get_by_test_id("select").click()
    expect(message).to_contain_text("Terpilih 5; 1 di daftar tunggu.")
    stages = page.get_by_test_id("stages")
    expect(page.get_by_test_id("selected-count")).to_have_text("5")
    persons, eligible, selected, waiting, enrolled, active, rejected = figures(stages.locator("tbody tr").inner_text())
    assert (persons, eligible, selected, waiting, enrolled, active, rejected) == (8, 6, 5, 1, 0, 0, 0)

    # 5. Approve: the selection is frozen into five enrolments, once the approver ticks that it cannot be undone.
    page.get_by_test_id("approve").click()  # not ticked: the browser asks for the tick, nothing is sent
    expect(page.get_by_test_id("program-status")).to_contain_text("Draf")
    assert Enrolment.objects.count() == 0
    page.get_by_test_id("approve-confirm").check()
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("program-status")).to_contain_text("Disetujui")
    expect(message).to_contain_text("Disetujui: 5 pendaftaran dibekukan")
    expect(page.get_by_test_id("approve")).to_have_count(0)

    # 6. A batch of the five, and its file for BPJS's bulk registration.
    page.goto(f"{live_server.url}/pendaftaran/")
    expect(page.get_by_test_id("new-batch")).to_have_text("Buat batch berisi 5 orang")
    page.get_by_test_id("new-batch").click()
    expect(message).to_contain_text("Batch 1 dibuat berisi 5 orang")
    with page.expect_download() as download_info:
        page.get_by_test_id("download-1").click()
    download = download_info.value
    batch_file = tmp_path / download.suggested_filename
    download.save_as(batch_file)
    assert batch_file.suffix == ".xlsx"
    sheet = openpyxl.load_workbook(batch_file).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header[:2] == ["NIK", "NAMA LENGKAP"]
    assert len(rows) == 5
    niks = [row[0] for row in rows]
    # Text, not numbers: a spreadsheet keeps only 15 significant digits of a number, and a NIK has 16.
    assert all(isinstance(nik, str) and re.fullmatch(r"3573\d{12}", nik) for nik in niks), niks
    assert "3573010101600005" not in niks and "3573011010120006" not in niks  # too old, too young

    # 7. BPJS's answer: four accepted with their KPJ, one rejected.
    answer = [["NIK", "KPJ", "Status", "Keterangan"]]
    answer += [[nik, f"2601234560{i}", "Diterima", ""] for i, nik in enumerate(niks[:4])]
    answer += [[niks[4], "", "Ditolak", "NIK tidak padan Dukcapil"]]
    response_file = tmp_path / "jawaban-bpjs.xlsx"
    response_file.write_bytes(xlsx_bytes({"Hasil": answer}))

    def upload_response() -> None:
        form = page.get_by_test_id("response-1")
        form.locator("input[type=file]").set_input_files(str(response_file))
        form.get_by_role("button", name="Unggah jawaban").click()

    upload_response()
    expect(message).to_contain_text("4 diterima")
    expect(message).to_contain_text("1 ditolak")
    expect(message).to_have_class(re.compile(r"\bsuccess\b"))
    expect(page.get_by_test_id("response-1")).to_be_visible()
    assert dict(Enrolment.objects.values_list("nik", "status")) == {
        **{nik: Enrolment.Status.ACTIVE for nik in niks[:4]},
        niks[4]: Enrolment.Status.REJECTED,
    }

    # 8. The same file again: refused as already imported, nothing changes.
    upload_response()
    expect(message).to_contain_text("sudah diimpor")
    expect(message).to_contain_text("tidak ada yang diubah")
    expect(message).to_have_class(re.compile(r"\berror\b"))
    assert Enrolment.objects.filter(status=Enrolment.Status.ACTIVE).count() == 4
    assert Enrolment.objects.filter(status=Enrolment.Status.REJECTED).count() == 1
    assert Enrolment.objects.get(nik=niks[4]).rejection_reason == "NIK tidak padan Dukcapil"
    assert sorted(Enrolment.objects.exclude(kpj="").values_list("kpj", flat=True)) == [
        f"2601234560{i}" for i in range(4)
    ]

    # 9. The money the rejection freed goes to the next on the waiting list.
    page.goto(program_url)
    # Enrolled counts those BPJS did not reject; the rejected one is counted apart (and waits again).
    _, _, _, _, enrolled, active, rejected = figures(page.get_by_test_id("stages").locator("tbody tr").inner_text())
    assert (enrolled, active, rejected) == (4, 4, 1)
    page.get_by_test_id("top-up").click()
    expect(message).to_contain_text("Pendaftaran baru: 1")
    assert Enrolment.objects.count() == 6
    assert Enrolment.objects.filter(status=Enrolment.Status.SELECTED).count() == 1
