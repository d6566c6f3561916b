"""`jaring claims import` and `jaring claims add`: the same services, from the command line, with --json."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from jaring.claims.models import Claim
from tests.claims.conftest import claim_report

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("claims", *args, stdout=out)
    return out.getvalue()


def test_claims_add_records_one_claim_and_says_what_the_rules_give(personas, covered_2026):
    args = ["--program", "jkm", "--date", "2026-06-10", "--amount", "42.000.000", "--claim-number", "K-1"]
    data = json.loads(run("add", "--nik", covered_2026.nik, *args, "--region", "35.73", "--json"))
    claim = Claim.objects.get()
    assert data == {"claim_id": claim.pk, "person_id": covered_2026.pk, "program": "jkm", "amount_paid": 42_000_000,
                    "expected": 42_000_000, "warning": ""}  # fmt: skip
    text = run("add", "--nik", f"#{covered_2026.pk}", "--program", "jkm", "--date", "2026-01-15", "--amount",
               "42000000", "--region", "35.73")  # fmt: skip
    assert "perhitungan: Rp10.000.000" in text and "Peringatan: Klaim tercatat Rp42.000.000" in text


def test_claims_add_refuses_with_the_services_reason(personas, covered_2026):
    with pytest.raises(CommandError, match="di masa depan"):
        run("add", "--nik", covered_2026.nik, "--program", "jkm", "--date", "2099-01-01", "--amount", "1",
            "--region", "35.73")  # fmt: skip
    with pytest.raises(CommandError, match="Tidak ada orang"):
        run("add", "--nik", "3573000000000000", "--program", "jkm", "--date", "2026-01-01", "--amount", "1",
            "--region", "35.73")  # fmt: skip
    with pytest.raises(CommandError, match="--amount"):
        run("add", "--nik", covered_2026.nik, "--program", "jkm", "--date", "2026-01-01", "--amount", "1,5",
            "--region", "35.73")  # fmt: skip


def test_claims_import_reads_a_report_and_a_repeat_stores_nothing(personas, covered_2026, tmp_path):
    path = tmp_path / "klaim.xlsx"
    path.write_bytes(
        claim_report(
            [
                [covered_2026.nik, "", "WATI NINGSIH", "JKM", "10-06-2026", "42000000", "DIBAYAR", "K-1"],
                [covered_2026.nik, "", "WATI NINGSIH", "JKM", "10-06-2026", "-1", "DIBAYAR", "K-2"],
            ]
        )
    )
    data = json.loads(run("import", str(path), "--region", "35.73", "--json"))
    assert (data["stored"], data["refused"], data["duplicate_of"]) == (1, 1, None)
    assert data["refused_rows"][0]["code"] == "amount_negative"
    assert "tidak ada yang baru" in run("import", str(path), "--region", "35.73")
    with pytest.raises(CommandError, match="tidak ada"):
        run("import", str(tmp_path / "hilang.xlsx"), "--region", "35.73")
