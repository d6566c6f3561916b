"""Writes of billing: a BPJS bill imported, reconciled (maker), approved (checker), its differences resolved,
and payments recorded from each fund. Every write is audited; the same file twice changes nothing."""

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jaring.accounts.models import User
from jaring.accounts.services import audit_record
from jaring.billing.models import Difference, Invoice, InvoiceLines, Payment, Reconciliation, Resolution
from jaring.billing.selectors import (
    ITEM_COLUMNS,
    invoice_lines_frame,
    lines_parquet,
    payable_by_source,
    program_bill_shares,
    reconciliation_inputs,
)
from jaring.core.billing import (
    INVOICE,
    MATCHED,
    FundMoney,
    PaymentRefused,
    check_payment,
    normalise_invoice_lines,
    reconcile,
    stated_period,
    stated_total,
    summary,
    wadah_code,
)
from jaring.core.intake import FileRejected, detect_layout, extract_rows, mask_nik, read_table_file
from jaring.core.money import rupiah_text
from jaring.lib.bulk import insert_blob, insert_frame
from jaring.lib.spreadsheets import read_limits
from jaring.programs.models import FundingSource, Program
from jaring.programs.selectors import program_cover

Progress = Callable[[int, int], None] | None


@dataclass
class InvoiceImportResult:
    invoice: Invoice
    duplicate_of: Invoice | None = None  # the same file was imported before for the program; nothing was stored
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        invoice = self.invoice
        return {
            "invoice_id": invoice.pk,
            "program_id": invoice.program_id,
            "period": f"{invoice.period:%Y-%m}",
            "duplicate": self.duplicate_of is not None,
            "wadah_code": invoice.wadah_code,
            "stated_total": invoice.stated_total,
            "lines_total": invoice.lines_total,
            "total_matches": invoice.stated_total is None or invoice.stated_total == invoice.lines_total,
            **invoice.counts,
            "warnings": self.warnings,
        }


