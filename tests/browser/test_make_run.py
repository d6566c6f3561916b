"""`make run` as a new user runs it: set-up, demo users printed, server up, log in, see Kota Malang."""

import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_login import log_in
from tests.files import xlsx_bytes
from tests.registry.test_import import BAD, FLAGGED, GOOD, messy_list

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def make_run(tmp_path_factory):
    """Start `make run` on a scratch SQLite database and .env; yield its URL and its output so far."""
    tmp_path = tmp_path_factory.mktemp("make-run")
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'jaring.sqlite3'}", "PYTHONUNBUFFERED": "1"}
    # What the test suite sets for itself must not leak into the server a new user starts.
    for name in ("SECRET_KEY", "DEBUG", "JARING_ENV_FILE", "TASKS_BACKEND", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(name, None)
    log = tmp_path / "make-run.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "run", f"PORT={port}", f"ENV_FILE={tmp_path / '.env'}"],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"make run stopped with {process.returncode}:\n{log.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"make run did not serve {url} in time:\n{log.read_text()}")
        yield url, log.read_text()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_make_run_serves_the_login_page_and_a_printed_demo_user_sees_kota_malang(make_run, page: Page):
    url, output = make_run
    assert url in output
    credentials = re.search(r"^\s*disnaker\s+.*kata sandi: (\S+)\s*$", output, flags=re.MULTILINE)
    assert credentials, output

    log_in(page, url, "disnaker", credentials[1])
    expect(page.get_by_test_id("region-name")).to_have_text("Kota Malang")


def test_make_run_starts_the_job_worker_and_an_upload_completes(make_run, page: Page, tmp_path):
    url, output = make_run
    password = re.search(r"^\s*operator\s+.*kata sandi: (\S+)\s*$", output, flags=re.MULTILINE)[1]
    log_in(page, url, "operator", password)
    page.get_by_role("link", name="Pendataan").first.click()
    messy = tmp_path / "linmas.xlsx"
    messy.write_bytes(messy_list(GOOD, FLAGGED, BAD))
    page.get_by_label("Berkas").set_input_files(str(messy))
    page.get_by_role("button", name="Unggah dan periksa").click()
    # The job page polls the worker's progress and moves on to the submission when it is done.
    expect(page.get_by_test_id("count-rows")).to_have_text("3", timeout=60_000)
    expect(page.get_by_test_id("count-rejected")).to_have_text("1")


def test_an_uncertain_column_is_confirmed_in_the_page_then_imported(make_run, page: Page, tmp_path):
    url, output = make_run
    password = re.search(r"^\s*operator\s+.*kata sandi: (\S+)\s*$", output, flags=re.MULTILINE)[1]
    log_in(page, url, "operator", password)
    page.get_by_role("link", name="Pendataan").first.click()
    typo = tmp_path / "ejaan.xlsx"
    typo.write_bytes(
        xlsx_bytes(
            {"Data": [["NIK", "Nama", "Tgl Lahir", "Pekerjan"], ["3573011508900001", "Ahmad", "15-08-1990", "Linmas"]]}
        )
    )
    page.get_by_label("Berkas").set_input_files(str(typo))
    page.get_by_role("button", name="Unggah dan periksa").click()
    # The polling fragment reloads the page once the worker pauses for the person.
    form = page.get_by_test_id("confirm-columns")
    expect(form).to_be_visible(timeout=60_000)
    expect(page.get_by_label("Pekerjan")).to_have_value("occupation")
    page.get_by_role("button", name="Lanjutkan pengunggahan").click()
    expect(page.get_by_test_id("count-accepted")).to_have_text("1", timeout=60_000)
