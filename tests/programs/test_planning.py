"""A program with its funds, and the planner both ways from the command line, exact to the rupiah."""

import json

import pytest
from django.core.management import CommandError, call_command

from jaring.accounts.models import AuditEvent
from jaring.programs.models import FundingSource, Program

pytestmark = pytest.mark.django_db


def _create(capsys, *extra) -> dict:
    call_command(
        "program", "create", "--name", "Pekerja rentan 2025", "--year", "2025", "--from", "2025-01",
        "--months", "12", "--region", "35.73", "--json", *extra,
    )  # fmt: skip
    return json.loads(capsys.readouterr().out)


def test_a_program_with_restricted_funds_and_what_a_budget_buys(personas, capsys):
    program = _create(capsys)
    call_command(
        "program", "fund", str(program["id"]), "--kind", "dbhcht", "--amount", "5.300.000.000",
        "--basis", "Perwal Malang 12/2025", "--only", "petani,buruh_serabutan", "--json",
    )  # fmt: skip
    shown = json.loads(capsys.readouterr().out)
    assert isinstance(shown["sources"][0].pop("id"), int)
    assert shown["sources"] == [
        {
            "kind": "dbhcht",
            "amount": 5_300_000_000,
            "categories": ["buruh_serabutan", "petani"],
            "sponsor": "",
            "basis": "Perwal Malang 12/2025",
        }
    ]
    assert AuditEvent.objects.filter(action__startswith="programs.").count() == 2

    call_command("plan", "--program", str(program["id"]), "--budget", "5202892800", "--json")
    plan = json.loads(capsys.readouterr().out)
    assert (plan["workers"], plan["per_worker"], plan["cost"], plan["left_over"]) == (25_808, 201_600, 5_202_892_800, 0)
    call_command("plan", "--program", str(program["id"]), "--budget", "5202892800", "--months", "9", "--json")
    assert json.loads(capsys.readouterr().out)["workers"] == 5_202_892_800 // (9 * 16_800)


def test_what_a_coverage_target_costs(personas, capsys):
    program = _create(capsys)
    call_command("plan", "--program", str(program["id"]), "--target", "41,23", "--workforce", "420000", "--json")
    plan = json.loads(capsys.readouterr().out)
    assert plan["covered_now"] == 0 and plan["workers_needed"] == 173_166
    assert plan["cost"] == 173_166 * 201_600
    with pytest.raises(CommandError, match="--workforce"):
        call_command("plan", "--program", str(program["id"]), "--target", "41")


def test_a_gap_longer_than_three_months_warns_about_lapsing(personas, capsys):
    _create(capsys)
    call_command(
        "program", "create", "--name", "Pekerja rentan 2026", "--year", "2026", "--from", "2026-07",
        "--months", "6", "--region", "35.73", "--json",
    )  # fmt: skip
    later = json.loads(capsys.readouterr().out)
    call_command("plan", "--program", str(later["id"]), "--budget", "100000000", "--json")
    warning = json.loads(capsys.readouterr().out)["warning"]
    assert warning.startswith("6 bulan tanpa perlindungan sejak 12-2025")
    call_command("plan", "--program", str(later["id"]), "--budget", "100000000", "--from", "2026-02", "--json")
    assert json.loads(capsys.readouterr().out)["warning"] == ""


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--amount", "-5"], "tidak boleh negatif"),
        (["--amount", "1000,50"], "bukan rupiah bulat"),
        (["--amount", "0"], "di atas 0"),
        (["--amount", "1000000", "--only", "astronot"], "astronot"),
        (["--amount", "1000000", "--kind", "csr"], "sponsor CSR"),
    ],
)
def test_bad_funding_is_refused_and_changes_nothing(personas, capsys, arguments, message):
    program = _create(capsys)
    kind = [] if "--kind" in arguments else ["--kind", "apbd"]
    with pytest.raises(CommandError, match=message):
        call_command("program", "fund", str(program["id"]), *kind, *arguments)
    assert not FundingSource.objects.exists()


def test_bad_programs_and_budgets_are_refused(personas, capsys):
    def create(start: str, months: str) -> None:
        call_command(
            "program", "create", "--name", "X program", "--year", "2026", "--from", start, "--months", months,
            "--region", "35.73",
        )  # fmt: skip

    with pytest.raises(CommandError, match="tulis YYYY-MM"):
        create("Juli", "6")
    with pytest.raises(CommandError, match="minimal 1 bulan"):
        create("2026-07", "0")
    with pytest.raises(CommandError, match="antara 1 dan 36"):
        create("2026-07", "40")
    assert not Program.objects.exists()
    program = _create(capsys)
    with pytest.raises(CommandError, match="tidak cukup untuk satu pekerja satu bulan"):
        call_command("plan", "--program", str(program["id"]), "--budget", "16799")