def invoice_import(
    *,
    actor: User | None,
    program: Program,
    file_name: str,
    data: bytes,
    period: dt.date | None = None,
    progress: Progress = None,
) -> InvoiceImportResult:
    """Store a BPJS bill for `program`: every line kept and typed, unreadable ones flagged with why.

    Refused whole (FileRejected, nothing stored): a program not approved, a file without NIK/KPJ and amount
    columns, or a month billed outside the program's months. The same file again is a repeat.
    """
    sha256 = hashlib.sha256(data).hexdigest()
    earlier = Invoice.objects.filter(program=program, sha256=sha256).first()
    if earlier is not None:
        return InvoiceImportResult(invoice=earlier, duplicate_of=earlier)
    if program.is_draft:
        raise FileRejected(
            "invoice.program_draft",
            f"Program {program.name} belum disetujui: belum ada peserta yang ditagihkan BPJS.",
        )
    sheets = read_table_file(data, file_name=file_name, limits=read_limits())
    frames, stated, wadah, stated_month = [], None, "", None
    for sheet in sheets:
        try:
            layout = detect_layout(sheet, vocabulary=INVOICE)
        except FileRejected:  # no header row a bill has: said below for the whole file, in a bill's words
            continue
        if not ({"nik", "kpj"} & layout.fields.keys()) or not ({"total", "jkk", "jkm"} & layout.fields.keys()):
            continue
        rows = extract_rows(sheet, layout, raw=False).frame.with_columns(sheet=pl.lit(sheet.name))
        frames.append(normalise_invoice_lines(rows))
        stated = stated if stated is not None else stated_total(sheet, layout)
        wadah = wadah or wadah_code(sheet, layout)
        stated_month = stated_month or stated_period(sheet, layout)
    if not frames:
        raise FileRejected(
            "invoice.columns",
            f"{file_name}: tidak ditemukan tabel tagihan — perlu kolom NIK atau NO KPJ, dan kolom iuran "
            "(TOTAL IURAN, atau IURAN JKK dan IURAN JKM).",
        )
    lines = pl.concat(frames, how="vertical_relaxed")
    if lines.is_empty():
        raise FileRejected("invoice.empty", f"{file_name}: tabel tagihan tidak berisi satu baris pun.")
    period = (period or stated_month or _common_month(lines)).replace(day=1)
    cover = program_cover(program)
    if not (cover.start <= period <= cover.end):
        raise FileRejected(
            "invoice.period",
            f"Periode tagihan {period:%m-%Y} di luar bulan program {program.name} "
            f"({cover.start:%m-%Y} s.d. {cover.end:%m-%Y}).",
        )
    readable = lines.filter(pl.col("problem").is_null())
    months = sorted(f"{month:%Y-%m}" for month in readable.get_column("month").drop_nulls().unique())
    counts: dict[str, Any] = {
        "lines": lines.height,
        "unreadable": lines.height - readable.height,
        "problems": dict(lines.group_by("problem").len().drop_nulls().iter_rows()),
        "months": months,
    }
    warnings = []
    lines_total = int(readable.get_column("total").sum() or 0)
    if stated is not None and stated != lines_total:
        warnings.append(
            f"Total tertulis di berkas {rupiah_text(stated)} tidak sama dengan jumlah baris yang terbaca "
            f"{rupiah_text(lines_total)} (selisih {rupiah_text(abs(stated - lines_total))})."
        )
    outside = [month for month in months if not (f"{cover.start:%Y-%m}" <= month <= f"{cover.end:%Y-%m}")]
    if outside:
        warnings.append(f"Ada baris untuk bulan di luar program: {', '.join(outside)}.")
    with transaction.atomic():
        invoice = Invoice.objects.create(
            program=program,
            period=period,
            file_name=file_name,
            sha256=sha256,
            wadah_code=wadah[:40],
            stated_total=stated,
            lines_total=lines_total,
            counts=counts,
            imported_by=actor,
        )
        insert_blob(InvoiceLines, {"invoice_id": invoice.pk, "data": lines_parquet(lines)})
        audit_record(
            actor=actor,
            action="billing.invoice_import",
            obj=invoice,
            region=program.region,
            after={
                "invoice": file_name,
                "period": f"{period:%Y-%m}",
                "lines": lines.height,
                "stated_total": stated,
                "lines_total": lines_total,
            },
        )
    return InvoiceImportResult(invoice=invoice, warnings=warnings)


@dataclass
class ReconcileResult:
    invoice: Invoice
    reconciliation: Reconciliation

    def to_dict(self) -> dict[str, Any]:
        invoice, reconciliation = self.invoice, self.reconciliation
        return {
            "invoice_id": invoice.pk,
            "status": invoice.status,
            "stated_total": invoice.stated_total,
            "lines_total": invoice.lines_total,
            "total_matches": invoice.stated_total is None or invoice.stated_total == invoice.lines_total,
            "classes": reconciliation.summary,
            "payable_by_source": payable_by_source(reconciliation=reconciliation),
            "prepared_by": reconciliation.prepared_by.username if reconciliation.prepared_by else None,
        }


