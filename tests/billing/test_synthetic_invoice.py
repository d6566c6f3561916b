"""The reconciliation judged on a bill as messy as a branch's, with every kind of error planted: each line's
class and each unbilled member-month must be what the generator planted (tests/synthetic/invoices.py)."""

import datetime as dt

import polars as pl
import pytest

from jaring.billing.models import Difference
from jaring.billing.services import invoice_import, invoice_reconcile
from tests.billing.load import load_members, record_deaths, running_program
from tests.synthetic.invoices import invoice_case, members_frame

pytestmark = pytest.mark.django_db
JULY = dt.date(2026, 7, 1)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_every_planted_error_is_found_and_nothing_else(personas, fmt):
    region = personas.malang
    program, source = running_program(region, name="Pekerja rentan 2026", start=dt.date(2026, 1, 1))
    other, other_source = running_program(region, name="Ojol CSR 2026", start=dt.date(2026, 1, 1), kind="csr")
    members = members_frame(300, period=JULY, seed=3, months=2)  # June arrears and July
    others = members_frame(40, period=JULY, seed=4)
    load_members(region, program, source, members)
    load_members(region, other, other_source, others)
    case = invoice_case(members, period=JULY, seed=18, others=others, fmt=fmt)
    record_deaths(region, case.deaths)
    imported = invoice_import(actor=None, program=program, file_name=case.file_name, data=case.data)
    assert imported.invoice.lines_total == case.lines_total
    assert imported.invoice.stated_total == case.header_total
    invoice_reconcile(actor=personas.admin, invoice=imported.invoice)

    found = pl.DataFrame(
        list(
            Difference.objects.filter(reconciliation__invoice=imported.invoice).values(
                "row", "nik", "month", "klass", "detail"
            )
        ),
        schema={"row": pl.Int64, "nik": pl.String, "month": pl.Date, "klass": pl.String, "detail": pl.String},
    )
    truth = case.truth.filter(pl.col("klass") != "matched")
    planted = truth.group_by("klass", "detail").len().sort("klass", "detail")
    got = found.group_by("klass", "detail").len().sort("klass", "detail")
    assert got.to_dicts() == planted.to_dicts()
    lines = truth.filter(pl.col("row").is_not_null()).select("row", "klass", "detail").sort("row")
    assert found.filter(pl.col("row").is_not_null()).select("row", "klass", "detail").sort("row").equals(lines)
    unbilled = truth.filter(pl.col("row").is_null()).select("nik", "month").sort("nik", "month")
    assert found.filter(pl.col("row").is_null()).select("nik", "month").sort("nik", "month").equals(unbilled)
