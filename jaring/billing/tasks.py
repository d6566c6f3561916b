"""Billing's background work: an invoice stored from the page, and its reconciliation (with progress)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import get_language, gettext, gettext_noop

from jaring.accounts.models import User
from jaring.billing.models import Invoice
from jaring.billing.services import invoice_import, invoice_reconcile
from jaring.core.intake import FileRejected, file_rejection_text
from jaring.jobs.handlers import JobContext, JobOutcome, JobRefused, job_handler
from jaring.jobs.models import Job
from jaring.jobs.services import job_start
from jaring.programs.models import Program
from jaring.programs.selectors import program_get

IMPORT = "billing.invoice_import"
RECONCILE = "billing.reconcile"


def invoice_import_start(*, actor: User, program: Program, file_name: str, data: bytes, period: dt.date | None) -> Job:
    return job_start(
        kind=IMPORT,
        actor=actor,
        title=file_name,
        scope_region=program.region.code,
        input={"program": program.pk, "file_name": file_name, "period": period.isoformat() if period else None},
        input_file=data,
    )


def invoice_reconcile_start(*, actor: User, invoice: Invoice) -> Job:
    return job_start(
        kind=RECONCILE,
        actor=actor,
        title=invoice.file_name,
        scope_region=invoice.program.region.code,
        input={"invoice": invoice.pk},
    )


@job_handler(IMPORT)
def invoice_import_task(job: JobContext) -> JobOutcome:
    program = program_get(pk=job.input["program"])
    if program is None:
        raise LookupError(f"Program {job.input['program']} is not stored.")
    job.progress(10, gettext("Reading the invoice"))
    period = job.input.get("period")
    try:
        result = invoice_import(
            actor=job.actor,
            program=program,
            file_name=job.input["file_name"],
            data=job.input_file,
            period=dt.date.fromisoformat(period) if period else None,
        )
    except FileRejected as exc:
        raise JobRefused(exc.code, file_rejection_text(exc.code, exc.message, get_language())) from exc
    message = (
        gettext_noop("This exact invoice was imported before; nothing new was stored.") if result.duplicate_of else ""
    )
    return JobOutcome(
        result=result.to_dict(), done_url=reverse("billing:invoice", args=[result.invoice.pk]), message=message
    )


@job_handler(RECONCILE)
def invoice_reconcile_task(job: JobContext) -> JobOutcome:
    invoice = Invoice.objects.select_related("program__region").filter(pk=job.input["invoice"]).first()
    if invoice is None:
        raise LookupError(f"Invoice {job.input['invoice']} is not stored.")
    steps = {1: gettext("Reading the lines"), 2: gettext("Comparing with the member-months"), 3: gettext("Storing")}

    def progress(done: int, total: int) -> None:
        job.progress(int(100 * done / total), steps.get(done, ""))

    try:
        result = invoice_reconcile(actor=job.actor, invoice=invoice, progress=progress)
    except ValidationError as exc:
        raise JobRefused("billing.reconcile_refused", " ".join(exc.messages)) from exc
    return JobOutcome(result=result.to_dict(), done_url=reverse("billing:invoice", args=[invoice.pk]))