def invoice_reconcile(*, actor: User | None, invoice: Invoice, progress: Progress = None) -> ReconcileResult:
    """Class every line and expected member-month of the bill (`core.billing.reconcile`), as its maker.

    Run again, it replaces the earlier classes (resolutions since are applied); an approved one stays.
    """
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().select_related("program__region").get(pk=invoice.pk)
        if invoice.status == Invoice.Status.APPROVED:
            raise ValidationError(_("This invoice's reconciliation is approved; it is not run again."))
        program = invoice.program
        lines = invoice_lines_frame(invoice=invoice)
        months = sorted({invoice.period, *lines.get_column("month").drop_nulls().unique().to_list()})
        if progress:
            progress(1, 4)
        expected, context = reconciliation_inputs(program=program, invoice=invoice, lines=lines, months=months)
        if progress:
            progress(2, 4)
        items = reconcile(lines, expected, context)
        classes = summary(items)
        matched = items.filter((pl.col("klass") == MATCHED) & pl.col("source_id").is_not_null())
        by_source = {
            str(source): int(amount)
            for source, amount in matched.group_by("source_id").agg(pl.col("billed").sum()).iter_rows()
        }
        # The earlier differences in one DELETE (nothing points at them), before the reconciliation they belong to.
        Difference.objects.filter(reconciliation__invoice=invoice).delete()
        Reconciliation.objects.filter(invoice=invoice).delete()
        reconciliation = Reconciliation.objects.create(
            invoice=invoice,
            summary=classes,
            matched_by_source=by_source,
            prepared_by=actor,
            prepared_at=timezone.now(),
        )
        if progress:
            progress(3, 4)
        differences = items.filter(pl.col("klass") != MATCHED)
        insert_frame(
            Difference,
            differences.select(*ITEM_COLUMNS, reconciliation_id=pl.lit(reconciliation.pk, dtype=pl.Int64)),
        )
        invoice.status = Invoice.Status.PREPARED
        invoice.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="billing.reconcile",
            obj=invoice,
            region=program.region,
            after={
                "invoice": invoice.file_name,
                "classes": {row["klass"]: row["lines"] or row["person_months"] for row in classes},
                "differences": differences.height,
            },
        )
    if progress:
        progress(4, 4)
    return ReconcileResult(invoice=invoice, reconciliation=reconciliation)


def reconciliation_approve(*, actor: User, invoice: Invoice) -> Reconciliation:
    """The checker approves what the maker prepared: never the same person. Audited."""
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().select_related("program__region").get(pk=invoice.pk)
        reconciliation = Reconciliation.objects.filter(invoice=invoice).first()
        if invoice.status == Invoice.Status.APPROVED:
            raise ValidationError(_("This reconciliation is already approved."))
        if reconciliation is None or invoice.status != Invoice.Status.PREPARED:
            raise ValidationError(_("Reconcile the invoice first; only a prepared reconciliation can be approved."))
        if reconciliation.prepared_by_id is None or reconciliation.prepared_by_id == actor.pk:
            raise ValidationError(
                _(
                    "A reconciliation is approved by someone other than who prepared it (maker–checker): "
                    "ask a colleague to approve it."
                )
            )
        reconciliation.approved_by = actor
        reconciliation.approved_at = timezone.now()
        reconciliation.save(update_fields=["approved_by", "approved_at"])
        invoice.status = Invoice.Status.APPROVED
        invoice.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="billing.approve",
            obj=invoice,
            region=invoice.program.region,
            before={"status": Invoice.Status.PREPARED},
            after={
                "status": invoice.status,
                "prepared_by": reconciliation.prepared_by.username if reconciliation.prepared_by else None,
            },
        )
    return reconciliation


