"""The region a `jaring` command works on, for every app's commands."""

from django.conf import settings
from django.core.management.base import CommandError

from jaring.regions.models import Region
from jaring.regions.selectors import region_get


def option_region(code: str | None) -> Region:
    """The kabupaten/kota a command works on: --region, else $DEFAULT_REGION_CODE; explained when neither works."""
    code = code or settings.DEFAULT_REGION_CODE
    if not code:
        raise CommandError("Sebutkan --region (mis. 35.73) atau isi DEFAULT_REGION_CODE.")
    place = region_get(code=code)
    if place is None:
        raise CommandError(f"Wilayah {code} tidak dikenal; jalankan `jaring regions load` dahulu.")
    return place
