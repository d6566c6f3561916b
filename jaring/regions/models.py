from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A Kemendagri region: province, kabupaten/kota, kecamatan or kelurahan/desa.

    The dotted Kemendagri code is the primary key, so a region's descendants are the codes that
    start with its own code and a dot, and scoping by region needs no tree walk.
    """

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Province")
        REGENCY = 2, _("Regency/city")
        DISTRICT = 3, _("District")
        VILLAGE = 4, _("Village")

    class Type(models.TextChoices):
        PROVINSI = "provinsi", _("Province")
        KABUPATEN = "kabupaten", _("Regency")
        KOTA = "kota", _("City")
        KECAMATAN = "kecamatan", _("District")
        KELURAHAN = "kelurahan", _("Urban village")
        DESA = "desa", _("Village")

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    # region_name_key(name): lets lookups ignore case, spacing and "Kab."/"Kec." prefixes.
    name_key = models.CharField(max_length=100)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    type = models.CharField(_("type"), max_length=10, choices=Type.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)

    scope_region_field = "code"

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["parent", "name_key"], name="region_parent_name_key")]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def is_regency(self) -> bool:
        """A kabupaten or kota: the level persons, lists and programs are kept at."""
        return self.level == Region.Level.REGENCY

    def is_within(self, code: str) -> bool:
        """True when this region is `code` itself or lies inside it."""
        return self.code == code or self.code.startswith(f"{code}.")
