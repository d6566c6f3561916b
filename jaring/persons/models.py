from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.fields import JSONTextField
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
