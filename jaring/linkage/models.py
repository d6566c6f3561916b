from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.regions.models import Region


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
    scope_region_level = 2  # always a kabupaten/kota: linking runs per kabupaten/kota

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record_l", "record_r"], name="match_pair_unique")]
        indexes = [models.Index(fields=["region", "decision"], name="match_pair_region_decision")]

    def __str__(self) -> str:
        return f"{self.record_l_id}~{self.record_r_id} {self.decision}"
