from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.accounts.models import Opd
from jaring.core.occupations import CATALOGUE
from jaring.lib.fields import JSONTextField
from jaring.regions.models import Region


class Submission(models.Model):
    """One uploaded file: where it came from, who sent it, and what became of its rows."""

    class Status(models.TextChoices):
        PROCESSING = "processing", _("Processing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions")
    source = models.CharField(_("source"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size"))
    sheets = models.JSONField(_("sheets"), default=list)  # [{name, header_row, columns: [{label, field}]}]
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PROCESSING)
    counts = models.JSONField(_("counts"), default=dict)  # rows, accepted, warnings, rejected, updated, skipped, issues
    error_code = models.CharField(max_length=50, blank=True)
    error_message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Circuit breaker of the linkage: the share of rows that duplicate existing persons when that
    # share was too high; the rows wait unlinked until an administrator lets them through.
    linkage_held_share = models.FloatField(null=True, blank=True)
    linkage_released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    linkage_released_at = models.DateTimeField(null=True, blank=True)
    # Or the administrator refused the list: its rows stay for the record, and none is ever linked.
    linkage_rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    linkage_rejected_at = models.DateTimeField(null=True, blank=True)
    # A problems file sent back fixed is a correction of its list, not a new list.
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections", verbose_name=_("corrects")
    )

    scope_region_field = "region__code"
    scope_opd_field = "opd"

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.source})"

    @property
    def linkage_held(self) -> bool:
        """Waiting for an administrator to let it be linked or to refuse it."""
        return (
            self.linkage_held_share is not None
            and self.linkage_released_at is None
            and self.linkage_rejected_at is None
        )

    @property
    def linkage_rejected(self) -> bool:
        return self.linkage_rejected_at is not None


class SourceRecord(models.Model):
    """One data row of a submitted file, raw and normalised, with its issues. Never a person yet."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        ACCEPTED_WITH_WARNINGS = "accepted_with_warnings", _("Accepted with warnings")
        REJECTED = "rejected", _("Rejected")

    # Imports write these rows by the million with COPY. Per-row foreign-key checks and extra indexes
    # cost more than the rest of the import together, so the links are enforced by construction (the
    # import service copies them from the submission it has just created) and by PROTECT in Django,
    # not by database constraints; (submission, status) is the only index. A NIK is looked up on
    # persons (persons.Person has (region, nik)); an index on a million rows' NIKs cost the import
    # seconds and served no query.
    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="records", db_constraint=False, db_index=False
    )
    # Copied from the submission so scoped queries need no join.
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", db_constraint=False, db_index=False)
    opd = models.ForeignKey(
        Opd, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_constraint=False, db_index=False
    )
    sheet = models.CharField(max_length=255)
    row = models.PositiveIntegerField()
    raw = JSONTextField()  # every cell of the row under its column label
    status = models.CharField(max_length=24, choices=Status.choices)
    issues = JSONTextField(default=list)  # [{code, severity, message}]
    issue_codes = models.CharField(max_length=500, blank=True)  # comma-separated, for export and filters
    nik = models.CharField(max_length=16, blank=True)
    name = models.CharField(max_length=200, blank=True)
    name_titles = models.CharField(max_length=100, blank=True)
    birth_place = models.CharField(max_length=100, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    street = models.CharField(max_length=300, blank=True)
    rt = models.CharField(max_length=3, blank=True)
    rw = models.CharField(max_length=3, blank=True)
    kelurahan_code = models.CharField(max_length=13, blank=True)
    kecamatan_code = models.CharField(max_length=8, blank=True)
    occupation = models.CharField(max_length=40, blank=True)
    occupation_text = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    desil = models.PositiveSmallIntegerField(null=True, blank=True)  # DTSEN desil 1-10 as the list states it
    updated_at = models.DateTimeField(auto_now=True)
    scope_region_field = "region__code"
    scope_opd_field = "opd"

    class Meta:
        ordering = ["submission", "sheet", "row"]
        indexes = [
            models.Index(fields=["submission", "status"], name="record_submission_status"),
        ]
        verbose_name = _("source record")
        verbose_name_plural = _("source records")

    def __str__(self) -> str:
        return f"{self.sheet}:{self.row}"


class OccupationSynonym(models.Model):
    """A region's own word for an occupation category, added by its administrator."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(
        _("category"), max_length=40, choices=[(code, label) for code, (label, _s) in CATALOGUE.items()]
    )
    synonym = models.CharField(_("synonym"), max_length=100)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_region_field = "region__code"

    class Meta:
        ordering = ["category", "synonym"]
        constraints = [models.UniqueConstraint(fields=["region", "synonym"], name="occupation_synonym_unique")]
        verbose_name = _("occupation synonym")
        verbose_name_plural = _("occupation synonyms")

    def __str__(self) -> str:
        return f"{self.synonym} → {self.category}"
