"""End-to-end import of synthetic worker lists into PostgreSQL, beside Polars' bare read time.

Targets (issue 3), on a 2-core machine: a 1,000,000-row CSV and a 200,000-row xlsx each in at
most 30 s, peak memory under 2 GB. The import runs as `jaring import` in a child process so its
peak memory is measured alone. BENCH_DATABASE_URL names the database (default: a scratch
database `jaring_bench` on 127.0.0.1:5432, created and migrated here). ROWS_CSV / ROWS_XLSX
shrink the files for a quick look.
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
import xlsxwriter

JARING = str(Path(sys.executable).with_name("jaring"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/jaring_bench"
ROWS_CSV = int(os.environ.get("ROWS_CSV", 1_000_000))
ROWS_XLSX = int(os.environ.get("ROWS_XLSX", 200_000))
TARGET_SECONDS, TARGET_MEMORY_MB = 30, 2048
HEADER = ["No", "NIK", "Nama Lengkap", "Tgl Lahir", "JK", "Alamat", "Kelurahan", "Kecamatan", "No HP", "Pekerjaan"]
KELURAHAN = ["Sumbersari", "Dinoyo", "Ketawanggede", "Tlogomas", "Merjosari", "Jatimulyo", "Lowokwaru", "Tulusrejo"]
OCCUPATIONS = ["Linmas", "Guru Ngaji", "Marbot", "Ojol", "Petani", "Pemulung", "Buruh serabutan", "Ketua RT"]


def synthetic(rows: int) -> pl.DataFrame:
    """Rows of a plausible list: NIKs whose dates agree with the birth dates, Kota Malang places."""
    index = pl.col("i")
    day, month, year = (index % 28 + 1), (index % 12 + 1), (index % 40 + 60)
    two = lambda expr: expr.cast(pl.String).str.zfill(2)  # noqa: E731
    return pl.DataFrame({"i": pl.int_range(0, rows, eager=True)}).select(
        (index + 1).cast(pl.String).alias("No"),
        pl.concat_str(
            [pl.lit("357305"), two(day), two(month), two(year), (index % 9999 + 1).cast(pl.String).str.zfill(4)]
        ).alias("NIK"),
        pl.format("Nama Pekerja {}", index).alias("Nama Lengkap"),
        pl.format("{}-{}-19{}", two(day), two(month), year).alias("Tgl Lahir"),
        pl.lit("L").alias("JK"),
        pl.format("Jl. Mawar No. {} RT {}/{}", index % 200, index % 9 + 1, index % 5 + 1).alias("Alamat"),
        pl.lit(pl.Series(KELURAHAN)).gather(index % len(KELURAHAN)).alias("Kelurahan"),
        pl.lit("Lowokwaru").alias("Kecamatan"),
        pl.format("0812{}", (index % 10_000_000).cast(pl.String).str.zfill(8)).alias("No HP"),
        pl.lit(pl.Series(OCCUPATIONS)).gather(index % len(OCCUPATIONS)).alias("Pekerjaan"),
    )


def write_xlsx(frame: pl.DataFrame, path: Path) -> None:
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Data")
    sheet.write_row(0, 0, frame.columns)
    for number, row in enumerate(frame.iter_rows(), start=1):
        sheet.write_row(number, 0, row)
    workbook.close()


def prepare_database(url: str) -> dict[str, str]:
    if url == DEFAULT_URL:
        with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS jaring_bench")
            admin.execute("CREATE DATABASE jaring_bench")
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench", "DEBUG": "false", "JARING_ENV_FILE": os.devnull}
    subprocess.run([JARING, "migrate", "--noinput", "-v", "0"], env=env, check=True)
    subprocess.run([JARING, "regions", "load", "--only", "35.73", "--json"], env=env, check=True, capture_output=True)
    return env


def timed_import(env: dict[str, str], path: Path, source: str) -> tuple[float, float, dict]:
    """Wall time, peak memory (MB) of this import's process alone, and its JSON result."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as output:
        process = subprocess.Popen(
            [
                JARING,
                "import",
                str(path),
                "--source",
                source,
                "--region",
                "35.73",
                "--on",
                dt.date.today().isoformat(),
                "--json",
            ],
            env=env,
            stdout=output,
            text=True,
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"jaring import failed for {path.name}")
        output.seek(0)
        result = json.loads(output.read().splitlines()[-1])
    return seconds, usage.ru_maxrss / 1024, result


def report(label: str, rows: int, floor: float, seconds: float, peak_mb: float, result: dict) -> bool:
    ok = seconds <= TARGET_SECONDS and peak_mb <= TARGET_MEMORY_MB
    print(
        f"{label}: {rows:,} rows imported in {seconds:.1f} s (Polars read alone {floor:.1f} s), "
        f"peak {peak_mb:,.0f} MB; accepted {result['accepted']:,}, warnings {result['warnings']:,}, "
        f"rejected {result['rejected']:,} -> {'OK' if ok else 'OVER'} (target {TARGET_SECONDS} s, "
        f"{TARGET_MEMORY_MB} MB)"
    )
    return ok


def main() -> int:
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    env = prepare_database(url)
    ok = True
    with tempfile.TemporaryDirectory() as scratch:
        csv_path = Path(scratch) / "daftar.csv"
        synthetic(ROWS_CSV).write_csv(csv_path)
        started = time.perf_counter()
        pl.read_csv(csv_path, infer_schema=False)
        floor = time.perf_counter() - started
        ok &= report("CSV ", ROWS_CSV, floor, *timed_import(env, csv_path, "BENCH-CSV"))

        xlsx_path = Path(scratch) / "daftar.xlsx"
        write_xlsx(synthetic(ROWS_XLSX), xlsx_path)
        started = time.perf_counter()
        pl.read_excel(xlsx_path, engine="calamine", infer_schema_length=0)
        floor = time.perf_counter() - started
        ok &= report("XLSX", ROWS_XLSX, floor, *timed_import(env, xlsx_path, "BENCH-XLSX"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
