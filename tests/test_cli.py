"""The `jaring` console script, run as a user would run it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_docs import jaring_commands

JARING = Path(sys.executable).with_name("jaring")


def jaring(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SECRET_KEY": "cli-test", "DEBUG": "false"}
    return subprocess.run([str(JARING), *args], capture_output=True, text=True, env=env, timeout=120)


def test_help_lists_jarings_own_commands():
    result = jaring("--help")
    assert result.returncode == 0
    for command in ("regions load", "nik check", "demo setup", "migrate"):
        assert command in result.stdout


def test_help_lists_every_command_and_verb_jaring_registers():
    result = jaring("--help")
    assert result.returncode == 0
    names = {line[2:].partition("  ")[0].rstrip() for line in result.stdout.splitlines() if line.startswith("  ")}
    missing = [command for command in jaring_commands() if command not in names]
    assert not missing, f"jaring --help lacks {missing}"
    assert "Django commands work too" in result.stdout


def test_help_needs_no_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env["JARING_ENV_FILE"] = str(tmp_path / "absent.env")
    result = subprocess.run([str(JARING), "--help"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "  program export " in result.stdout


def test_django_commands_run_through_it():
    result = jaring("help", "--commands")
    assert result.returncode == 0
    assert {"migrate", "createsuperuser", "regions", "nik", "demo"} <= set(result.stdout.split())


def test_nik_check_json():
    result = jaring(
        "nik", "check", "--json", "--on", "2026-11-21", "3573015508900001", "3.57305E+15", "'9124011203850002"
    )
    assert result.returncode == 1  # one of them is invalid
    data = json.loads(result.stdout)
    assert [item["valid"] for item in data] == [True, False, True]
    assert data[0] == {
        "input": "3573015508900001",
        "nik": "3573015508900001",
        "valid": True,
        "sex": "P",
        "birth_date": "1990-08-15",
        "region_code": "35.73.01",
        "province": "Jawa Timur",
        "regency": "Kota Malang",
        "district": "Blimbing",
        "current_regency_code": None,
        "issues": [],
    }
    assert data[1]["nik"] is None and data[1]["issues"][0]["code"] == "nik.scientific_notation"
    assert data[2]["nik"] == "9124011203850002"  # Nduga, Papua before the 2022 split (now 95.08)
    assert (data[2]["regency"], data[2]["current_regency_code"]) == ("Kabupaten Nduga", "95.08")
    assert [issue["code"] for issue in data[2]["issues"]] == ["nik.regency_legacy"]
    assert data[2]["issues"][0]["severity"] == "warning"


def test_nik_check_text_output_and_exit_status():
    result = jaring("nik", "check", "--on", "2026-11-21", "3573011508900001")
    assert result.returncode == 0
    assert "SAH" in result.stdout and "laki-laki" in result.stdout
    assert "wilayah: Jawa Timur / Kota Malang / Blimbing" in result.stdout


def test_nik_check_rejects_a_bad_reference_date():
    result = jaring("nik", "check", "--on", "21-11-2026", "3573011508900001")
    assert result.returncode != 0
    assert "YYYY-MM-DD" in result.stderr


@pytest.mark.parametrize("command", [("regions", "load"), ("nik", "check"), ("demo", "setup"), ("import",)])
def test_every_subcommand_has_help(command):
    result = jaring(*command, "--help")
    assert result.returncode == 0
    assert "--json" in result.stdout


def test_missing_secret_key_is_a_clear_error_not_a_traceback(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env["JARING_ENV_FILE"] = str(tmp_path / "absent.env")
    result = subprocess.run([str(JARING), "check"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr and "Traceback" not in result.stderr
