"""What a user runs, measured end to end on PostgreSQL with lists as messy as real ones (issue 7).

1. `jaring import` of a ~1,000,000-row CSV from the shared generator (tests/synthetic): a third of
   NIKs malformed, six date forms, titles, misspelt kelurahan.     target <= 30 s, peak <= 2 GB
2. `jaring link` from scratch on those rows (read, link, write persons, pairs, assignments).
                                                                   target <= 90 s, peak <= 4 GB
3. `jaring import` + `jaring link` of ~20,000 new rows against them; the link alone
                                                                   target <= 10 s
4. The home page with leadership's figures, the submitted lists, the persons page and a person's
   page with the region's persons.                                     target <= 300 ms each

Each command runs as a child process (its peak RSS is its own) against a scratch database
`jaring_bench` on 127.0.0.1:5432 (BENCH_DATABASE_URL names another). PEOPLE sets the size
(default 500,000 people, about 1,000,000 rows). Prints one line per figure with its target, and
the linkage's accuracy against the generator's truth.
"""

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl
import psycopg

from tests.synthetic.files import opd_list_file, region_places
from tests.synthetic.people import synthetic_lists, synthetic_people
from tests.synthetic.scoring import score_clusters

JARING = str(Path(sys.executable).with_name("jaring"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/jaring_bench"
REGION = "35.07"  # Kabupaten Malang: 33 kecamatan, 390 desa/kelurahan
PEOPLE = int(os.environ.get("PEOPLE", 500_000))
NEW_PEOPLE, NEW_ROWS_ABOUT_KNOWN = 8_000, 2_000  # about 20,000 new rows in all
ON = dt.date(2026, 11, 21)
PAGE_TIMING = """
import statistics, time
from django.test import Client
from jaring.accounts.models import User
from jaring.accounts.roles import Role
from jaring.accounts.services import user_create
from jaring.persons.models import Person
from jaring.regions.models import Region
user = User.objects.filter(username="bench_admin").first() or user_create(
    actor=None, username="bench_admin", password="bench-Sandi-2026!", role=Role.DISNAKER_ADMIN,
    region=Region.objects.get(code="{region}"))
client = Client()
client.force_login(user)
persons = Person.objects.filter(region_id="{region}").order_by("id")
person = persons[persons.count() // 2]
pages = {{
    "home with figures": "/",
    "submitted lists": "/pendataan/",
    "persons": "/orang/",
    "persons search": "/orang/?q=siti",
    "person": f"/orang/{{person.pk}}/",
}}
for label, url in pages.items():
    times = []
    for _ in range(7):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    print(f"PAGE {{label}} {{statistics.median(times):.0f}}")
"""


def prepare_database(url: str) -> dict[str, str]:
    if url == DEFAULT_URL:
        with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS jaring_bench")
            admin.execute("CREATE DATABASE jaring_bench")
    # A user's installation keeps compiled bytecode; without it every command spends ~2 s compiling
    # Django and Jaring again (this sandbox sets PYTHONDONTWRITEBYTECODE), which is not what users wait for.
    env = {
        **{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
        "DATABASE_URL": url,
        "SECRET_KEY": "bench",
        "DEBUG": "false",
        "JARING_ENV_FILE": os.devnull,
        "ALLOWED_HOSTS": "testserver",
    }
    subprocess.run([JARING, "migrate", "--noinput", "-v", "0"], env=env, check=True)
    subprocess.run([JARING, "regions", "load", "--only", REGION, "--json"], env=env, check=True, capture_output=True)
    # As a region is set up: the OPDs whose lists arrive, by code (`jaring import --source` names one).
    for code, name in (("DINSOS", "Dinas Sosial"), ("KEMENAG", "Kantor Kementerian Agama")):
        subprocess.run(
            [JARING, "opd", "add", "--code", code, "--name", name, "--region", REGION, "--json"],
            env=env,
            check=True,
            capture_output=True,
        )
    return env


# The command is started by a small launcher process, not by this one: a child forked from a
# process holding a million generated rows would count that memory in its own peak RSS.
LAUNCHER = """
import json, os, subprocess, sys, time
started = time.perf_counter()
process = subprocess.Popen(sys.argv[2:])
_pid, status, usage = os.wait4(process.pid, 0)
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": time.perf_counter() - started, "peak_mb": usage.ru_maxrss / 1024,
               "code": os.waitstatus_to_exitcode(status)}, out)
"""


def run(env: dict[str, str], *arguments: str) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) of the command's process alone, and its standard output."""
    with tempfile.TemporaryFile("w+") as output, tempfile.NamedTemporaryFile("r") as measured:
        subprocess.run([sys.executable, "-c", LAUNCHER, measured.name, JARING, *arguments], env=env, stdout=output)
        output.seek(0)
        text = output.read()
        figures = json.loads(Path(measured.name).read_text())
    if figures["code"] != 0:
        raise SystemExit(f"jaring {' '.join(arguments)} failed:\n{text}")
    return figures["seconds"], figures["peak_mb"], text


def figure(label: str, value: float, target: float, unit: str, extra: str = "") -> bool:
    ok = value <= target
    print(f"{label:<44} {value:>9,.1f} {unit:<3} target <= {target:,} {unit:<3} {'OK' if ok else 'OVER'}  {extra}")
    return ok


def main() -> int:
    places = region_places(REGION)
    villages = places.get_column("code").to_list()
    started = time.perf_counter()
    everyone = synthetic_lists(synthetic_people(PEOPLE + NEW_PEOPLE, villages=villages), villages=villages)
    first = everyone.filter(pl.col("person_id") < PEOPLE)
    arriving = pl.concat(
        [
            everyone.filter(pl.col("person_id") >= PEOPLE),
            first.filter(pl.col("person_id") < NEW_ROWS_ABOUT_KNOWN),
        ]
    )
    first_file, first_truth = opd_list_file(first, places, seed=23)
    arriving_file, _truth = opd_list_file(arriving, places, seed=29)
    print(
        f"generated {first_file.height:,} rows about {PEOPLE:,} people and {arriving_file.height:,} new rows "
        f"in {time.perf_counter() - started:.1f} s"
    )
    env = prepare_database(os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    ok = True
    with tempfile.TemporaryDirectory() as scratch:
        first_path, arriving_path = Path(scratch) / "pekerja-rentan-2026.csv", Path(scratch) / "susulan.csv"
        first_file.write_csv(first_path)
        arriving_file.write_csv(arriving_path)
        common = ["--region", REGION, "--on", ON.isoformat(), "--json"]

        seconds, peak, out = run(env, "import", str(first_path), "--source", "DINSOS", *common)
        counts = json.loads(out.splitlines()[-1])
        extra = f"peak {peak:,.0f} MB; {counts['accepted']:,} accepted, {counts['warnings']:,} warnings, "
        extra += f"{counts['rejected']:,} rejected"
        ok &= figure(f"jaring import {first_file.height:,} rows (CSV)", seconds, 30, "s", extra)
        ok &= figure("jaring import peak memory", peak, 2048, "MB")

        seconds, peak, out = run(env, "link", "--region", REGION, "--json")
        linked = json.loads(out.splitlines()[-1])
        extra = f"peak {peak:,.0f} MB; {linked['persons']:,} persons, {linked['auto_links']:,} auto pairs, "
        extra += f"{linked['review_pairs']:,} for review"
        ok &= figure("jaring link from scratch", seconds, 90, "s", extra)
        ok &= figure("jaring link peak memory", peak, 4096, "MB")

        records_path = Path(scratch) / "records.csv"
        run(env, "export", "records", "--out", str(records_path), "--region", REGION)
        records = pl.read_csv(records_path, infer_schema=False).filter(pl.col("person_id") != "")
        scored = records.select(
            No=(pl.col("row").cast(pl.Int64) - 1).cast(pl.String), cluster_id=pl.col("person_id")
        ).join(first_truth, on="No")
        print(f"{'accuracy on the linked rows':<44} {score_clusters(scored).to_dict()}")

        seconds, peak, out = run(env, "import", str(arriving_path), "--source", "KEMENAG", *common)
        ok &= figure(f"jaring import {arriving_file.height:,} new rows", seconds, 30, "s", f"peak {peak:,.0f} MB")
        seconds, peak, out = run(env, "link", "--region", REGION, "--json")
        linked = json.loads(out.splitlines()[-1])
        extra = f"peak {peak:,.0f} MB; {linked['new_persons']:,} new persons, "
        extra += f"held lists {linked['held_submissions']}, in the service {linked['seconds']:.1f} s"
        ok &= figure("jaring link incremental (the new rows)", seconds, 10, "s", extra)

        _seconds, _peak, out = run(env, "shell", "-c", PAGE_TIMING.format(region=REGION))
        for line in out.splitlines():
            if line.startswith("PAGE "):
                *label, milliseconds = line.removeprefix("PAGE ").split()
                ok &= figure(f"page: {' '.join(label)} (median of 7)", float(milliseconds), 300, "ms")
    print("OK" if ok else "BELOW TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
