"""The santunan letter: a one-page PDF in Indonesian with the region, the amount in figures and words, its parts."""

import datetime as dt
import re
import shutil
import subprocess
import zlib
from base64 import a85decode

import pytest

from jaring.claims.letters import long_date, santunan_letter, santunan_letter_pdf
from jaring.claims.models import Claim
from jaring.claims.services import claim_add
from tests.claims.conftest import TODAY


def pdf_text(pdf: bytes) -> str:
    """The text drawn on a ReportLab PDF's pages (its content streams, decoded)."""
    texts = []
    for found in re.finditer(rb"/Filter \[ /ASCII85Decode /FlateDecode \] /Length (\d+)\s*>>\s*stream\r?\n", pdf):
        body = pdf[found.end() : found.end() + int(found.group(1))]
        content = zlib.decompress(a85decode(body.strip().removesuffix(b"~>")))
        texts += [part.decode("latin-1") for part in re.findall(rb"\((.*?)\) Tj", content)]
    return " ".join(texts)


def test_long_dates_are_written_in_indonesian():
    assert long_date(dt.date(2027, 5, 10)) == "10 Mei 2027"


@pytest.mark.django_db
def test_the_letter_names_the_region_the_worker_the_amount_and_its_parts(enrolled):
    siti = enrolled["Siti Aminah"]
    claim = claim_add(
        actor=None, person=siti, program="jkm", event_date=dt.date(2027, 5, 10), amount_paid=42_000_000,
        status=Claim.Status.PAID, claim_number="JKM/0001", today=TODAY,
    )  # fmt: skip
    letter = santunan_letter(Claim.objects.select_related("person", "region").get(pk=claim.pk), on=TODAY)
    assert (letter.place, letter.head, letter.kpj, letter.nik) == (
        "Malang", "Wali Kota Malang", "10000000002", siti.nik  # the whole NIK: an official letter
    )  # fmt: skip
    assert letter.died and letter.sex == "P"
    pdf = santunan_letter_pdf(letter)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    expected = [
        "PEMERINTAH KOTA MALANG",
        "SITI AMINAH",
        "almarhumah",
        "Rp42.000.000",
        "empat puluh dua juta rupiah",
        "Santunan sekaligus",
        "Rp20.000.000",
        "Biaya pemakaman",
        "Malang, 31 Desember 2027",
        "JKM/0001",
    ]
    assert [words for words in expected if words not in text] == []
    assert b"/Count 1" in pdf  # one page
    # `make test` installs poppler-utils (the chromium target): the letter must render, not be skipped.
    assert shutil.which("pdftoppm"), "pdftoppm is missing: `make chromium` installs poppler-utils"
    rendered = subprocess.run(["pdftoppm", "-png", "-r", "30", "-"], input=pdf, capture_output=True, check=True)
    assert rendered.stdout.startswith(b"\x89PNG")
