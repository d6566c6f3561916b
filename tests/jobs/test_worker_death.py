"""A job outlives its worker: a real `jaring worker` process is killed (SIGKILL) in the middle of an import.

Everything runs in child processes on a scratch database, as on a server: the job is started as
the upload page starts it, a worker takes it, dies, and the next worker notices. The database is a
SQLite file, or, in the PostgreSQL pass (DATABASE_URL names PostgreSQL), a scratch PostgreSQL
database beside the test one.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import polars as pl
import psycopg
import pytest
from psycopg.rows import dict_row

JARING = str(Path(sys.executable).with_name("jaring"))
ROWS = 60_000


def scratch_database(tmp_path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / 'jaring.sqlite3'}"
    server, _slash, _name = url.rpartition("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS jaring_worker_test WITH (FORCE)")
        admin.execute("CREATE DATABASE jaring_worker_test")
    return f"{server}/jaring_worker_test"


def query(scratch: dict, sql: str, params: tuple = ()) -> list[dict]:
    """Read the scratch database directly, as an operator would, while the workers run."""
    url = scratch["url"]
    if url.startswith("sqlite"):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30)) as db:
            db.row_factory = sqlite3.Row
            rows = [dict(row) for row in db.execute(sql, params).fetchall()]
            db.commit()
            return rows
    with psycopg.connect(url, autocommit=True, row_factory=dict_row) as db:
        cursor = db.execute(sql.replace("?", "%s"), params)
        return cursor.fetchall() if cursor.description else []


@pytest.fixture
def scratch(tmp_path, db) -> dict:
    # `db` makes this a database test, so the PostgreSQL pass runs it too (on its own scratch database).
    url = scratch_database(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "worker-test",
        "DEBUG": "false",
        "JARING_ENV_FILE": os.devnull,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "JOBS_HEARTBEAT_SECONDS": "1",
    }
    for command in (["migrate", "-v", "0"], ["regions", "load", "--only", "35.73", "--json"], ["demo", "setup"]):
        subprocess.run([JARING, *command], env=env, check=True, capture_output=True)
    listing = tmp_path / "linmas.csv"
    index = pl.col("i")
    day = (index % 28 + 1).cast(pl.String).str.zfill(2)
    pl.DataFrame({"i": pl.int_range(0, ROWS, eager=True)}).select(
        NIK=pl.format("357305{}0890{}", day, (index % 9999 + 1).cast(pl.String).str.zfill(4)),
        Nama=pl.format("Pekerja {}", index),
        **{"Tgl Lahir": pl.format("{}-08-1990", day)},
        Kelurahan=pl.lit(pl.Series(["Sumbersari", "Dinoyo"])).gather(index % 2),
        Kecamatan=pl.lit("Lowokwaru"),
    ).write_csv(listing)
    return {"env": env, "url": url, "listing": listing}


def start_import(scratch: dict) -> int:
    code = (
        "from pathlib import Path; from jaring.accounts.models import User; "
        "from jaring.registry.tasks import import_start; "
        "operator = User.objects.get(username='operator'); "
        f"path = Path({str(scratch['listing'])!r}); "
        "print(import_start(actor=operator, opd=operator.opd, file_name=path.name, data=path.read_bytes()).pk)"
    )
    out = subprocess.run([JARING, "shell", "-c", code], env=scratch["env"], check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


def job_row(scratch: dict, job_id: int) -> dict:
    row = query(scratch, "SELECT * FROM jobs_job WHERE id = ?", (job_id,))[0]
    result = row["result"]
    return {**row, "result": json.loads(result) if isinstance(result, str) else result}


def stored_rows(scratch: dict) -> int:
    return query(scratch, "SELECT COUNT(*) AS n FROM registry_sourcerecord")[0]["n"]


def worker(scratch: dict, *extra: str, env: dict | None = None) -> subprocess.Popen:
    arguments = [JARING, "worker", "--queue-name", "*", "--no-reload", "--no-startup-delay", "--interval", "0.2"]
    return subprocess.Popen(
        [*arguments, *extra],
        env={**scratch["env"], **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def kill_mid_import(scratch: dict, job_id: int, env: dict | None = None) -> dict:
    """Start a worker, wait until it is well into the import, kill it without warning."""
    process = worker(scratch, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        row = job_row(scratch, job_id)
        if row["status"] == "running" and row["percent"] >= 30:
            break
        assert process.poll() is None, process.stdout.read()
        time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("the worker never got into the import")
    process.send_signal(signal.SIGKILL)
    process.wait()
    return job_row(scratch, job_id)


def test_a_job_whose_worker_was_killed_runs_again_and_stores_the_list_once(scratch):
    job_id = start_import(scratch)
    killed = kill_mid_import(scratch, job_id)
    assert killed["status"] == "running" and killed["attempts"] == 1  # what the page showed for ever before
    assert stored_rows(scratch) == 0  # the import's transaction was rolled back with the process

    # The next worker notices at start that the job's worker is gone and runs it again from its stored input.
    rerun = worker(scratch, "--batch")
    output, _ = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, output
    assert f"{job_id}" in output
    done = job_row(scratch, job_id)
    assert (done["status"], done["attempts"], done["percent"]) == ("done", 2, 100), done
    assert done["result"]["rows"] == ROWS and stored_rows(scratch) == ROWS


def test_a_job_whose_worker_dies_on_its_last_try_fails_with_a_message(scratch):
    job_id = start_import(scratch)
    query(scratch, "UPDATE jobs_job SET max_attempts = 1 WHERE id = ?", (job_id,))
    kill_mid_import(scratch, job_id)
    rerun = worker(scratch, "--batch")
    output, _ = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, output
    failed = job_row(scratch, job_id)
    assert (failed["status"], failed["error_code"]) == ("failed", "job.worker_lost")
    assert "Proses pekerja berhenti di tengah jalan" in failed["error_message"]
    assert "dicoba 1 kali" in failed["error_message"] and stored_rows(scratch) == 0


def test_a_silent_worker_on_another_machine_is_noticed_by_its_stale_heartbeat(scratch):
    job_id = start_import(scratch)
    query(
        scratch,
        "UPDATE jobs_job SET status = 'running', attempts = 1, worker = 'another-host:4242', "
        "heartbeat_at = '2026-01-01 00:00:00' WHERE id = ?",
        (job_id,),
    )
    rerun = worker(scratch, "--batch")
    output, _ = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, output
    assert job_row(scratch, job_id)["status"] == "done" and stored_rows(scratch) == ROWS
