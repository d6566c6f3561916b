"""`jaring invoice import|reconcile|approve|corrections`, `jaring payment add` and `jaring continuity`, as an
administrator runs them: --json for scripts, Indonesian sentences otherwise, refusals as clear errors."""

import datetime as dt
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from jaring.billing.models import Invoice, Payment
from jaring.programs.models import FundingSource
from tests.billing.conftest import bill, line

pytestmark = pytest.mark.django_db


def run(*arguments) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*arguments, stdout=out)
    return out.getvalue()


def test_a_bill_from_the_command_line(personas, program, enrolled, checker, tmp_path):
    ahmad, siti = enrolled["Ahmad Fauzi"], enrolled["Siti Aminah"]
    path = tmp_path / "tagihan.xlsx"
    path.write_bytes(bill([line(ahmad, "10000000001"), line(siti, "10000000002", jkk=20_000)]))
    imported = json.loads(run("invoice", "import", str(path), "--program", str(program.pk), "--json"))
    assert (imported["period"], imported["lines"], imported["total_matches"]) == ("2027-01", 2, True)
    again = run("invoice", "import", str(path), "--program", str(program.pk))
    assert "sudah diimpor" in again and Invoice.objects.count() == 1
    with pytest.raises(CommandError, match="Sebutkan --user"):
        run("invoice", "reconcile", str(imported["invoice_id"]))
    text = run("invoice", "reconcile", str(imported["invoice_id"]), "--user", personas.admin.username)
    assert "menunggu persetujuan" in text and "Jumlah berbeda dari aturan" in text
    with pytest.raises(CommandError, match="pembuat–pemeriksa"):
        run("invoice", "approve", str(imported["invoice_id"]), "--user", personas.admin.username)
    approved = json.loads(run("invoice", "approve", str(imported["invoice_id"]), "--user", "bendahara", "--json"))
    assert approved["approved_by"] == "bendahara"
    out = tmp_path / "koreksi.xlsx"
    corrections = json.loads(run("invoice", "corrections", str(imported["invoice_id"]), "--out", str(out), "--json"))
    assert corrections["rows"] == 4  # Siti's amount, and Budi's, Dewi's and Joko's January not billed
    assert openpyxl.load_workbook(out).active.max_row == 5

    dbhcht = FundingSource.objects.filter(program=program).order_by("id").first()
    today = dt.date.today().isoformat()
    with pytest.raises(CommandError, match="melebihi"):
        run(
            "payment",
            "add",
            str(imported["invoice_id"]),
            "--fund",
            str(dbhcht.pk),
            "--amount",
            "20.000",
            "--date",
            today,
        )
    paid = json.loads(
        run("payment", "add", str(imported["invoice_id"]), "--fund", str(dbhcht.pk), "--amount", "16.800",
            "--date", today, "--sp2d", "SP2D/01", "--json")
    )  # fmt: skip
    assert paid["amount"] == 16_800 and Payment.objects.get().sp2d_number == "SP2D/01"
    with pytest.raises(CommandError, match="Dana #999999"):
        run("payment", "add", str(imported["invoice_id"]), "--fund", "999999", "--amount", "1")


def test_bad_input_from_the_command_line(personas, program, enrolled, tmp_path):
    path = tmp_path / "bukan-tagihan.csv"
    path.write_text("nama;alamat\nX;Y\n")
    with pytest.raises(CommandError, match="tidak ditemukan tabel tagihan"):
        run("invoice", "import", str(path), "--program", str(program.pk))
    with pytest.raises(CommandError, match="Program #999999 tidak ada"):
        run("invoice", "import", str(path), "--program", "999999")
    with pytest.raises(CommandError, match="--period"):
        run("invoice", "import", str(path), "--program", str(program.pk), "--period", "2027-13")


def test_the_continuity_guard_from_the_command_line(personas, program, enrolled, tmp_path):
    out = tmp_path / "gugur.xlsx"
    data = json.loads(
        run(
            "continuity",
            "--region",
            "35.73",
            "--next-cover",
            "2028-06",
            "--today",
            "2027-11-15",
            "--out",
            str(out),
            "--json",
        )
    )
    assert data["persons"] == 5 and data["jkm_at_stake"] == 5
    assert sum(n for _name, n in data["by_occupation"]) == 5
    assert openpyxl.load_workbook(out).active.max_row == 6
    text = run("continuity", "--region", "35.73", "--next-cover", "2028-04", "--today", "2027-11-15")
    assert text.startswith("0 pekerja gugur")
