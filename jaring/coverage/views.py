"""The top floor's pages, read-only: each role's home with the region's figures, and every person with
everything known about them (rows, BPJS status, NIK doubts, history; enrolments, membership and
claims as those apps grow). Writes happen in the apps that own them; this app stores nothing."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from jaring.accounts.access import AuthenticatedHttpRequest, get_for_user, require_any_capability, scoped
from jaring.accounts.audit_text import action_label, audit_changes
from jaring.accounts.roles import permission_name
from jaring.accounts.selectors import audit_events_for, opd_list
from jaring.billing.selectors import enrolment_covering, member_months_frame
from jaring.bpjs.selectors import participation_label, participation_of, participations_by_person, roster_loaded
from jaring.core.billing import membership_runs
from jaring.core.intake import mask_nik
from jaring.core.linkage import nik_check_text
from jaring.core.occupations import occupation_label
from jaring.coverage.selectors import registry_figures
from jaring.lib.listing import download_format, list_page, table_download
from jaring.persons.models import Person
from jaring.persons.selectors import (
    nik_confirmation,
    person_record_niks,
    person_records,
    persons_count,
    persons_nik_check_count,
)
from jaring.programs.selectors import person_enrolments
from jaring.regions.selectors import region_get

# Keeping persons true is the administrator's; the BPJS officer reads them.
CAPABILITY = "review_duplicates"
NIK_TO_CHECK = "periksa"  # ?nik=periksa: only the persons whose NIK must be checked first
SEX_LABELS = {"L": gettext_lazy("Male"), "P": gettext_lazy("Female")}


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Each role's home: its work areas, and for those who read reports the registry's figures."""
    user = request.user
    region = user.region
    figures = None
    if user.has_perm(permission_name("view_reports")) and region is not None and region.is_regency:
        figures = registry_figures(region=region, others_label=_("Others"), unknown_label=_("Not stated"))
    context = {
        "region": region,
        "role": user.role,
        "opd": user.opd,
        "opds": opd_list(user=user, active_only=True),
        "figures": figures,
    }
    return render(request, "coverage/home.html", context)


@login_required
@require_safe
def person_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everyone in the registry with their BPJS status; read-only for the BPJS officer."""
    require_any_capability(request.user, CAPABILITY, "upload_bpjs_data")
    query = request.GET.get("q", "").strip()
    # The persons whose NIK must be checked before it goes to BPJS (the administrator's work list).
    waiting_only = request.GET.get("nik") == NIK_TO_CHECK
    persons = scoped(request.user, Person.objects.all()).order_by("name", "id")
    if waiting_only:
        persons = persons.exclude(nik_check="")
    if query:
        digits = "".join(ch for ch in query if ch.isdigit())
        # Names are stored in capitals; `contains` on the capitals is what the trigram index serves.
        persons = (
            persons.filter(nik__startswith=digits) if len(digits) >= 6 else persons.filter(name__contains=query.upper())
        )
    fmt = download_format(request)
    if fmt:
        return table_download(
            fmt=fmt,
            stem="orang",
            header=[
                _("Name"),
                "NIK",
                _("Birth date"),
                _("Sex"),
                _("Kelurahan code"),
                _("Occupation"),
                pgettext("label", "DTSEN desil"),
                "BPJS",
            ],
            rows=_person_rows(persons, checked=roster_loaded(region=request.user.region)),
        )
    # Without a search the total is the region's persons: one indexed count, not a count of the page's query.
    region = request.user.region
    plain = not query and not waiting_only
    total = persons_count(region=region) if plain and region is not None and region.is_regency else None
    checked = roster_loaded(region=region)
    listing = list_page(request, persons, total=total)
    standing = participations_by_person(person_ids=[person.pk for person in listing.rows])
    rows = [
        {
            "person": person,
            "nik": mask_nik(person.nik),
            "bpjs": participation_label(standing.get(person.pk), roster_loaded=checked),
            "nik_check": nik_check_text(person.nik_check, get_language()) if person.nik_check else "",
        }
        for person in listing.rows
    ]
    return render(
        request,
        "coverage/person_list.html",
        {
            "listing": listing,
            "rows": rows,
            "query": query,
            "can_review": request.user.has_perm(f"accounts.{CAPABILITY}"),
            "waiting_only": waiting_only,
            "nik_to_check": NIK_TO_CHECK,
            "waiting_count": persons_nik_check_count(region=region) if region is not None else 0,
        },
    )


def _person_rows(persons, *, checked: bool):
    """The persons as download rows, read in slices of 5,000 with their BPJS status; NIKs masked as on the page."""
    batch = []
    for person in persons.iterator(chunk_size=5000):
        batch.append(person)
        if len(batch) == 5000:
            yield from _with_status(batch, checked=checked)
            batch = []
    yield from _with_status(batch, checked=checked)


def _with_status(persons, *, checked: bool):
    standing = participations_by_person(person_ids=[person.pk for person in persons])
    for person in persons:
        yield [
            person.name,
            mask_nik(person.nik),
            person.birth_date,
            person.sex,
            person.kelurahan_code,
            occupation_label(person.occupation),
            person.desil,
            participation_label(standing.get(person.pk), roster_loaded=checked),
        ]


@login_required
@require_safe
def person_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_any_capability(request.user, CAPABILITY, "upload_bpjs_data")
    """Everything known about one person: the golden record and its rows, BPJS's word, the NIK's doubts,
    the history; the forms on it post to the apps that own those changes (persons, linkage)."""
    person = get_for_user(request.user, Person.objects.all(), pk=pk)
    participation = participation_of(person_id=person.pk)
    records = list(person_records(person=person))
    can_review = request.user.has_perm(f"accounts.{CAPABILITY}")
    enrolments = list(person_enrolments(person_id=person.pk))
    months = member_months_frame(region=person.region, person_ids=[person.pk])
    covering = enrolment_covering(months, day=timezone.localdate())
    return render(
        request,
        "coverage/person_detail.html",
        {
            "person": person,
            "records": records,
            "history": [
                {
                    "event": event,
                    "action": action_label(event.action),
                    "changes": audit_changes(event.before, event.after),
                }
                for event in audit_events_for(obj=person)
            ],
            "occupation": occupation_label(person.occupation) if person.occupation else "",
            "kelurahan": region_get(code=person.kelurahan_code) if person.kelurahan_code else None,
            "kecamatan": region_get(code=person.kecamatan_code) if person.kecamatan_code else None,
            "sex": SEX_LABELS.get(person.sex, person.sex),
            "participation": participation,
            "bpjs": participation_label(participation, roster_loaded=roster_loaded(region=person.region)),
            "can_review": can_review,
            # A person of one row has nothing to split off.
            "can_split": can_review and len(records) > 1,
            "nik_check": nik_check_text(person.nik_check, get_language()) if person.nik_check else "",
            "record_niks": sorted(person_record_niks(person=person) | ({person.nik} if person.nik else set())),
            "nik_confirmation": nik_confirmation(person=person) if person.nik else None,
            "enrolments": enrolments,
            "can_exit": request.user.has_perm("accounts.manage_enrolment"),
            "membership": membership_runs(months).to_dicts(),
            "covered_now": next((e for e in enrolments if e.pk == covering), None),
        },
    )
