"""Reading a bill's cells: amounts as branches write them, months in every form, refusals with a reason."""

import datetime as dt

import polars as pl
import pytest

from jaring.core.billing import amount_expr, month_expr, normalise_invoice_lines


@pytest.mark.parametrize(
    ("cell", "rupiah"),
    [
        ("16800", 16_800),
        ("16800.0", 16_800),
        ("10.000", 10_000),
        ("Rp 6.800", 6_800),
        ("Rp16.800,00", 16_800),
        ("1.234.567", 1_234_567),
        ("16800,-", 16_800),
        ("-16.800", None),
        ("16800,50", None),
        ("abc", None),
    ],
)
def test_amounts(cell, rupiah):
    assert pl.select(amount_expr(pl.lit(cell))).item() == rupiah


@pytest.mark.parametrize(
    "cell", ["2026-07", "07/2026", "JUL-2026", "Juli 2026", "2026-07-01", "2026-07-01 00:00:00", "01-07-2026", "46204"]
)
def test_months(cell):
    assert pl.select(month_expr(pl.lit(cell))).item() == dt.date(2026, 7, 1)


def test_bad_lines_are_kept_and_flagged_with_why():
    rows = pl.DataFrame(
        {
            "row": [1, 2, 3, 4, 5, 6],
            "kpj": ["10000000001", "10000000002", "10000000003", None, "10000000005", "10000000006"],
            "nik": ["'3573011508900001", "3573011508900002", "3573011508900003", None, "3573011508900005", "x"],
            "name": ["a", "b", "c", "d", "e", "f"],
            "month": ["2026-07", "2026-07", "BULAN 13", "2026-07", "2026-07", "2026-07"],
            "jkk": ["10.000", "-10.000", "10000", "10000", "10000", "10000"],
            "jkm": ["6.800", "6800", "6800", "6800", "6800,50", "6800"],
            "total": ["16.800", "-3.200", "16800", "16800", "16800", "20000"],
        }
    )
    lines = normalise_invoice_lines(rows).to_dicts()
    assert [line["problem"] for line in lines] == [
        None,
        "amount_negative",
        "month_invalid",
        "nik_missing",
        "amount_fraction",
        "total_parts",
    ]
    assert lines[0]["nik"] == "3573011508900001" and lines[0]["total"] == 16_800
    assert lines[5]["nik"] is None and lines[5]["kpj"] == "10000000006"
