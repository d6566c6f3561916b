"""`jaring import` of a 200,000-row xlsx from the shared generator, on PostgreSQL (issue 3's xlsx target).

The million-row CSV, `jaring link` and the pages are measured in bench/product_path.py. Target on
a 2-core machine: <= 30 s, peak memory <= 2 GB, as a child process against a scratch database
`jaring_bench` on 127.0.0.1:5432 (BENCH_DATABASE_URL names another). ROWS_XLSX shrinks the file.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

import polars as pl
import xlsxwriter

from bench.product_path import ON, REGION, figure, prepare_database, run
from tests.synthetic.files import opd_list_file, region_places
from tests.synthetic.people import synthetic_lists, synthetic_people

ROWS_XLSX = int(os.environ.get("ROWS_XLSX", 200_000))


def write_xlsx(frame: pl.DataFrame, path: Path) -> None:
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("Data")
    sheet.write_row(0, 0, frame.columns)
    for number, row in enumerate(frame.iter_rows(), start=1):
        sheet.write_row(number, 0, row)
    workbook.close()


def main() -> int:
    places = region_places(REGION)
    villages = places.get_column("code").to_list()
    rows = synthetic_lists(synthetic_people(ROWS_XLSX // 2, villages=villages), villages=villages).head(ROWS_XLSX)
    listing, _truth = opd_list_file(rows, places)
    env = prepare_database(os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jaring_bench"))
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "daftar.xlsx"
        write_xlsx(listing, path)
        started = time.perf_counter()
        pl.read_excel(path, engine="calamine", infer_schema_length=0)
        floor = time.perf_counter() - started
        seconds, peak, _out = run(
            env, "import", str(path), "--source", "DINSOS", "--region", REGION, "--on", ON.isoformat(), "--json"
        )
    ok = figure(f"jaring import {listing.height:,} rows (xlsx)", seconds, 30, "s", f"calamine read alone {floor:.1f} s")
    ok &= figure("jaring import (xlsx) peak memory", peak, 2048, "MB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
