"""A BPJS bill from upload to payment: every class found, maker-checker, the split across funds, credit,
the fund's ceiling, and bad input refused with nothing changed."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from jaring.accounts.models import AuditEvent
from jaring.billing.exports import correction_file
from jaring.billing.models import Difference, Invoice, Payment
from jaring.billing.selectors import fund_realisation, invoice_lines_frame, invoice_shares, member_months_frame
from jaring.billing.services import (
    difference_resolve,
    invoice_import,
    invoice_reconcile,
    payment_add,
    reconciliation_approve,
)
from jaring.core.intake import FileRejected
from jaring.persons.services import death_record
from jaring.programs.models import FundingSource, Program
from tests.billing.conftest import bill, line
from tests.files import xlsx_bytes

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def classes(invoice):
    return {(d.row, d.nik): (d.klass, d.detail) for d in Difference.objects.filter(reconciliation__invoice=invoice)}


def test_a_bill_is_reconciled_approved_by_another_person_and_paid_per_fund(personas, program, enrolled, checker):
    ahmad, siti, budi, dewi, joko = (enrolled[n] for n in ("Ahmad Fauzi", "Siti Aminah", "Budi Santoso",
                                                           "Dewi Lestari", "Joko Susilo"))  # fmt: skip
    # Wati is a person of the region but not in the program; Slamet's NIK is unknown to BPJS's KPJ.
    data = bill(
        [
            line(ahmad, "10000000001"),  # matched (DBHCHT)
            line(siti, "10000000002", jkk=20_000),  # income level Rp2 juta
            line(budi, "10000000003"),  # matched (APBD)
            line(budi, "10000000003"),  # billed twice
            line(dewi, "10000000004", jkk=5_000, jkm=3_400),  # the discount on public money
            line("3573099999990001", "10000000099"),  # not enrolled
            ["10000000005", joko.nik, "JOKO", "2027-01", "-10.000", 6_800, 0, -3_200],  # negative: unreadable
        ]
    )
    result = invoice_import(actor=personas.bpjs, program=program, file_name="TAGIHAN_SG_2027-01.xlsx", data=data)
    invoice = result.invoice
    assert (invoice.period, invoice.wadah_code) == (dt.date(2027, 1, 1), "SG-3573-0001")
    assert invoice.counts["lines"] == 7 and invoice.counts["unreadable"] == 1
    # The footer counts Joko's unreadable line too: the difference is said, the lines are kept.
    assert invoice.lines_total == 16_800 * 4 + 26_800 + 8_400 and invoice.stated_total == invoice.lines_total - 3_200
    assert "tidak sama" in result.warnings[0]
    assert invoice_lines_frame(invoice=invoice).height == 7

    prepared = invoice_reconcile(actor=personas.admin, invoice=invoice)
    got = classes(invoice)
    assert got[(8, siti.nik)] == ("amount_differs", "income_level")
    assert got[(10, budi.nik)] == ("billed_twice", "same_invoice")
    assert got[(11, dewi.nik)] == ("amount_differs", "discount")
    assert got[(12, "3573099999990001")] == ("not_enrolled", "")
    assert got[(13, joko.nik)] == ("unreadable", "amount_negative")
    # Joko's only line cannot be read, so his January is not billed.
    assert got[(None, joko.nik)] == ("not_billed", "")
    summary = {row["klass"]: row for row in prepared.reconciliation.summary}
    assert summary["matched"]["lines"] == 2 and summary["matched"]["billed"] == 33_600
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PREPARED

    # Maker-checker: the one who prepared it cannot approve it; nothing is paid before approval.
    dbhcht, apbd = FundingSource.objects.filter(program=program).order_by("id")
    with pytest.raises(ValidationError, match="disetujui"):
        payment_add(actor=personas.admin, invoice=invoice, source=dbhcht, amount=16_800, paid_on=TODAY)
    with pytest.raises(ValidationError, match="pembuat–pemeriksa"):
        reconciliation_approve(actor=personas.admin, invoice=invoice)
    # Siti's Rp2 juta income level is accepted before approval: her line is owed too.
    siti_line = Difference.objects.get(reconciliation__invoice=invoice, nik=siti.nik)
    difference_resolve(
        actor=personas.admin, difference=siti_line, reason="diterima: penghasilan Rp2 juta", every_month=True
    )
    # Reconciled again (the maker looks once more): the same differences, the resolution applied.
    before = Difference.objects.filter(reconciliation__invoice=invoice).count()
    invoice_reconcile(actor=personas.admin, invoice=invoice)
    assert Difference.objects.filter(reconciliation__invoice=invoice).count() == before
    assert Difference.objects.get(reconciliation__invoice=invoice, nik=siti.nik).resolved.startswith("diterima")
    reconciliation_approve(actor=checker, invoice=invoice)
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.APPROVED
    assert list(
        AuditEvent.objects.filter(action__startswith="billing.").values_list("action", flat=True).order_by("id")
    ) == [
        "billing.invoice_import",
        "billing.reconcile",
        "billing.resolve",
        "billing.reconcile",
        "billing.approve",
    ]

    # The split: DBHCHT owes Ahmad's and Siti's lines, APBD Budi's.
    shares = {row["source"].pk: row["share"] for row in invoice_shares(invoice=invoice)}
    assert (shares[dbhcht.pk].owed, shares[apbd.pk].owed) == (16_800 + 26_800, 16_800)
    payment_add(actor=checker, invoice=invoice, source=dbhcht, amount=20_000, paid_on=TODAY, sp2d_number="SP2D/001")
    with pytest.raises(ValidationError, match=r"Rp23\.600"):
        payment_add(actor=checker, invoice=invoice, source=dbhcht, amount=30_000, paid_on=TODAY)
    paid = payment_add(actor=checker, invoice=invoice, source=dbhcht, amount=30_000, paid_on=TODAY, carry_excess=True)
    assert paid.credit == 6_400
    realisation = {row["source"].pk: row["money"] for row in fund_realisation(program=program)}
    assert realisation[dbhcht.pk].paid == 50_000 and realisation[dbhcht.pk].invoiced == 43_600
    assert realisation[dbhcht.pk].committed == 2 * 201_600
    assert realisation[dbhcht.pk].remaining == 2 * 201_600 - 50_000
    members = {row["source"].pk: row["members"] for row in fund_realisation(program=program)}
    assert members[dbhcht.pk] == {"person_months": 24, "persons": 2}  # Ahmad and Siti, twelve months each
    assert members[apbd.pk] == {"person_months": 36, "persons": 3}

    # The correction file lists every open difference (Siti's is resolved) with the full NIK.
    name, content, rows = correction_file(invoice=invoice)
    assert rows == 5 and name.endswith("2027-01.xlsx") and content[:2] == b"PK"


def test_next_month_a_death_is_billed_after_it_and_resolutions_are_not_raised_again(
    personas, program, enrolled, checker
):
    ahmad, siti = enrolled["Ahmad Fauzi"], enrolled["Siti Aminah"]
    january = invoice_import(
        actor=None, program=program, file_name="jan.xlsx", data=bill([line(siti, "10000000002", jkk=20_000)])
    ).invoice
    invoice_reconcile(actor=personas.admin, invoice=january)
    difference_resolve(
        actor=personas.admin,
        difference=Difference.objects.get(reconciliation__invoice=january, nik=siti.nik),
        reason="diterima",
        every_month=True,
    )
    death_record(
        actor=personas.admin,
        person=ahmad,
        death_date=dt.date(2027, 1, 20),
        note="surat kematian kelurahan",
        today=dt.date(2027, 2, 10),
    )
    february = invoice_import(
        actor=None,
        program=program,
        file_name="feb.xlsx",
        data=bill(
            [line(ahmad, "10000000001", month="02/2027"), line(siti, "10000000002", month="FEB-2027", jkk=20_000)],
            period="FEBRUARI 2027",
        ),
    ).invoice
    assert february.period == dt.date(2027, 2, 1)
    invoice_reconcile(actor=personas.admin, invoice=february)
    got = classes(february)
    assert got[(7, ahmad.nik)] == ("after_end", "death")
    siti_february = Difference.objects.get(reconciliation__invoice=february, nik=siti.nik)
    assert siti_february.klass == "amount_differs" and siti_february.resolved == "diterima"
    # Ahmad's membership ended with January: his months stop there.
    ledger = member_months_frame(region=personas.malang)
    assert ledger.filter(ledger["person_id"] == ahmad.pk).height == 1


def test_bad_bills_are_refused_whole_and_the_same_file_twice_stores_nothing(personas, program, enrolled):
    ahmad = enrolled["Ahmad Fauzi"]
    data = bill([line(ahmad, "10000000001")])
    first = invoice_import(actor=None, program=program, file_name="jan.xlsx", data=data)
    again = invoice_import(actor=None, program=program, file_name="jan-lagi.xlsx", data=data)
    assert again.duplicate_of == first.invoice and Invoice.objects.count() == 1
    with pytest.raises(FileRejected, match="di luar bulan program"):
        invoice_import(actor=None, program=program, file_name="x.xlsx", data=bill([line(ahmad, "1", month="2028-03")],
                       period="MARET 2028"))  # fmt: skip
    with pytest.raises(FileRejected, match="tidak ditemukan tabel tagihan"):
        invoice_import(
            actor=None, program=program, file_name="y.xlsx", data=xlsx_bytes({"S": [["NAMA", "ALAMAT"], ["X", "Y"]]})
        )
    draft = Program.objects.create(
        region=personas.malang, name="Draf", budget_year=2027, cover_start=dt.date(2027, 1, 1), cover_months=12
    )
    with pytest.raises(FileRejected, match="belum disetujui"):
        invoice_import(actor=None, program=draft, file_name="z.xlsx", data=data)
    assert Invoice.objects.count() == 1 and invoice_lines_frame(invoice=first.invoice).height == 1
    # A stated total that does not match its lines is said, the lines are kept.
    wrong = invoice_import(actor=None, program=program, file_name="salah.xlsx", data=bill([line(ahmad, "10000000001")],
                           total=99_999))  # fmt: skip
    assert wrong.invoice.stated_total == 99_999 and "tidak sama" in wrong.warnings[0]
    assert Payment.objects.count() == 0
