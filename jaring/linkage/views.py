from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.access import get_for_user, require_capability, scoped
from jaring.accounts.models import AuditEvent
from jaring.core.nik import mask_nik
from jaring.jobs.services import job_start_link
from jaring.linkage.evidence import explain
from jaring.linkage.models import MatchPair, Person
from jaring.linkage.services import person_split, review_decide, submission_release_linkage
from jaring.registry.models import SourceRecord, Submission

CAPABILITY = "review_duplicates"
FIELDS = (
    ("nik", "NIK"),
    ("name", "Nama"),
    ("birth_date", "Tanggal lahir"),
    ("sex", "JK"),
    ("kelurahan_code", "Kelurahan"),
    ("phone", "No HP"),
    ("occupation", "Pekerjaan"),
)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    pairs = scoped(request.user, MatchPair.objects.filter(decision=MatchPair.Decision.REVIEW)).order_by(
        "-probability", "id"
    )
    page = Paginator(pairs, per_page=10).get_page(request.GET.get("halaman"))
    records = SourceRecord.objects.select_related("submission").in_bulk(
        [pair.record_l_id for pair in page.object_list] + [pair.record_r_id for pair in page.object_list]
    )
    cards = []
    for pair in page.object_list:
        left, right = records[pair.record_l_id], records[pair.record_r_id]
        rows = [
            {
                "label": label,
                "left": getattr(left, name) or "—",
                "right": getattr(right, name) or "—",
                "same": getattr(left, name) == getattr(right, name) and getattr(left, name) not in ("", None),
            }
            for name, label in FIELDS
        ]
        cards.append(
            {
                "pair": pair,
                "left": left,
                "right": right,
                "rows": rows,
                "evidence": explain(pair.evidence),
                "percent": round(pair.probability * 100),
            }
        )
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
    job = job_start_link(actor=request.user, region=request.user.region)
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
        persons = persons.filter(nik__startswith=digits) if len(digits) >= 6 else persons.filter(name__icontains=query)
    page = Paginator(persons, per_page=50).get_page(request.GET.get("halaman"))
    rows = [{"person": person, "nik": mask_nik(person.nik)} for person in page.object_list]
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
    records = person.records.select_related("submission").order_by("submission_id", "row")
    history = AuditEvent.objects.filter(object_type="linkage.person", object_id=str(person.pk))
    return render(request, "linkage/person_detail.html", {"person": person, "records": records, "history": history})
