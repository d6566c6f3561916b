"""Two payments at once against a fund's last money: one is recorded, the other refused with the figures
(PostgreSQL: the fund's row lock)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from jaring.billing.models import Difference, Payment
from jaring.billing.services import invoice_import, invoice_reconcile, payment_add, reconciliation_approve
from jaring.programs.models import FundingSource
from tests.billing.conftest import bill, line
from tests.programs.test_concurrency import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between connections: PostgreSQL"),
]


def test_two_payments_cannot_both_take_a_funds_last_money(personas, program, enrolled, checker):
    ahmad, siti = enrolled["Ahmad Fauzi"], enrolled["Siti Aminah"]
    invoice = invoice_import(
        actor=None,
        program=program,
        file_name="jan.xlsx",
        data=bill([line(ahmad, "10000000001"), line(siti, "10000000002")]),
    ).invoice
    invoice_reconcile(actor=personas.admin, invoice=invoice)
    reconciliation_approve(actor=checker, invoice=invoice)
    assert not Difference.objects.filter(reconciliation__invoice=invoice, line_id__isnull=False).exists()
    dbhcht = FundingSource.objects.filter(program=program).order_by("id").first()
    FundingSource.objects.filter(pk=dbhcht.pk).update(amount=50_000)  # Rp50.000 left in the fund

    def pay():
        return payment_add(
            actor=checker, invoice=invoice, source=dbhcht, amount=30_000, paid_on=dt.date.today(), carry_excess=True
        )

    outcomes = at_once(pay)
    recorded = [o for o in outcomes if isinstance(o, Payment)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(recorded) == 1 and len(refused) == 1, outcomes
    assert "sisa Rp20.000" in refused[0].messages[0] or "left Rp20.000" in refused[0].messages[0]
    assert Payment.objects.count() == 1
