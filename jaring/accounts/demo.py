"""A demo region (Kota Malang) with one user per role, for `make run` and the browser tests."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jaring.accounts.models import Opd, User
from jaring.accounts.roles import Role
from jaring.accounts.services import opd_create, user_create
from jaring.regions.selectors import region_get

DEMO_REGION_CODE = "35.73"  # Kota Malang

DEMO_OPDS = (
    ("DISNAKER", "Dinas Tenaga Kerja, Penanaman Modal dan PTSP Kota Malang"),
    ("DINSOS", "Dinas Sosial, P3AP2KB Kota Malang"),
    ("SATPOLPP", "Satuan Polisi Pamong Praja Kota Malang (Linmas)"),
)

# username, role, OPD code, full name
DEMO_USERS = (
    ("operator", Role.OPD_OPERATOR, "DINSOS", "Operator Dinsos"),
    ("disnaker", Role.DISNAKER_ADMIN, None, "Admin Disnaker"),
    # A second administrator: a bill's reconciliation is approved by someone other than who prepared it.
    ("bendahara", Role.DISNAKER_ADMIN, None, "Bendahara Disnaker"),
    ("bpjs", Role.BPJS_OFFICER, None, "Petugas BPJS Malang"),
    ("pimpinan", Role.VIEWER, None, "Pimpinan Daerah"),
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    created: bool


@transaction.atomic
def demo_setup(*, password: str) -> list[DemoUser]:
    """Create what is missing of the demo; existing OPDs and users (and their passwords) stay as they are."""
    region = region_get(code=DEMO_REGION_CODE)
    if region is None:
        raise ValidationError(
            _("Region %(code)s is not loaded; run `jaring regions load` first.") % {"code": DEMO_REGION_CODE}
        )
    opds = {opd.code: opd for opd in Opd.objects.filter(region=region)}
    for code, name in DEMO_OPDS:
        if code not in opds:
            opds[code] = opd_create(actor=None, region=region, code=code, name=name)
    result = []
    for username, role, opd_code, full_name in DEMO_USERS:
        exists = User.objects.filter(username=username).exists()
        if not exists:
            user_create(
                actor=None,
                username=username,
                password=password,
                role=role,
                region=region,
                opd=opds[opd_code] if opd_code else None,
                full_name=full_name,
            )
        result.append(DemoUser(username=username, role=role, created=not exists))
    return result
