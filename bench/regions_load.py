"""Time `jaring regions load` into an empty database, then again with nothing to change.

Target (issue 2): the full hierarchy (38 / 514 / 7,285 / 83,762) within 60 s on SQLite on a 2-core
machine. Uses a scratch SQLite file; set BENCH_DATABASE_URL to time another database as well
(its tables must not exist yet or already be migrated).
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

JARING = str(Path(sys.executable).with_name("jaring"))
TARGET_SECONDS = 60


def run(env: dict[str, str], *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run([JARING, *args], env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, result.stdout


def bench(label: str, database_url: str) -> bool:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench",
        "DEBUG": "false",
        "JARING_ENV_FILE": os.devnull,
    }
    run(env, "migrate", "--noinput", "-v", "0")
    first_seconds, first_out = run(env, "regions", "load", "--json")
    second_seconds, second_out = run(env, "regions", "load", "--json")
    first, second = json.loads(first_out), json.loads(second_out)
    levels = " / ".join(f"{first['levels'][level]:,}" for level in ("1", "2", "3", "4"))
    ok = first_seconds <= TARGET_SECONDS
    verdict = "OK" if ok else "OVER"
    print(
        f"{label}: regions load from empty   {first_seconds:6.1f} s wall ({first['seconds']:.1f} s in the "
        f"service), {first['created']:,} rows [{levels}] {verdict} (target {TARGET_SECONDS} s)"
    )
    print(
        f"{label}: regions load, no changes  {second_seconds:6.1f} s wall ({second['seconds']:.1f} s in the "
        f"service), {second['unchanged']:,} unchanged"
    )
    return ok


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        ok = bench("SQLite", f"sqlite:///{Path(scratch) / 'bench.sqlite3'}")
    if os.environ.get("BENCH_DATABASE_URL"):
        ok = bench("PostgreSQL", os.environ["BENCH_DATABASE_URL"]) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
