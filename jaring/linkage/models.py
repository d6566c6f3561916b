from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.regions.models import Region


class Person(models.Model):
    """One real person (golden record), built from the source rows linked to them.

    Each field holds the value of the best source row for it (see services.GOLDEN_RULE) and
    `field_sources` says which row that was.
    """

    class BpjsStatus(models.TextChoices):
        NONE = "none", _("Not found at BPJS")
        ACTIVE = "active", _("Active at BPJS")
        INACTIVE = "inactive", _("Inactive at BPJS")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    nik = models.CharField(max_length=16, blank=True)
    name = models.CharField(max_length=200, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    kelurahan_code = models.CharField(max_length=13, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    occupation = models.CharField(max_length=40, blank=True)
    field_sources = models.JSONField(default=dict)  # field -> source record id
    bpjs_status = models.CharField(max_length=10, choices=BpjsStatus.choices, default=BpjsStatus.NONE)
    kpj = models.CharField(max_length=20, blank=True)
    bpjs_segment = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_region_field = "region__code"

    class Meta:
        indexes = [models.Index(fields=["region", "nik"], name="person_region_nik")]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"


class LinkageModel(models.Model):
    """A trained Splink model of a region, with what it was trained on."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    settings = models.JSONField()
    trained_on_records = models.PositiveIntegerField()
    trained_on_fingerprint = models.CharField(max_length=64)  # sha256 of the sorted source record ids
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"model {self.region_id} {self.created_at:%Y-%m-%d}"


class MatchPair(models.Model):
    """Two source rows the model scored as possibly the same person."""

    class Decision(models.TextChoices):
        AUTO = "auto", _("Linked automatically")
        REVIEW = "review", _("Waiting for review")
        SAME = "same", _("Same person (reviewed)")
        DIFFERENT = "different", _("Different people (reviewed)")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    record_l = models.ForeignKey(
        "registry.SourceRecord", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    record_r = models.ForeignKey(
        "registry.SourceRecord", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    probability = models.FloatField()
    decision = models.CharField(max_length=10, choices=Decision.choices)
    evidence = models.JSONField(default=dict)  # comparison -> level label
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    scope_region_field = "region__code"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record_l", "record_r"], name="match_pair_unique")]
        indexes = [models.Index(fields=["region", "decision"], name="match_pair_region_decision")]

    def __str__(self) -> str:
        return f"{self.record_l_id}~{self.record_r_id} {self.decision}"
