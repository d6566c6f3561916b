from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.regions.models import Region


class Program(models.Model):
    """A region's decision to pay for workers' cover: which months, which package, from which funds."""

    class Kind(models.TextChoices):
        YEARLY = "yearly", _("Yearly program")
        EVENT = "event", _("Event (its months only)")
        COHORT = "cohort", _("Sponsored cohort")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    class Package(models.TextChoices):
        JKK_JKM = "jkk_jkm", _("JKK + JKM")
        JKK_JKM_JHT = "jkk_jkm_jht", _("JKK + JKM + JHT")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    name = models.CharField(_("name"), max_length=200)
    budget_year = models.PositiveSmallIntegerField(_("budget year"))
    cover_start = models.DateField(_("first month of cover"))  # always the first of a month
    cover_months = models.PositiveSmallIntegerField(_("months of cover"))
    package = models.CharField(_("benefit package"), max_length=12, choices=Package.choices, default=Package.JKK_JKM)
    income_level = models.PositiveIntegerField(_("declared income"), default=1_000_000)
    target_workers = models.PositiveIntegerField(_("target number of workers"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.YEARLY)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_region_field = "region__code"

    class Meta:
        ordering = ["-budget_year", "-cover_start", "name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return f"{self.name} ({self.budget_year})"


class FundingSource(models.Model):
    """Money for a program from one fund, with its legal basis and what it may pay for."""

    class Kind(models.TextChoices):
        APBD = "apbd", "APBD"
        DBHCHT = "dbhcht", "DBHCHT"
        DANA_DESA = "dana_desa", _("Dana Desa")
        PROVINSI = "provinsi", _("Province share")
        APBN = "apbn", "APBN"
        CSR = "csr", _("CSR sponsor")
        MANDIRI = "mandiri", _("Self-paying (mandiri)")

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="sources")
    kind = models.CharField(_("fund"), max_length=10, choices=Kind.choices)
    sponsor = models.CharField(_("sponsor"), max_length=200, blank=True)  # the CSR's company
    amount = models.BigIntegerField(_("amount (Rp)"))
    legal_basis = models.TextField(_("legal basis"), blank=True)
    # Occupation categories the fund may pay for (DBHCHT: tobacco farmers, factory workers); empty: any.
    categories = models.JSONField(_("only for occupations"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_region_field = "program__region__code"

    class Meta:
        ordering = ["program", "id"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.sponsor}".strip()
