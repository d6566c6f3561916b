"""A BPJS bill of 1,000,000 lines reconciled as the user runs it (issue 18), on PostgreSQL.

`jaring invoice import FILE --program ID` then `jaring invoice reconcile ID --user NAME`, each a child
process (its peak RSS its own), against a scratch database with a running program of LINES members
(default 1,000,000) and the region's persons, and a second program whose members the bill also names.
The bill is the shared generator's (tests/synthetic/invoices.py), csv as a branch exports it, with
every kind of error planted; the reconciliation's classes are checked against its truth.
                                                              target: import + reconcile <= 10 s
"""

import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

from bench.product_path import figure, prepare_database, run

LINES = int(os.environ.get("LINES", 1_000_000))
URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jaring_bench")
REGION = "35.73"
JULY = dt.date(2026, 7, 1)


def main() -> int:
    env = prepare_database(URL)
    subprocess_env = {**env}
    os.environ.update({key: env[key] for key in ("DATABASE_URL", "SECRET_KEY", "DEBUG", "JARING_ENV_FILE")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaring.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from jaring.accounts.roles import Role
    from jaring.accounts.services import user_create
    from jaring.billing.models import Difference
    from jaring.regions.models import Region
    from tests.billing.load import load_members, record_deaths, running_program
    from tests.synthetic.invoices import invoice_case, members_frame

    with open(os.devnull, "w") as quiet:
        call_command("regions", "load", "--only", REGION, "--json", stdout=quiet)
    region = Region.objects.get(code=REGION)
    user_create(actor=None, username="bench_treasurer", password="bench-Sandi-2026!", role=Role.DISNAKER_ADMIN,
                region=region)  # fmt: skip
    started = time.perf_counter()
    members = members_frame(LINES, period=JULY, seed=5)
    others = members_frame(max(LINES // 100, 10), period=JULY, seed=6)
    case = invoice_case(members, period=JULY, seed=18, others=others, fmt="csv")
    print(f"generated a bill of {case.truth.filter(pl.col('row').is_not_null()).height:,} lines "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    started = time.perf_counter()
    program, source = running_program(region, name="Pekerja rentan 2026", start=dt.date(2026, 1, 1))
    other, other_source = running_program(region, name="Ojol CSR 2026", start=dt.date(2026, 1, 1), kind="csr")
    load_members(region, program, source, members)
    load_members(region, other, other_source, others)
    record_deaths(region, case.deaths)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()
    print(f"loaded {members.height:,} members and persons in {time.perf_counter() - started:.1f} s")

    ok = True
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / case.file_name
        path.write_bytes(case.data)
        import_seconds, import_peak, out = run(subprocess_env, "invoice", "import", str(path), "--program",
                                               str(program.pk), "--json")  # fmt: skip
        imported = json.loads(out.splitlines()[-1])
        check_seconds, check_peak, out = run(subprocess_env, "invoice", "reconcile", str(imported["invoice_id"]),
                                             "--user", "bench_treasurer", "--json")  # fmt: skip
    total = import_seconds + check_seconds
    ok &= figure(
        "invoice import + reconcile (1M lines)" if LINES == 1_000_000 else f"invoice import + reconcile ({LINES:,})",
        total,
        10,
        "s",
        f"import {import_seconds:.1f} s (peak {import_peak:,.0f} MB), reconcile {check_seconds:.1f} s "
        f"(peak {check_peak:,.0f} MB); {imported['lines']:,} lines",
    )
    found = pl.DataFrame(
        list(Difference.objects.filter(reconciliation__invoice_id=imported["invoice_id"]).values_list("row", "klass")),
        schema={"row": pl.Int64, "klass": pl.String},
        orient="row",
    )
    truth = case.truth.filter(pl.col("klass") != "matched")
    planted = dict(truth.group_by("klass").len().iter_rows())
    got = dict(found.group_by("klass").len().iter_rows())
    lines = truth.filter(pl.col("row").is_not_null()).select("row", "klass")
    agree = lines.join(found.filter(pl.col("row").is_not_null()), on=["row", "klass"], how="inner").height
    print(f"classes planted {planted}")
    print(f"classes found   {got}")
    print(f"lines classed as planted: {agree:,} of {lines.height:,}")
    ok &= got == planted and agree == lines.height
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
