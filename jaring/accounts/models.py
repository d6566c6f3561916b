from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from jaring.accounts.roles import CAPABILITIES, Role
from jaring.regions.models import Region


class Opd(models.Model):
    """A regional government department (or kelurahan office) that sends lists of workers."""

    class Kind(models.TextChoices):
        OPD = "opd", _("Regional department (OPD)")
        KECAMATAN = "kecamatan", _("Kecamatan office")
        KELURAHAN = "kelurahan", _("Kelurahan / village office")
        OTHER = "other", _("Other sender")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="opds", verbose_name=_("region"))
    code = models.CharField(_("code"), max_length=30, help_text=_("Short name, e.g. DISNAKER or KEMENAG."))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.OPD)
    # A deactivated sender keeps its lists and history; it takes no new uploads and its operators cannot sign in.
    is_active = models.BooleanField(_("active"), default=True)

    scope_region_field = "region__code"
    scope_opd_field = "id"

    class Meta:
        ordering = ["region", "code"]
        constraints = [models.UniqueConstraint(fields=["region", "code"], name="opd_unique_code_per_region")]
        verbose_name = _("OPD")
        verbose_name_plural = _("OPDs")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in. Everyone but a superuser is scoped to a region; operators also to an OPD."""

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("region"),
    )
    opd = models.ForeignKey(
        Opd, on_delete=models.PROTECT, null=True, blank=True, related_name="users", verbose_name=_("OPD")
    )

    # Set when an administrator resets the password: the next sign-in asks for a password of the user's own.
    must_change_password = models.BooleanField(_("must change password"), default=False)

    scope_region_field = "region__code"
    scope_opd_field = "opd"

    @cached_property
    def role(self) -> Role | None:
        names = {group.name for group in self.groups.all()}
        return next((role for role in Role if role.value in names), None)


class Capability(models.Model):
    """Holds the project's named permissions; it has no table of its own."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = list(CAPABILITIES.items())

    def __str__(self) -> str:
        return "capabilities"


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("The audit log is append-only.")

    def delete(self):
        raise PermissionDenied("The audit log is append-only.")


class AuditEvent(models.Model):
    """One change: who, when, what, and the values before and after. Never updated or deleted.

    Besides these model guards, the database refuses UPDATE (and on PostgreSQL also DELETE) on
    this table through triggers; see migration 0002.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("actor")
    )
    # The username at the time, so the entry still reads right if the user is renamed.
    actor_label = models.CharField(_("actor"), max_length=150)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    scope_region_field = "region__code"
    scope_opd_field = "opd"

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The audit log is append-only.")
