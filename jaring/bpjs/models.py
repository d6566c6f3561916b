from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.regions.models import Region


class RosterSnapshot(models.Model):
    """One BPJS participant list for a region, as of a day."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    as_of = models.DateField()
    counts = models.JSONField(default=dict)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_region_field = "region__code"

    class Meta:
        ordering = ["-as_of", "-id"]
        verbose_name = _("BPJS roster")
        verbose_name_plural = _("BPJS rosters")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.as_of})"


class RosterEntry(models.Model):
    """One participant on a roster, and the person Jaring matched them to."""

    snapshot = models.ForeignKey(RosterSnapshot, on_delete=models.PROTECT, related_name="entries")
    row = models.PositiveIntegerField()
    kpj = models.CharField(max_length=20, blank=True)
    nik = models.CharField(max_length=16, blank=True)
    name = models.CharField(max_length=200, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    segment = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=10, blank=True)
    cover_end = models.DateField(null=True, blank=True)
    covered = models.BooleanField(default=False)
    person = models.ForeignKey(
        "persons.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_constraint=False
    )
    match_probability = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["snapshot", "row"]

    def __str__(self) -> str:
        return f"{self.kpj} {self.name}"


class Participation(models.Model):
    """A person's standing at BPJS, as the latest roster that names them says."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active at BPJS")
        INACTIVE = "inactive", _("Inactive at BPJS")

    person = models.OneToOneField(
        "persons.Person", on_delete=models.PROTECT, primary_key=True, related_name="+", db_constraint=False
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    status = models.CharField(max_length=10, choices=Status.choices)
    kpj = models.CharField(max_length=20, blank=True)
    segment = models.CharField(max_length=10, blank=True)
    as_of = models.DateField()
    snapshot = models.ForeignKey(RosterSnapshot, on_delete=models.PROTECT, related_name="+")

    scope_region_field = "region__code"
    scope_region_level = 2  # the person's kabupaten/kota

    class Meta:
        indexes = [models.Index(fields=["region", "status"], name="participation_region_status")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.status}"
