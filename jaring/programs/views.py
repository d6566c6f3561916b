"""Programme & anggaran: programs, their funds and rules, the planner, eligibility, selection and approval.

Thin views: each validates its form, calls one service and redirects with a message in the user's language.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jaring.accounts.access import AuthenticatedHttpRequest, get_for_user, require_capability, scoped
from jaring.core.occupations import occupation_choices, occupation_label
from jaring.core.programs import EligibilityRules, fund_standing, reason_label
from jaring.lib.listing import download_format, list_page, table_download
from jaring.lib.pages import refusal_as_message, refusal_text, valid_data
from jaring.persons.selectors import person_in_region
from jaring.programs.exports import program_dukcapil_rows, program_people_table
from jaring.programs.forms import ApproveForm, DecisionForm, FundingForm, PlannerForm, ProgramForm, RulesForm
from jaring.programs.models import FundingSource, Program
from jaring.programs.selectors import (
    funding_sources,
    program_cover,
    program_duplicates_warning,
    program_eligibility_preview,
    program_spent,
    program_stage_counts,
)
from jaring.programs.services import (
    decision_set,
    funding_add,
    program_approve,
    program_close,
    program_continuity_warning,
    program_create,
    program_plan_budget,
    program_plan_target,
    program_rules_update,
    program_select,
)
from jaring.programs.services.selection import program_rules
from jaring.programs.tasks import eligibility_preview_start, eligibility_start

CAPABILITY = "manage_programs"


def _program(request: HttpRequest, pk: int) -> Program:
    require_capability(request.user, CAPABILITY)
    return get_for_user(request.user, Program.objects.select_related("region").prefetch_related("sources"), pk=pk)


@login_required
def program_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    return _program_list_page(request)


def _program_list_page(request: AuthenticatedHttpRequest, *, typed: dict[str, str] | None = None) -> HttpResponse:
    """The programs, with the new-program form; `typed` refills it (open) after a refusal."""
    programs = scoped(request.user, Program.objects.select_related("region").prefetch_related("sources"))
    context = {
        "listing": list_page(request, programs),
        "kinds": Program.Kind.choices,
        "packages": Program.Package.choices,
        "typed": typed or {},
    }
    return render(request, "programs/program_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def program_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, CAPABILITY)
    if request.method == "GET":  # the form lives on the list page; an address typed or bookmarked opens it there
        return redirect(reverse("programs:list") + "?baru=1")
    region = request.user.region
    form = ProgramForm(request.POST)
    with refusal_as_message(request) as refusal:
        if region is None:
            raise ValidationError(_("Your account is not scoped to a regency or city."))
        valid_data(form)
        program = program_create(actor=request.user, region=region, **form.program())
    if refusal:
        # The form comes back open with what was typed: nobody should type a program twice for one slip.
        return _program_list_page(request, typed=request.POST.dict())
    messages.success(request, _("Program created as a draft. Add its funding sources next."))
    return redirect("programs:detail", pk=program.pk)


@login_required
def program_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    language = get_language()
    rules = program_rules(program)
    counts = program_stage_counts(program=program)
    preview = _preview(request, program, rules, language) if "pratinjau" in request.GET else None
    saved_reasons = [
        (reason_label(code, language, rules=rules), n)
        for code, n in (program.eligibility_summary or {}).get("reasons", {}).items()
    ]
    sources = funding_sources(program)
    spent = program_spent(program=program)
    exhausted = (program.selection_summary or {}).get("exhausted_at", {})
    funds = [
        {
            "source": funding,
            "label": source.code,
            "standing": fund_standing(
                source, spent=spent.get(funding.pk, 0), exhausted_at=exhausted.get(str(funding.pk))
            ),
            "categories": [occupation_label(code, language) for code in funding.categories],
        }
        for funding, source in sources
    ]
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": program,
            "cover": program_cover(program),
            "funds": funds,
            "total_funds": sum(funding.amount for funding, _source in sources),
            "spent_heading": _("Spent by the selection")
            if program.is_draft
            else _("Held by enrolments (not rejected)"),
            "counts": counts,
            "preview": preview,
            "saved_reasons": saved_reasons,
            "plan": _plan(request, program),
            "warning": program_continuity_warning(program=program),
            "duplicates_warning": program_duplicates_warning(program=program),
            "fund_kinds": FundingSource.Kind.choices,
            "catalogue": occupation_choices(language),
            "rule_categories": [occupation_label(code, language) for code in program.categories],
        },
    )


def _preview(
    request: AuthenticatedHttpRequest, program: Program, rules: EligibilityRules, language: str
) -> dict | None:
    """The eligibility preview `?pratinjau=<job>` names (its job's done page sends the browser here)."""
    asked = request.GET["pratinjau"]
    found = asked.isdigit() and program_eligibility_preview(user=request.user, program=program, job_id=int(asked))
    if not found:
        messages.warning(request, _("That eligibility preview is not available. Preview the eligibility again."))
        return None
    return {
        "persons": found.persons,
        "eligible": found.eligible,
        "reasons": [(reason_label(code, language, rules=rules), n) for code, n in found.reasons.items()],
        "rules_changed": found.rules_changed,
    }


def _plan(request: HttpRequest, program: Program) -> dict | None:
    """The planner's answer for the GET form: a budget, a target, other months."""
    form = PlannerForm(request.GET, cover=program_cover(program))
    if not form.asks():
        return None
    try:
        asked = valid_data(form)
        cover = asked["cover"]
        warning = program_continuity_warning(program=program, cover=cover)
        if asked["budget"] is not None:
            budget_plan = program_plan_budget(program=program, budget=asked["budget"], cover=cover)
            return {"kind": "budget", "plan": budget_plan, "cover": cover, "warning": warning}
        target_plan = program_plan_target(program=program, target_percent=asked["target"], workforce=asked["workforce"])
        return {"kind": "target", "plan": target_plan, "cover": cover, "warning": warning}
    except ValidationError as exc:
        return {"error": refusal_text(exc)}


@login_required
@require_POST
def funding_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    form = FundingForm(request.POST)
    with refusal_as_message(request):
        valid_data(form)
        funding_add(actor=request.user, program=program, **form.funding())
        messages.success(request, _("Funding source added."))
    return redirect("programs:detail", pk=program.pk)


@login_required
@require_POST
def rules_save(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    form = RulesForm(request.POST)
    with refusal_as_message(request):
        valid_data(form)
        program_rules_update(actor=request.user, program=program, **form.rules())
        messages.success(request, _("Rules saved. Run the eligibility check again to apply them."))
    return redirect("programs:detail", pk=program.pk)


@login_required
@require_POST
def eligibility_save(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Saving judges every person of the region: a job, whose page shows progress and comes back here."""
    program = _program(request, pk)
    if not program.is_draft:
        messages.error(request, _("The program is approved: its selection is frozen."))
        return redirect("programs:detail", pk=program.pk)
    job = eligibility_start(actor=request.user, program=program)
    return redirect("jobs:job", pk=job.pk)


@login_required
@require_POST
def eligibility_preview(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Previewing judges every person of the region too: a job, whose page comes back here with the preview."""
    program = _program(request, pk)
    job = eligibility_preview_start(actor=request.user, program=program)
    return redirect("jobs:job", pk=job.pk)


@login_required
@require_POST
def select_run(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    with refusal_as_message(request):
        result = program_select(actor=request.user, program=program)
        text = _("Selected %(selected)s; %(waiting)s on the waiting list.") % {
            "selected": number_format(result.selected, force_grouping=True),
            "waiting": number_format(result.waiting, force_grouping=True),
        }
        if result.held.get("nik"):
            text += " " + _("%(n)s of them wait for their NIK to be checked before it goes to BPJS.") % {
                "n": number_format(result.held["nik"], force_grouping=True)
            }
        if result.held.get("pair"):
            text += " " + _(
                "%(n)s of them may be the same worker as a selected person: decide in the review queue."
            ) % {"n": number_format(result.held["pair"], force_grouping=True)}
        if not program.is_draft:
            text += " " + _("New enrolments: %(n)s.") % {"n": result.new_enrolments}
        messages.success(request, text)
    return redirect("programs:detail", pk=program.pk)


@login_required
@require_POST
def approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    with refusal_as_message(request):
        valid_data(ApproveForm(request.POST))
        created = program_approve(actor=request.user, program=program)
        messages.success(
            request, _("Approved: %(n)s enrolments frozen. Send them to BPJS from Enrolment.") % {"n": created}
        )
    return redirect("programs:detail", pk=program.pk)


@login_required
@require_POST
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    with refusal_as_message(request):
        ended = program_close(actor=request.user, program=program)
        messages.success(request, _("Program closed; %(n)s memberships ended.") % {"n": ended})
    return redirect("programs:detail", pk=program.pk)


# The page's names of a program's lists (its addresses are Indonesian) and the list each shows.
LISTS = {
    "layak": "eligible",
    "tidak-layak": "excluded",
    "terpilih": "selected",
    "tunggu": "waiting",
    "terdaftar": "enrolled",
}


@login_required
def people(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    which = request.GET.get("daftar", "layak")
    if which not in LISTS:
        messages.warning(
            request, _("There is no list called “%(name)s”; here are the eligible.") % {"name": which[:40]}
        )
        return redirect(f"{_people_url(program)}?daftar=layak")
    # The same table `jaring program export` writes, in the reader's language.
    fmt = download_format(request)
    if fmt and which == "terpilih" and request.GET.get("untuk") == "dukcapil":
        header, rows, _count = program_dukcapil_rows(program=program)
        return table_download(fmt=fmt, stem=f"program-{program.pk}-nik-untuk-dukcapil", header=header, rows=rows)
    table = program_people_table(program=program, kind=LISTS[which], language=get_language())
    if fmt:
        return table.download(fmt=fmt, stem=f"program-{program.pk}-{which}")
    listing = list_page(request, table.items)
    return render(
        request,
        "programs/people.html",
        {
            "program": program,
            "which": which,
            "header": table.header,
            "rows": table.page_rows(listing),
            "listing": listing,
            "tabs": [(key, _label(key)) for key in LISTS],
        },
    )


def _label(key: str) -> str:
    return {
        "layak": _("Eligible"),
        "tidak-layak": _("Not eligible"),
        "terpilih": _("Selected"),
        "tunggu": _("Waiting list"),
        "terdaftar": _("Enrolled"),
    }[key]


@login_required
@require_POST
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    form = DecisionForm(request.POST)
    with refusal_as_message(request):
        decision = valid_data(form)
        person = person_in_region(region=program.region, key=decision["orang"])
        if person is None:
            raise ValidationError(_("No person with that NIK or number in this region."))
        decision_set(
            actor=request.user, program=program, person=person, include=form.include, reason=decision["alasan"]
        )
        messages.success(
            request,
            _("Decision kept for %(name)s. Save the eligibility again to see it in the lists.") % {"name": person.name},
        )
    return redirect(f"{_people_url(program)}?daftar=tidak-layak")


def _people_url(program: Program) -> str:
    return reverse("programs:people", kwargs={"pk": program.pk})
