from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.access import get_for_user, require_any_capability, require_capability, scoped
from jaring.accounts.audit_text import action_label, audit_changes
from jaring.accounts.selectors import audit_events_for
from jaring.bpjs.selectors import participation_label, participation_of, participations_by_person
from jaring.core.intake.nik import mask_nik
from jaring.core.linkage import nik_check_text
from jaring.core.occupations import occupation_label
from jaring.lib.listing import download_format, list_page, table_download
from jaring.linkage.models import MatchPair
from jaring.linkage.selectors import review_cards, review_queue
from jaring.linkage.services import person_split, review_decide
from jaring.linkage.tasks import link_start
from jaring.persons.models import Person
from jaring.persons.selectors import nik_confirmation, person_record_niks, person_records, persons_count
from jaring.regions.selectors import region_get
from jaring.registry.models import Submission
from jaring.registry.selectors import submissions_waiting_for_linkage_decision
from jaring.registry.services import submission_reject_linkage, submission_release_linkage

CAPABILITY = "review_duplicates"
SEX_LABELS = {"L": gettext_lazy("Male"), "P": gettext_lazy("Female")}


@login_required
def review_queue_page(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    pairs = review_queue(pairs=scoped(request.user, MatchPair.objects.all()))
    fmt = download_format(request)
    if fmt:
        return table_download(
            fmt=fmt,
            stem="antrean-tinjauan",
            header=[
                _("Pair"),
                _("Match score %"),
                _("Left row"),
                _("Left name"),
                _("Right row"),
                _("Right name"),
                _("Evidence"),
            ],
            rows=_review_rows(pairs),
        )
    listing = list_page(request, pairs, per_page=10)
    cards = review_cards(pairs=listing.rows)
    held = submissions_waiting_for_linkage_decision(submissions=scoped(request.user, Submission.objects.all()))
    return render(
        request,
        "linkage/review_queue.html",
        {"listing": listing, "cards": cards, "total": listing.total, "held": held},
    )


def _review_rows(pairs):
    ids = list(pairs.values_list("id", flat=True))
    for start in range(0, len(ids), 1000):
        for card in review_cards(
            pairs=MatchPair.objects.filter(id__in=ids[start : start + 1000]).order_by("-probability", "id")
        ):
            yield [
                card.pair.pk,
                card.percent,
                f"{card.left.submission.source} · {card.left.sheet} {card.left.row}",
                card.left.name,
                f"{card.right.submission.source} · {card.right.sheet} {card.right.row}",
                card.right.name,
                "; ".join(line["text"] for line in card.evidence),
            ]


@login_required
@require_POST
def review_decision(request: HttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    pair = get_for_user(request.user, MatchPair.objects.select_related("region"), pk=pk)
    choice = request.POST.get("keputusan")
    if choice not in ("sama", "beda"):
        messages.error(request, _("Choose “same person” or “different people”."))
        return redirect("linkage:review")
    try:
        review_decide(actor=request.user, pair=pair, same=choice == "sama")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Decision saved; this pair will not be asked again."))
    return redirect("linkage:review")


@login_required
@require_POST
def link_now(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    if request.user.region is None or request.user.region.level != request.user.region.Level.REGENCY:
        messages.error(request, _("Linking runs per regency or city; your account is not scoped to one."))
        return redirect("linkage:review")
    job = link_start(actor=request.user, region=request.user.region)
    return redirect("jobs:job", pk=job.pk)


@login_required
@require_POST
def release_submission(request: HttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    submission = get_for_user(request.user, Submission.objects.select_related("region", "opd"), pk=pk)
    try:
        submission_release_linkage(actor=request.user, submission=submission)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The submission will be linked at the next run."))
    return _back(request, submission)


@login_required
@require_POST
def reject_submission(request: HttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    submission = get_for_user(request.user, Submission.objects.select_related("region", "opd"), pk=pk)
    try:
        submission_reject_linkage(actor=request.user, submission=submission, reason=request.POST.get("alasan", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The list was refused: its rows are kept, and none will be linked."))
    return _back(request, submission)


def _back(request: HttpRequest, submission: Submission) -> HttpResponse:
    """To the review queue when the decision was made there, else to the list's page."""
    if request.POST.get("kembali") == "antrean":
        return redirect("linkage:review")
    return redirect("registry:submission", pk=submission.pk)


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    """Everyone in the registry with their BPJS status; read-only for the BPJS officer."""
    require_any_capability(request.user, CAPABILITY, "upload_bpjs_data")
    query = request.GET.get("q", "").strip()
    persons = scoped(request.user, Person.objects.all()).order_by("name", "id")
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
            rows=_person_rows(persons),
        )
    # Without a search the total is the region's persons: one indexed count, not a count of the page's query.
    region = request.user.region
    total = (
        persons_count(region=region)
        if not query and region is not None and region.level == region.Level.REGENCY
        else None
    )
    listing = list_page(request, persons, total=total)
    standing = participations_by_person(person_ids=[person.pk for person in listing.rows])
    rows = [
        {"person": person, "nik": mask_nik(person.nik), "bpjs": participation_label(standing.get(person.pk))}
        for person in listing.rows
    ]
    return render(
        request,
        "linkage/person_list.html",
        {
            "listing": listing,
            "rows": rows,
            "query": query,
            "can_review": request.user.has_perm(f"accounts.{CAPABILITY}"),
        },
    )


def _person_rows(persons):
    """The persons as download rows, read in slices of 5,000 with their BPJS status; NIKs masked as on the page."""
    batch = []
    for person in persons.iterator(chunk_size=5000):
        batch.append(person)
        if len(batch) == 5000:
            yield from _with_status(batch)
            batch = []
    yield from _with_status(batch)


def _with_status(persons):
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
            participation_label(standing.get(person.pk)),
        ]


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_any_capability(request.user, CAPABILITY, "upload_bpjs_data")
    person = get_for_user(request.user, Person.objects.all(), pk=pk)
    if request.method == "POST":
        require_capability(request.user, CAPABILITY)
        chosen = [int(value) for value in request.POST.getlist("baris") if value.isdigit()]
        try:
            other = person_split(actor=request.user, person=person, record_ids=chosen)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The rows were moved to a new person."))
            return redirect("linkage:person", pk=other.pk)
        return redirect("linkage:person", pk=person.pk)
    participation = participation_of(person_id=person.pk)
    return render(
        request,
        "linkage/person_detail.html",
        {
            "person": person,
            "records": person_records(person=person),
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
            "bpjs": participation_label(participation),
            "can_review": request.user.has_perm(f"accounts.{CAPABILITY}"),
            "nik_check": nik_check_text(person.nik_check, get_language()) if person.nik_check else "",
            "record_niks": sorted(person_record_niks(person=person) | ({person.nik} if person.nik else set())),
            "nik_confirmation": nik_confirmation(person=person) if person.nik else None,
        },
    )
