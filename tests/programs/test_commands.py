"""The whole program flow from the command line, as an administrator scripts it, with --json."""

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from jaring.programs.models import Enrolment
from tests.conftest import PASSWORD
from tests.files import xlsx_bytes
from tests.programs.conftest import a_program

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


def test_a_decimal_amount_is_refused_not_read_as_a_hundred_times_the_budget(personas, program):
    before = sorted(program.sources.values_list("amount", flat=True))
    with pytest.raises(
        CommandError, match=r"--amount: «30240000\.50» bukan rupiah bulat: tulis 30240000 atau 30\.240\.000"
    ):
        call_command("program", "fund", str(program.pk), "--kind", "apbd", "--amount", "30240000.50")
    for ambiguous in ("30,240,000", "3.5e7", "30.24.000"):
        with pytest.raises(CommandError, match=r"[Tt]ulis"):
            call_command("program", "fund", str(program.pk), "--kind", "apbd", "--amount", ambiguous)
    assert sorted(program.sources.values_list("amount", flat=True)) == before
    call_command("program", "fund", str(program.pk), "--kind", "apbd", "--amount", "Rp 30.240.000,00")
    assert sorted(program.sources.values_list("amount", flat=True)) == sorted([*before, 30_240_000])


def _sheet_rows(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


PAGE_LISTS = {"eligible": "layak", "excluded": "tidak-layak", "selected": "terpilih", "waiting": "tunggu",
              "enrolled": "terdaftar"}  # fmt: skip


def test_program_export_writes_the_same_file_as_the_pages_download(personas, program, client, capsys, tmp_path):
    pid = str(program.pk)
    run(capsys, "program", "eligibility", pid, "--save")
    run(capsys, "program", "select", pid)
    run(capsys, "program", "approve", pid)
    run(capsys, "batch", "create", "--program", pid)
    assert client.login(username=personas.admin.username, password=PASSWORD)
    for kind, page_name in PAGE_LISTS.items():
        for fmt, read in (("xlsx", _sheet_rows), ("csv", _csv_rows)):
            out = tmp_path / f"{kind}.{fmt}"
            written = run(capsys, "program", "export", pid, "--list", kind, "--out", str(out))
            download = client.get(f"/program/{pid}/orang/?daftar={page_name}&unduh={fmt}")
            assert download.status_code == 200
            assert read(out.read_bytes()) == read(download.content), (kind, fmt)
            assert written == {"program": program.pk, "list": kind, "rows": len(read(out.read_bytes())) - 1,
                               "file": str(out)}  # fmt: skip
    # The lists hold what the page shows: whole NIKs, the waiting reason in Indonesian.
    waiting = _csv_rows((tmp_path / "waiting.csv").read_bytes())
    assert waiting[0] == ["Peringkat", "Nama", "NIK", "Pekerjaan", "Desil DTSEN", "Alasan menunggu"]
    assert len(waiting) == 2 and waiting[1][2] == "3573016305880008" and "dana APBD habis" in waiting[1][5]
    assert len(_sheet_rows((tmp_path / "enrolled.xlsx").read_bytes())) == 6
    call_command("program", "export", pid, "--list", "selected", "--out", str(tmp_path / "terpilih.csv"))
    assert capsys.readouterr().out.strip() == f"5 orang dari daftar terpilih ditulis ke {tmp_path / 'terpilih.csv'}."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--list", "chosen", "--out", "x.csv"], "Daftar «chosen» tidak ada; pilih salah satu: eligible, excluded, "
                                                 "selected, waiting, enrolled."),
        (["--list", "selected", "--out", "x.pdf"], r"\.xlsx atau \.csv"),
    ],
)  # fmt: skip
def test_program_export_refuses_an_unknown_list_or_format(personas, program, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError, match=message):
        call_command("program", "export", str(program.pk), *args)
    assert list(tmp_path.iterdir()) == []


def test_program_list_shows_each_program_with_its_funds_and_counts(personas, program, capsys):
    run(capsys, "program", "eligibility", str(program.pk), "--save")
    run(capsys, "program", "select", str(program.pk))
    other = a_program(personas, name="Linmas 2028", start=dt.date(2028, 1, 1))
    listed = run(capsys, "program", "list", "--region", "35.73")
    assert [item["id"] for item in listed] == [other.pk, program.pk]  # newest budget year first
    assert listed[1] == {
        "id": program.pk,
        "name": "Pekerja rentan 2027",
        "budget_year": 2027,
        "cover_start": "2027-01",
        "months": 12,
        "status": "draft",
        "total_funds": 5 * 201_600 + 100_000,
        "counts": {"eligible": 6, "selected": 5, "waiting": 1, "enrolled": 0, "rejected": 0},
    }
    assert listed[0]["total_funds"] == 0 and listed[0]["counts"]["eligible"] == 0
    call_command("program", "list", "--region", "35.73")
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == (
        f"#{program.pk} Pekerja rentan 2027 (2027), Draf: 12 bulan dari 01-2027, dana Rp1.108.000; "
        "layak 6, terpilih 5, menunggu 1, terdaftar 0, ditolak BPJS 0"
    )
    assert run(capsys, "program", "list", "--region", "35.79") == []  # Kota Batu has none
