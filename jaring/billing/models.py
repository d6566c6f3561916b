"""BPJS's bills for a program, their reconciliation against the member-months, and the payments.

Membership itself is not stored: it is derived from the enrolments (`selectors.member_months_frame`),
a million member-months in a fraction of a second, so it can never disagree with them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.programs.models import FundingSource, Program


class Invoice(models.Model):
    """One bill from the BPJS branch for one program, as it was uploaded; its lines are `InvoiceLines`."""

    class Status(models.TextChoices):
        IMPORTED = "imported", _("Imported")
        PREPARED = "prepared", _("Reconciled, waiting for approval")
        APPROVED = "approved", _("Approved")

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    period = models.DateField(_("month billed"))  # the first of the month
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    wadah_code = models.CharField(max_length=40, blank=True)
    stated_total = models.BigIntegerField(null=True, blank=True)  # what the file says the bill is
    lines_total = models.BigIntegerField(default=0)  # the sum of its readable lines
    counts = models.JSONField(default=dict)  # lines, unreadable, months
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.IMPORTED)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    scope_region_field = "program__region__code"

    class Meta:
        ordering = ["-period", "-id"]
        constraints = [models.UniqueConstraint(fields=["program", "sha256"], name="invoice_program_file")]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.period:%m-%Y})"


class InvoiceLines(models.Model):
    """A bill's lines, typed (`core.billing.normalise_invoice_lines`), kept as one Parquet file.

    Not a row per line: a branch's bill of a million lines is stored in a fraction of a second instead of
    five, and lines are only ever read whole (to reconcile, to find what other bills charged, to count the
    contributions paid). What a person looks at, the differences, are rows (`Difference`), each naming its
    line by `line_id` (the line's place in the file, from 1). Kept apart from `Invoice` so lists of
    invoices never load it.
    """

    invoice = models.OneToOneField(Invoice, on_delete=models.CASCADE, primary_key=True, related_name="+")
    data = models.BinaryField()

    scope_region_field = "invoice__program__region__code"

    def __str__(self) -> str:
        return f"{self.invoice_id}"


class Reconciliation(models.Model):
    """A bill reconciled by one person (the maker) and approved by another (the checker)."""

    invoice = models.OneToOneField(Invoice, on_delete=models.CASCADE, related_name="reconciliation")
    summary = models.JSONField(default=list)  # per class: lines, person_months, billed, expected, resolved
    matched_by_source = models.JSONField(default=dict)  # funding source id (text) -> rupiah of matched lines
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    prepared_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    scope_region_field = "invoice__program__region__code"

    def __str__(self) -> str:
        return f"{self.invoice}"


class Difference(models.Model):
    """A line or an expected member-month that is not a plain match (matched lines are only counted).

    Written by COPY at each reconciliation; `resolved` holds the reason a person accepted it.
    """

    reconciliation = models.ForeignKey(
        Reconciliation, on_delete=models.CASCADE, related_name="differences", db_constraint=False
    )
    line_id = models.BigIntegerField(null=True)
    row = models.PositiveIntegerField(null=True)
    enrolment_id = models.BigIntegerField(null=True)
    person_id = models.BigIntegerField(null=True)
    source_id = models.BigIntegerField(null=True)
    nik = models.CharField(max_length=16, blank=True)
    kpj = models.CharField(max_length=13, blank=True)
    name = models.CharField(max_length=200, blank=True)
    month = models.DateField(null=True)
    klass = models.CharField(max_length=20)  # core.billing.CLASSES
    detail = models.CharField(max_length=20, blank=True)
    billed = models.BigIntegerField()
    expected = models.BigIntegerField()
    resolved = models.TextField(blank=True)
    # Resolved as billed (True) or for BPJS to correct on a later bill (False: paid by the rule, still asked).
    accepted = models.BooleanField(null=True)

    scope_region_field = "reconciliation__invoice__program__region__code"

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["reconciliation", "klass"], name="difference_class")]

    def __str__(self) -> str:
        return f"{self.klass} {self.row or ''}"


class Resolution(models.Model):
    """Someone looked at a difference and decided: accepted as billed ("diterima"), or for BPJS to correct
    on a later bill ("koreksi bulan depan"). The next reconciliations do not raise it again — for its
    month, or (month empty) for every month."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    nik = models.CharField(max_length=16)
    month = models.DateField(null=True, blank=True)
    klass = models.CharField(max_length=20)
    reason = models.TextField()
    accepted = models.BooleanField(default=True)  # False: BPJS corrects it; pay by the rule meanwhile
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    resolved_at = models.DateTimeField(auto_now=True)

    scope_region_field = "program__region__code"

    def __str__(self) -> str:
        return f"{self.klass}: {self.reason}"


class Payment(models.Model):
    """Money paid to BPJS from one fund towards one bill (an SP2D); `credit` is what it paid beyond the
    bill's share, carried to the fund's next bill."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="+")
    paid_on = models.DateField(_("payment date"))
    amount = models.BigIntegerField(_("amount (Rp)"))
    credit = models.BigIntegerField(default=0)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    sp2d_number = models.CharField(_("SP2D number"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    scope_region_field = "invoice__program__region__code"

    class Meta:
        ordering = ["paid_on", "id"]

    def __str__(self) -> str:
        return f"{self.amount} ({self.paid_on})"