def difference_resolve(
    *, actor: User | None, difference: Difference, reason: str, every_month: bool = False, accepted: bool = True
) -> Difference:
    """Someone decided about a difference: `accepted` as billed (paid as billed, BPJS is not asked), or for
    BPJS to correct on a later bill (paid by the rule meanwhile, still in the corrections file). Remembered by
    program, NIK and class, for its month or every month, so later reconciliations do not raise it again.
    Audited."""
    reason = " ".join(reason.split())
    if len(reason) < 5:
        raise ValidationError(_("Say what was decided (at least 5 characters), e.g. 'koreksi bulan depan'."))
    with transaction.atomic():
        difference = Difference.objects.select_related("reconciliation__invoice__program__region").get(pk=difference.pk)
        reconciliation = difference.reconciliation
        invoice = reconciliation.invoice
        if invoice.status == Invoice.Status.APPROVED:
            raise ValidationError(
                _("This reconciliation is approved; its differences are settled on the next invoice.")
            )
        if not difference.nik:
            raise ValidationError(_("A line without a valid NIK cannot be resolved: BPJS must correct it."))
        month = None if every_month else difference.month
        Resolution.objects.update_or_create(
            program=invoice.program,
            nik=difference.nik,
            month=month,
            klass=difference.klass,
            defaults={"reason": reason, "accepted": accepted, "resolved_by": actor},
        )
        same = Difference.objects.filter(reconciliation=reconciliation, nik=difference.nik, klass=difference.klass)
        if month is not None:
            same = same.filter(month=month)
        same.update(resolved=reason, accepted=accepted)
        resolved = dict(
            Difference.objects.filter(reconciliation=reconciliation)
            .exclude(resolved="")
            .values_list("klass")
            .annotate(n=Count("id"))
            .order_by()
        )
        reconciliation.summary = [{**row, "resolved": resolved.get(row["klass"], 0)} for row in reconciliation.summary]
        reconciliation.save(update_fields=["summary"])
        difference.refresh_from_db()
        audit_record(
            actor=actor,
            action="billing.resolve",
            obj=invoice,
            region=invoice.program.region,
            after={
                "nik": mask_nik(difference.nik),
                "class": difference.klass,
                "month": month.isoformat() if month else None,
                "reason": reason,
                "accepted": accepted,
            },
        )
    return difference


def payment_add(
    *,
    actor: User | None,
    invoice: Invoice,
    source: FundingSource,
    amount: int,
    paid_on: dt.date,
    reference: str = "",
    sp2d_number: str = "",
    carry_excess: bool = False,
) -> Payment:
    """Record money paid from `source` towards its share of an approved bill. Refused (ValidationError with
    the figures) beyond what the share still asks — unless the excess is carried as credit — or beyond what is
    left of the fund's pagu. The fund's row is locked, so two payments cannot both take its last money."""
    if source.program_id != invoice.program_id:
        raise ValidationError(_("This fund does not belong to the invoice's program."))
    if paid_on > timezone.localdate():
        raise ValidationError(_("The payment date %(date)s is in the future.") % {"date": f"{paid_on:%d-%m-%Y}"})
    with transaction.atomic():
        source = FundingSource.objects.select_for_update().get(pk=source.pk)
        invoice = Invoice.objects.select_related("program__region").get(pk=invoice.pk)
        if invoice.status != Invoice.Status.APPROVED:
            raise ValidationError(_("Pay an invoice only after its reconciliation is approved."))
        paid = Payment.objects.filter(source=source).aggregate(total=Sum("amount"))["total"] or 0
        fund = FundMoney(pagu=source.amount, committed=0, invoiced=0, paid=paid)
        share = next(
            s for s in program_bill_shares(program=invoice.program, source=source) if s.invoice_id == invoice.pk
        )
        try:
            decision = check_payment(
                amount=amount, share=share, fund=fund, fund_name=str(source), carry_excess=carry_excess
            )
        except PaymentRefused as refused:
            raise ValidationError(refused.message(translation.get_language() or "id")) from refused
        payment = Payment.objects.create(
            invoice=invoice,
            source=source,
            paid_on=paid_on,
            amount=amount,
            credit=decision.credit,
            reference=" ".join(reference.split())[:100],
            sp2d_number=" ".join(sp2d_number.split())[:100],
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="billing.payment",
            obj=invoice,
            region=invoice.program.region,
            after={
                "invoice": invoice.file_name,
                "fund": str(source),
                "amount": amount,
                "credit": decision.credit,
                "paid_on": paid_on.isoformat(),
                "sp2d_number": payment.sp2d_number,
            },
        )
    return payment


def _common_month(lines: pl.DataFrame) -> dt.date:
    months = lines.get_column("month").drop_nulls()
    if months.is_empty():
        raise FileRejected("invoice.period_missing", "Bulan tagihan tidak ditemukan di berkas; sebutkan periodenya.")
    return months.mode().sort()[0]
