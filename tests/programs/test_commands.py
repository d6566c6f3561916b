"""The whole program flow from the command line, as an administrator scripts it, with --json."""

import json

import pytest
from django.core.management import CommandError, call_command

from jaring.programs.models import Enrolment
from tests.files import xlsx_bytes

pytestmark = pytest.mark.django_db


def run(capsys, *args) -> dict:
    call_command(*args, "--json")
    return json.loads(capsys.readouterr().out)


def test_eligibility_select_approve_and_the_batch_round_trip(personas, program, workers, capsys, tmp_path):
    pid = str(program.pk)
    run(capsys, "program", "rules", pid, "--age", "18-55", "--priority=-age,risk")
    preview = run(capsys, "program", "eligibility", pid)
    assert (preview["persons"], preview["eligible"], preview["saved"]) == (8, 5, False)
    assert preview["reasons"] == {"age.below": 1, "age.above": 2}  # 14; 67 and 56
    run(capsys, "program", "eligibility", pid, "--save")
    chosen = run(capsys, "program", "select", pid)
    assert chosen["selected"] == 5 and chosen["waiting"] == 0
    assert run(capsys, "program", "approve", pid)["enrolments"] == 5
    batch = run(capsys, "batch", "create", "--program", pid)
    out = tmp_path / "batch.csv"
    exported = run(capsys, "batch", "export", str(batch["batch_id"]), "--out", str(out))
    assert exported["persons"] == 5
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("NIK,NAMA LENGKAP,TEMPAT LAHIR")
    niks = [line.split(",")[0] for line in lines[1:]]
    response = tmp_path / "jawaban.xlsx"
    response.write_bytes(
        xlsx_bytes(
            {"Hasil": [["NIK", "No KPJ", "Status"], *[[nik, f"2601234567{i}", "OK"] for i, nik in enumerate(niks)]]}
        )
    )
    answer = run(capsys, "batch", "import-response", str(batch["batch_id"]), str(response))
    assert (answer["accepted"], answer["rejected"]) == (5, 0)
    assert Enrolment.objects.filter(status="active").count() == 5
    with pytest.raises(CommandError, match=r"sudah diimpor|already imported"):
        call_command("batch", "import-response", str(batch["batch_id"]), str(response))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["program", "fund", "{pid}", "--kind", "apbd", "--amount", "-5000"], "rupiah"),
        (["program", "fund", "{pid}", "--kind", "apbd", "--amount", "1500,50"], "rupiah"),
        (
            ["program", "fund", "{pid}", "--kind", "dbhcht", "--amount", "5000000", "--only", "petani,astronot"],
            "astronot",
        ),
        (["program", "rules", "{pid}", "--age", "65-15"], "65"),
        (["program", "rules", "{pid}", "--priority", "tinggi"], "tinggi"),
        (["program", "approve", "{pid}"], "Select|Pilih"),
        (
            [
                "program",
                "create",
                "--name",
                "X program",
                "--year",
                "2027",
                "--from",
                "2027-13",
                "--months",
                "12",
                "--region",
                "35.73",
            ],
            "2027-13",
        ),
        (["plan", "--program", "{pid}", "--budget", "10000"], "."),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_changes_nothing(personas, program, args, message):
    from jaring.accounts.models import AuditEvent

    before = AuditEvent.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command(*[arg.format(pid=program.pk) for arg in args])
    assert AuditEvent.objects.count() == before
