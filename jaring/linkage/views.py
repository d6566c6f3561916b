from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.access import get_for_user, require_capability, scoped
from jaring.accounts.selectors import audit_events_for
from jaring.bpjs.selectors import participation_label, participation_of, participations_by_person
from jaring.core.nik import mask_nik
from jaring.linkage.models import MatchPair
from jaring.linkage.selectors import review_cards, review_queue
from jaring.linkage.services import person_split, review_decide
from jaring.linkage.tasks import link_start
from jaring.persons.models import Person
from jaring.persons.selectors import person_records
from jaring.registry.models import Submission
from jaring.registry.services import submission_release_linkage

CAPABILITY = "review_duplicates"


@login_required
def review_queue_page(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    pairs = review_queue(pairs=scoped(request.user, MatchPair.objects.all()))
    page = Paginator(pairs, per_page=10).get_page(request.GET.get("halaman"))
    cards = review_cards(pairs=page.object_list)
    return render(request, "linkage/review_queue.html", {"page": page, "cards": cards, "total": pairs.count()})


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
    return redirect("registry:submission", pk=submission.pk)


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    query = request.GET.get("q", "").strip()
    persons = scoped(request.user, Person.objects.all()).order_by("name", "id")
    if query:
        digits = "".join(ch for ch in query if ch.isdigit())
        # Names are stored in capitals; `contains` on the capitals is what the trigram index serves.
        persons = (
            persons.filter(nik__startswith=digits) if len(digits) >= 6 else persons.filter(name__contains=query.upper())
        )
    page = Paginator(persons, per_page=50).get_page(request.GET.get("halaman"))
    standing = participations_by_person(person_ids=[person.pk for person in page.object_list])
    rows = [
        {"person": person, "nik": mask_nik(person.nik), "bpjs": participation_label(standing.get(person.pk))}
        for person in page.object_list
    ]
    return render(request, "linkage/person_list.html", {"page": page, "rows": rows, "query": query})


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    person = get_for_user(request.user, Person.objects.all(), pk=pk)
    if request.method == "POST":
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
            "history": audit_events_for(obj=person),
            "participation": participation,
            "bpjs": participation_label(participation),
        },
    )
