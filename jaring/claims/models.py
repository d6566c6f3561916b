"""Claims BPJS paid (or was asked to pay) for the region's workers, and the claim reports they came in.

Each claim keeps what the benefit calculators say it should be (`expected`, `calculation`) beside
what BPJS paid, so a difference is a warning someone can look at; the calculation is kept as it was
when the claim was recorded, so a later death list or bill does not rewrite a letter already sent.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.core.benefits import CLAIM_PROGRAMS, SCHOLARSHIP_LEVELS
from jaring.persons.models import Person
from jaring.regions.models import Region

PROGRAM_LABELS = {
    "jkk": _("JKK (work accident)"),
    "jkm": _("JKM (death)"),
    "jht": _("JHT (old-age savings)"),
    "jp": _("JP (pension)"),
    "jkp": _("JKP (job loss)"),
    "beasiswa": _("Scholarship"),
}
LEVEL_LABELS = {
    "tk": _("TK (kindergarten)"),
    "sd": _("SD (primary school)"),
    "smp": _("SMP (junior secondary)"),
    "sma": _("SMA/SMK (senior secondary)"),
    "pt": _("University or training"),
}


class ClaimReport(models.Model):
    """One claim report from the BPJS branch as it was uploaded; its recorded rows are `Claim`s."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    # rows, stored, refused, updated, unchanged, warnings, paid, reasons {code: n} and `refused_rows`:
    # the first 100 refused rows (sheet, row, name, code, reason).
    counts = models.JSONField(default=dict)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_region_field = "region__code"

    class Meta:
        ordering = ["-created_at", "-id"]
        # The same file twice is one report: the second upload is reported as a repeat and stores nothing.
        constraints = [models.UniqueConstraint(fields=["region", "sha256"], name="claim_report_region_file")]
        verbose_name = _("claim report")
        verbose_name_plural = _("claim reports")

    def __str__(self) -> str:
        return self.file_name


class Claim(models.Model):
    """One claim for one worker: the program, the event, what BPJS paid and what the rules give."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        PAID = "paid", _("Paid")
        REJECTED = "rejected", _("Rejected")

    class Cause(models.TextChoices):
        WORK_ACCIDENT_DEATH = "work_accident_death", _("Death from a work accident")
        TOTAL_DISABILITY = "total_disability", _("Total permanent disability")
        NON_WORK_DEATH = "non_work_death", _("Death not from a work accident")
        TEMPORARY_INABILITY = "temporary_inability", _("Temporarily unable to work")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    # A person merged into another is deleted; their claims move to the person they became (receivers.py).
    person = models.ForeignKey(Person, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    program = models.CharField(
        _("program"), max_length=10, choices=[(code, PROGRAM_LABELS[code]) for code in CLAIM_PROGRAMS]
    )
    level = models.CharField(
        _("school level"), max_length=3, blank=True, choices=[(code, LEVEL_LABELS[code]) for code in SCHOLARSHIP_LEVELS]
    )
    cause = models.CharField(_("cause"), max_length=20, blank=True, choices=Cause.choices)
    event_date = models.DateField(_("date of the event"))
    # Months unable to work, for a JKK temporary inability (what its benefit is counted on).
    months = models.PositiveSmallIntegerField(_("months unable to work"), null=True, blank=True)
    amount_paid = models.BigIntegerField(_("amount (Rp)"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    claim_number = models.CharField(_("claim number"), max_length=60, blank=True)
    expected = models.BigIntegerField(_("calculated amount (Rp)"), null=True, blank=True)
    # The calculation behind `expected`: parts [[code, rupiah], ...], explanation_id, explanation_en,
    # covered_months, income.
    calculation = models.JSONField(default=dict, blank=True)
    warning = models.TextField(blank=True)  # in Indonesian, when the amount differs from `expected`
    report = models.ForeignKey(ClaimReport, on_delete=models.PROTECT, null=True, blank=True, related_name="claims")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_region_field = "region__code"

    class Meta:
        ordering = ["-event_date", "-id"]
        indexes = [
            models.Index(fields=["region", "program", "status"], name="claim_region_program"),
            models.Index(fields=["person"], name="claim_person"),
            models.Index(fields=["region", "claim_number"], name="claim_region_number"),
        ]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")

    def __str__(self) -> str:
        return f"{self.program} {self.event_date} Rp{self.amount_paid}"
