from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.lib.fields import JSONTextField
from jaring.regions.models import Region


class Person(models.Model):
    """One real person (golden record), built from the source rows linked to them.

    Each field holds the value of the best source row for it (`jaring.core.linkage.GOLDEN_RULE`) and
    `field_sources` says which row that was. Programs, enrolments and coverage point here.
    """

    # Persons are written by the hundred thousand with COPY; the region link is set by construction.
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    nik = models.CharField(max_length=16, blank=True)
    name = models.CharField(max_length=200, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    kelurahan_code = models.CharField(max_length=13, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    occupation = models.CharField(max_length=40, blank=True)
    # Domicile known only by its kecamatan (a row with KECAMATAN but no kelurahan) is still domicile.
    kecamatan_code = models.CharField(max_length=8, blank=True, default="", db_default="")
    desil = models.PositiveSmallIntegerField(null=True, blank=True)  # DTSEN desil 1-10, the latest list's
    # Why the NIK must be checked before it is sent to BPJS (comma-separated codes, "" when it need not):
    # Excel rounding, the person's rows disagreeing, the NIK's date or sex not the person's.
    nik_check = models.CharField(max_length=200, blank=True, default="", db_default="")
    birth_date_from_nik = models.BooleanField(default=False, db_default=False)  # no row states it: read from the NIK
    field_sources = JSONTextField(default=dict)  # field -> source record id (text: written by COPY)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_region_field = "region__code"
    scope_region_level = 2  # always a kabupaten/kota: linking runs per kabupaten/kota

    class Meta:
        indexes = [
            models.Index(fields=["region", "nik"], name="persons_region_nik"),
            models.Index(fields=["region", "name", "id"], name="persons_region_name"),
        ]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"


class PersonRecord(models.Model):
    """A source row belongs to a person: the link, kept here so the registry's rows are never rewritten."""

    record = models.OneToOneField(
        "registry.SourceRecord",
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="person_link",  # read by persons' selectors only, in one query with the rows
        db_constraint=False,
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="record_links", db_constraint=False)
    # Copied from the person so a region's links are read without a join; read in bulk, so not indexed.
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", db_constraint=False, db_index=False)

    scope_region_field = "region__code"
    scope_region_level = 2  # always a kabupaten/kota: linking runs per kabupaten/kota

    def __str__(self) -> str:
        return f"{self.record_id} -> {self.person_id}"


class DeathList(models.Model):
    """One death list as it was uploaded (Dukcapil's, a kelurahan's); each of its rows is kept as a `Death`."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    source = models.CharField(max_length=200)  # who says so: "Dukcapil", "Kelurahan Sumbersari"
    counts = models.JSONField(default=dict)  # rows, matched, unmatched, check, refused, reasons
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_region_field = "region__code"

    class Meta:
        ordering = ["-created_at", "-id"]
        # The same file twice is one list: the second upload is reported as a repeat and stores nothing.
        constraints = [models.UniqueConstraint(fields=["region", "sha256"], name="death_list_region_file")]
        verbose_name = _("death list")
        verbose_name_plural = _("death lists")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.source})"


class Death(models.Model):
    """One row of a death list and what became of it (`jaring.core.deaths`).

    A person is deceased when a row `matched` them; a row to `check` names the person its NIK
    points to (the name differs), so an administrator can look, but does not mark them.
    """

    class Outcome(models.TextChoices):
        MATCHED = "matched", _("Marked deceased")
        UNMATCHED = "unmatched", _("No person matched")
        CHECK = "check", _("To check")
        REFUSED = "refused", _("Refused")

    # Rows are written in bulk; the links are set by construction, as on the other persons models.
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    death_list = models.ForeignKey(DeathList, on_delete=models.PROTECT, related_name="deaths", db_constraint=False)
    sheet = models.CharField(max_length=100, blank=True)
    row = models.PositiveIntegerField()
    nik_text = models.CharField(max_length=100, blank=True)  # as written
    nik = models.CharField(max_length=16, blank=True)  # only a valid NIK
    name = models.CharField(max_length=200, blank=True)
    death_date = models.DateField(null=True, blank=True)
    death_date_text = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True)  # KETERANGAN / SEBAB
    raw = models.TextField(blank=True)  # every cell of the row, as JSON
    # A person merged into another is deleted; the row keeps the id until the deaths are matched again.
    person = models.ForeignKey(
        Person, on_delete=models.DO_NOTHING, null=True, blank=True, related_name="+", db_constraint=False
    )
    match = models.CharField(max_length=12, blank=True)  # "nik" (the golden record's) or "record_nik" (a row's)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason_code = models.CharField(max_length=30, blank=True)
    reason = models.TextField(blank=True)  # in Indonesian, with the row's own values

    scope_region_field = "region__code"
    scope_region_level = 2  # always a kabupaten/kota, as its persons

    class Meta:
        ordering = ["death_list", "id"]
        indexes = [models.Index(fields=["region", "outcome"], name="death_region_outcome")]

    def __str__(self) -> str:
        return f"{self.name or self.nik_text} ({self.death_date})"


class NikConfirmation(models.Model):
    """Someone compared a NIK with the worker's KTP (or Dukcapil) and found it right: it need not be checked again.

    Kept by NIK, not by person, so it survives linking runs that rebuild or merge the person holding it.
    """

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    nik = models.CharField(max_length=16)
    reason = models.TextField()
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    scope_region_field = "region__code"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "nik"], name="nik_confirmation_region_nik")]

    def __str__(self) -> str:
        return f"{self.nik[:4]}…{self.nik[12:]}"


class NikVerification(models.Model):
    """Dukcapil's latest answer on one NIK of the region: the named person's, someone else's, or unknown.

    Kept by NIK, as NikConfirmation: a link run that rebuilds the person holding it keeps the answer.
    A "found" NIK needs no other check; the two others keep the person out of enrolment batches.
    """

    class Result(models.TextChoices):
        FOUND = "found", _("The person's (Dukcapil)")
        OTHER_NAME = "other_name", _("Someone else's (Dukcapil)")
        NOT_FOUND = "not_found", _("Unknown to Dukcapil")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    nik = models.CharField(max_length=16)
    result = models.CharField(max_length=10, choices=Result.choices)
    name = models.CharField(max_length=200, blank=True)  # the name the answer gives, if any
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    sheet = models.CharField(max_length=100, blank=True)
    row = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    answered_at = models.DateTimeField()

    scope_region_field = "region__code"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "nik"], name="nik_verification_region_nik")]
        indexes = [models.Index(fields=["region", "result"], name="nik_verification_result")]

    def __str__(self) -> str:
        return f"{self.nik[:4]}…{self.nik[12:]}: {self.result}"
