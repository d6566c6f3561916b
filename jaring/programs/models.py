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
    # Eligibility rules (declarative; age is decided here, on the first day of cover).
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=15)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), default=65)
    categories = models.JSONField(_("occupations"), default=list, blank=True)  # empty: every occupation
    exclude_bpjs_active = models.BooleanField(_("exclude who BPJS already lists as active"), default=True)
    desil_min = models.PositiveSmallIntegerField(_("lowest DTSEN desil"), null=True, blank=True)
    desil_max = models.PositiveSmallIntegerField(_("highest DTSEN desil"), null=True, blank=True)
    # The ranking keys in order, each "key" or "-key" (descending): see core.programs.selection.
    priority = models.JSONField(_("priority"), default=list, blank=True)
    # What the last eligibility and selection runs found (counts, where each fund ran out).
    eligibility_summary = models.JSONField(default=dict, blank=True)
    selection_summary = models.JSONField(default=dict, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_region_field = "region__code"

    class Meta:
        ordering = ["-budget_year", "-cover_start", "name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return f"{self.name} ({self.budget_year})"

    @property
    def is_draft(self) -> bool:
        """Still a draft: its funds, rules, eligibility and selection may change; approval freezes them."""
        return self.status == self.Status.DRAFT


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


class Decision(models.Model):
    """An administrator's hand decision to include or exclude a person; re-running eligibility never undoes it."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="decisions")
    # A person merged into another by the linkage is deleted; what a program decided or froze about them
    # stays as it was, and the program's pages and approval say so.
    person = models.ForeignKey("persons.Person", on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    include = models.BooleanField()
    reason = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)

    scope_region_field = "program__region__code"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["program", "person"], name="decision_program_person")]

    def __str__(self) -> str:
        return f"{'+' if self.include else '-'} {self.person_id}"


class Eligibility(models.Model):
    """One person's eligibility for a program, with the reasons (codes) when not eligible. Written in bulk."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    # A person merged into another by the linkage is deleted; what a program decided or froze about them
    # stays as it was, and the program's pages and approval say so.
    person = models.ForeignKey("persons.Person", on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    eligible = models.BooleanField()
    age = models.PositiveSmallIntegerField(null=True)
    reasons = models.CharField(max_length=200, blank=True)  # comma-separated codes
    occupation = models.CharField(max_length=40, blank=True)  # as judged: what the selection ranks by
    desil = models.PositiveSmallIntegerField(null=True)  # as judged: a ranking key
    nik_check = models.CharField(
        max_length=200, blank=True, default="", db_default=""
    )  # as judged: why the person waits for a NIK check
    manual = models.BooleanField(null=True)  # the hand decision, if any

    scope_region_field = "program__region__code"

    class Meta:
        indexes = [models.Index(fields=["program", "eligible", "person"], name="eligibility_program")]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.eligible}"


class Ranking(models.Model):
    """A program's selection run: every eligible person's rank and the fund that pays for them, or none.

    Kept as one Parquet file (rank, person_id, occupation, source_id, cost), not a row per person: a run
    ranks a million people in a second but would spend ten writing them as rows, and the ranking is only
    read whole (top-ups, downloads) or a page at a time in rank order. The selected become `Enrolment`
    rows at approval; why each waiting person waits follows from `exhausted_at` and the funds.
    """

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="ranking")
    data = models.BinaryField()
    exhausted_at = models.JSONField(default=dict)  # funding source id (text) -> rank where its money ran out
    made_at = models.DateTimeField(auto_now=True)

    scope_region_field = "program__region__code"

    def __str__(self) -> str:
        return f"{self.program_id}: {self.made_at:%Y-%m-%d %H:%M}"


class BatchProfile(models.Model):
    """The columns of the bulk-registration file a BPJS branch wants, editable per region."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    columns = models.JSONField(_("columns"))  # [[header, field], ...] over core.programs.batches.BATCH_FIELDS
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    scope_region_field = "region__code"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="batch_profile_region_name")]

    def __str__(self) -> str:
        return self.name


class EnrolmentBatch(models.Model):
    """The selected persons sent to BPJS together in one bulk-registration file."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="batches")
    number = models.PositiveIntegerField()
    columns = models.JSONField()  # the profile's columns when the batch was made, so its file never changes
    profile_name = models.CharField(max_length=100)
    counts = models.JSONField(default=dict)  # persons, accepted, rejected
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_region_field = "program__region__code"

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["program", "number"], name="batch_program_number")]

    def __str__(self) -> str:
        return f"Batch {self.number}"


class Enrolment(models.Model):
    """A selected person in an approved program, with a frozen copy of what BPJS needs to register them."""

    class Status(models.TextChoices):
        SELECTED = "selected", _("Selected")
        SUBMITTED = "submitted", _("Submitted to BPJS")
        ACTIVE = "active", _("Active")
        REJECTED = "rejected", _("Rejected by BPJS")
        ENDED = "ended", _("Ended")

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="enrolments")
    # A person merged into another by the linkage is deleted; what a program decided or froze about them
    # stays as it was, and the program's pages and approval say so.
    person = models.ForeignKey("persons.Person", on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="+")
    cost = models.BigIntegerField()
    cover_start = models.DateField()
    cover_months = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SELECTED)
    batch = models.ForeignKey(
        EnrolmentBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="enrolments"
    )
    kpj = models.CharField(max_length=11, blank=True)
    rejection_reason = models.TextField(blank=True)
    # An exit (moved away, now a wage worker, withdrew): the last month paid for; membership ends after it.
    end_month = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    # Set when the enrolment followed its person into another at a merge: the person it was made for. The
    # survivor may then hold two enrolments in one program, a double enrolment that billing shows.
    merged_from = models.BigIntegerField(null=True, blank=True)
    # Frozen at approval: later edits of the registry do not change what was decided and sent.
    nik = models.CharField(max_length=16, blank=True)
    name = models.CharField(max_length=200, blank=True)
    birth_place = models.CharField(max_length=100, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    address = models.CharField(max_length=400, blank=True)
    kelurahan_code = models.CharField(max_length=13, blank=True)
    kelurahan = models.CharField(max_length=100, blank=True)
    kecamatan = models.CharField(max_length=100, blank=True)
    occupation = models.CharField(max_length=40, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_region_field = "program__region__code"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "person"],
                condition=models.Q(merged_from__isnull=True),
                name="enrolment_program_person",
            )
        ]
        indexes = [models.Index(fields=["program", "status"], name="enrolment_program_status")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"


class BatchResponse(models.Model):
    """A response file from BPJS applied to a batch; the same file twice is refused and changes nothing."""

    batch = models.ForeignKey(EnrolmentBatch, on_delete=models.PROTECT, related_name="responses")
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    counts = models.JSONField(default=dict)  # accepted, rejected, unchanged
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    scope_region_field = "batch__program__region__code"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["batch", "sha256"], name="response_batch_file")]

    def __str__(self) -> str:
        return self.file_name
