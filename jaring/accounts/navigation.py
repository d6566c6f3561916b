"""The areas of the application, shown in the navigation to the roles that work in them."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jaring.accounts.models import User
from jaring.accounts.roles import permission_name


@dataclass(frozen=True)
class Area:
    slug: str
    label: Promise
    description: Promise
    capabilities: tuple[str, ...]
    url_name: str | None = None  # None while the area is still being built


AREAS = (
    Area(
        "pendataan",
        _("Data collection"),
        _("Upload OPD worker lists and fix rejected rows."),
        ("submit_worker_lists",),
        url_name="registry:submissions",
    ),
    Area(
        "deduplikasi",
        _("Deduplication"),
        _("One person, one record; who BPJS already covers."),
        ("review_duplicates",),
        url_name="linkage:review",
    ),
    Area(
        "orang",
        _("Persons"),
        _("Everyone in the registry, one record each, with their BPJS status."),
        ("review_duplicates", "upload_bpjs_data"),
        url_name="coverage:persons",
    ),
    Area(
        "peserta-bpjs",
        _("BPJS participants"),
        _("Upload the participant roster; see who is matched, active or lapsed."),
        ("upload_bpjs_data",),
        url_name="roster:snapshots",
    ),
    Area(
        "program",
        _("Programs & budget"),
        _("Funding, eligibility and what a budget buys."),
        ("manage_programs",),
        url_name="programs:list",
    ),
    Area(
        "pendaftaran",
        _("Enrolment"),
        _("Batches to BPJS and their responses."),
        ("manage_enrolment", "upload_bpjs_data"),
        url_name="batches:list",
    ),
    Area(
        "tagihan",
        _("Billing"),
        _("BPJS invoices, reconciliation, payments, budget realisation and lapse warnings."),
        ("manage_billing", "upload_bpjs_data"),  # BPJS's officer sends the bills
        url_name="billing:invoices",
    ),
    Area(
        "klaim",
        _("Claims"),
        _("Claims, santunan letters and what the cover paid out."),
        ("record_claims",),
        url_name="claims:list",
    ),
    Area(
        "monitoring",
        _("Monitoring"),
        _("The registry's figures today; Universal Coverage Jamsostek against the targets next."),
        ("view_reports",),
        url_name="home",
    ),
    Area(
        "audit",
        _("Audit log"),
        _("Who changed what, and when."),
        ("view_audit_log",),
        url_name="accounts:audit_log",
    ),
    Area(
        "pengguna",
        _("OPDs & accounts"),
        _("The OPDs that send lists, and who may sign in."),
        ("manage_users",),
        url_name="accounts:opds",
    ),
)


def navigation_for(user: User) -> list[Area]:
    return [
        area for area in AREAS if any(user.has_perm(permission_name(capability)) for capability in area.capabilities)
    ]
