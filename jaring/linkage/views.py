from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jaring.accounts.access import AuthenticatedHttpRequest, get_for_user, require_capability, scoped
from jaring.lib.listing import download_format, list_page, table_download
from jaring.lib.pages import refusal_as_message, valid_data
from jaring.linkage.forms import RejectForm, ReviewDecisionForm, SplitForm
from jaring.linkage.models import MatchPair
from jaring.linkage.selectors import review_cards, review_queue
from jaring.linkage.services import person_split, review_decide
from jaring.linkage.tasks import link_start
from jaring.persons.models import Person
from jaring.persons.selectors import person_record_ids
from jaring.registry.models import Submission
from jaring.registry.selectors import submissions_waiting_for_linkage_decision
from jaring.registry.services import submission_reject_linkage, submission_release_linkage

CAPABILITY = "review_duplicates"
SEX_LABELS = {"L": gettext_lazy("Male"), "P": gettext_lazy("Female")}


@login_required
def review_queue_page(request: AuthenticatedHttpRequest) -> HttpResponse:
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
def review_decision(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    pair = get_for_user(request.user, MatchPair.objects.select_related("region"), pk=pk)
    form = ReviewDecisionForm(request.POST)
    with refusal_as_message(request):
        valid_data(form)
        review_decide(actor=request.user, pair=pair, same=form.same)
        messages.success(request, _("Decision saved; this pair will not be asked again."))
    return redirect("linkage:review")


@login_required
@require_POST
def link_now(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    if request.user.region is None or not request.user.region.is_regency:
        messages.error(request, _("Linking runs per regency or city; your account is not scoped to one."))
        return redirect("linkage:review")
    job = link_start(actor=request.user, region=request.user.region)
    return redirect("jobs:job", pk=job.pk)


@login_required
@require_POST
def release_submission(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    submission = get_for_user(request.user, Submission.objects.select_related("region", "opd"), pk=pk)
    with refusal_as_message(request):
        submission_release_linkage(actor=request.user, submission=submission)
        messages.success(request, _("The submission will be linked at the next run."))
    return _back(request, submission)


@login_required
@require_POST
def reject_submission(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    submission = get_for_user(request.user, Submission.objects.select_related("region", "opd"), pk=pk)
    with refusal_as_message(request):
        reason = valid_data(RejectForm(request.POST))["alasan"]
        submission_reject_linkage(actor=request.user, submission=submission, reason=reason)
        messages.success(request, _("The list was refused: its rows are kept, and none will be linked."))
    return _back(request, submission)


def _back(request: HttpRequest, submission: Submission) -> HttpResponse:
    """To the review queue when the decision was made there, else to the list's page."""
    if request.POST.get("kembali") == "antrean":
        return redirect("linkage:review")
    return redirect("registry:submission", pk=submission.pk)


@login_required
@require_POST
def person_split_post(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Rows ticked on the person page belong to someone else: they become a new person."""
    require_capability(request.user, CAPABILITY)
    person = get_for_user(request.user, Person.objects.all(), pk=pk)
    with refusal_as_message(request):
        chosen = valid_data(SplitForm(request.POST, record_ids=person_record_ids(person=person)))["baris"]
        other = person_split(actor=request.user, person=person, record_ids=chosen)
        messages.success(request, _("The rows were moved to a new person."))
        return redirect("coverage:person", pk=other.pk)
    return redirect("coverage:person", pk=person.pk)
