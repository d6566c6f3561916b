"""Claims: the region's list, one claim by hand, BPJS's claim report, a claim with its calculation and
its santunan letter, the JKM benefits nobody has claimed yet, and what the cover paid out for its cost.

Who records claims (`record_claims`: the Disnaker administrator, the BPJS officer) may do everything
here; leadership (`view_reports`) may read. Every object is fetched within the user's region.
"""

from dataclasses import replace
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jaring.accounts.access import (
    AuthenticatedHttpRequest,
    get_for_user,
    require_any_capability,
    require_capability,
    scoped,
)
from jaring.claims.forms import GROUPINGS, ClaimFilterForm, ClaimForm, ClaimReportForm
from jaring.claims.letters import letter_file_name, santunan_letter, santunan_letter_pdf
from jaring.claims.models import LEVEL_LABELS, PROGRAM_LABELS, Claim, ClaimReport
from jaring.claims.selectors import (
    claim_benefit,
    claim_list,
    claim_reports,
    claim_warning_text,
    jkm_suggestions,
    report_reasons,
    report_refused_rows,
    value_for_money,
)
from jaring.claims.services import claim_add, claims_import
from jaring.core.benefits import PART_LABELS
from jaring.core.intake import FileRejected, file_rejection_text, is_english, mask_nik
from jaring.lib.listing import download_format, list_page, table_download
from jaring.lib.pages import refusal_as_message, valid_data
from jaring.regions.models import Region

RECORD = "record_claims"
READ = ("record_claims", "view_reports")


def _regency(request: AuthenticatedHttpRequest) -> Region | None:
    """The user's kabupaten/kota, where claims are kept; None (said as a message) for any other scope."""
    region = request.user.region
    if region is None or not region.is_regency:
        messages.error(request, _("Claims are kept per regency or city; your account is not scoped to one."))
        return None
    return region


def _part_rows(benefit_parts: tuple[tuple[str, int], ...]) -> list[tuple[str, int]]:
    english = is_english(get_language())
    return [(PART_LABELS[code][english], amount) for code, amount in benefit_parts]


# --- the list ------------------------------------------------------------------------------------------


@login_required
def claim_list_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_any_capability(request.user, *READ)
    filters = ClaimFilterForm(request.GET).filters()
    claims = claim_list(claims=scoped(request.user, Claim.objects.all()), **filters)
    fmt = download_format(request)
    if fmt:
        language = get_language()
        return table_download(
            fmt=fmt,
            stem="klaim",
            header=[
                _("Date of the event"),
                _("Name"),
                "NIK",
                _("Program"),
                _("School level"),
                _("Cause"),
                _("Status"),
                _("Amount (Rp)"),
                _("Calculated (Rp)"),
                _("Claim number"),
                _("Warning"),
            ],
            rows=(
                [
                    claim.event_date,
                    claim.person.name,
                    claim.person.nik,
                    claim.get_program_display(),
                    claim.get_level_display() if claim.level else "",
                    claim.get_cause_display() if claim.cause else "",
                    claim.get_status_display(),
                    claim.amount_paid,
                    claim.expected,
                    claim.claim_number,
                    claim_warning_text(claim, language=language),
                ]
                for claim in claims.iterator(chunk_size=2000)
            ),
        )
    listing = list_page(request, claims)
    rows = [{"claim": claim, "nik": mask_nik(claim.person.nik)} for claim in listing.rows]
    return render(
        request,
        "claims/claim_list.html",
        {
            "listing": listing,
            "rows": rows,
            "filters": filters,
            "programs": list(PROGRAM_LABELS.items()),
            "statuses": Claim.Status.choices,
            "can_record": request.user.has_perm(f"accounts.{RECORD}"),
        },
    )


# --- by hand -------------------------------------------------------------------------------------------


@login_required
def claim_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, RECORD)
    region = _regency(request)
    if region is None:
        return redirect("claims:list")
    if request.method != "POST":
        return _claim_form_page(request, typed=request.GET.dict())
    form = ClaimForm(request.POST, region=region)
    with refusal_as_message(request) as refusal:
        valid_data(form)
        claim = claim_add(actor=request.user, **form.claim())
    if refusal:
        # The form comes back with what was typed: nobody should type a claim twice for one slip.
        return _claim_form_page(request, typed=request.POST.dict())
    if claim.warning:
        messages.warning(request, claim_warning_text(claim, language=get_language()))
    messages.success(request, _("Claim recorded."))
    return redirect("claims:detail", pk=claim.pk)


def _claim_form_page(request: AuthenticatedHttpRequest, *, typed: dict[str, str]) -> HttpResponse:
    return render(
        request,
        "claims/claim_form.html",
        {
            "typed": {"status": Claim.Status.PAID, **typed},
            "programs": list(PROGRAM_LABELS.items()),
            "statuses": Claim.Status.choices,
            "levels": list(LEVEL_LABELS.items()),
            "causes": Claim.Cause.choices,
        },
    )


# --- a BPJS claim report -------------------------------------------------------------------------------


@login_required
def claim_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_capability(request.user, RECORD)
    if request.method != "POST":
        reports = claim_reports(reports=scoped(request.user, ClaimReport.objects.all()))
        return render(request, "claims/claim_import.html", {"listing": list_page(request, reports)})
    region = _regency(request)
    if region is None:
        return redirect("claims:import")
    with refusal_as_message(request) as refusal:
        data = valid_data(ClaimReportForm(request.POST, request.FILES))
        upload = data["berkas"]
        try:
            result = claims_import(actor=request.user, region=region, file_name=upload.name, data=upload.read())
        except FileRejected as exc:
            raise ValidationError(file_rejection_text(exc.code, exc.message, get_language())) from exc
    if refusal:
        return redirect("claims:import")
    if result.duplicate_of is not None:
        messages.info(request, _("This exact claim report was uploaded before; nothing new was stored."))
    else:
        messages.success(request, _("Claim report read."))
    return redirect("claims:report", pk=result.report.pk)


@login_required
def report_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_any_capability(request.user, *READ)
    report = get_for_user(request.user, ClaimReport.objects.select_related("region", "uploaded_by"), pk=pk)
    language = get_language()
    claims = claim_list(claims=scoped(request.user, Claim.objects.filter(report=report)))
    listing = list_page(request, claims)
    return render(
        request,
        "claims/report_detail.html",
        {
            "report": report,
            "reasons": report_reasons(report, language=language),
            "refused": report_refused_rows(report, language=language),
            "listing": listing,
            "rows": [{"claim": claim, "nik": mask_nik(claim.person.nik)} for claim in listing.rows],
            "no_download": True,
        },
    )


# --- one claim -----------------------------------------------------------------------------------------


@login_required
def claim_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_any_capability(request.user, *READ)
    claim = get_for_user(request.user, Claim.objects.select_related("person", "region", "report", "recorded_by"), pk=pk)
    language = get_language()
    benefit = claim_benefit(claim)
    return render(
        request,
        "claims/claim_detail.html",
        {
            "claim": claim,
            "nik": mask_nik(claim.person.nik),
            "warning": claim_warning_text(claim, language=language),
            "explanation": benefit.explanation(language) if benefit is not None else "",
            "parts": _part_rows(benefit.parts) if benefit is not None else [],
            "covered_months": (claim.calculation or {}).get("covered_months"),
            "income": (claim.calculation or {}).get("income"),
            "letter": claim.status != Claim.Status.REJECTED,
        },
    )


@login_required
def claim_letter(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_any_capability(request.user, *READ)
    claim = get_for_user(request.user, Claim.objects.select_related("person", "region"), pk=pk)
    if claim.status == Claim.Status.REJECTED:
        messages.error(request, _("BPJS rejected this claim: there is no santunan to write to the family about."))
        return redirect("claims:detail", pk=claim.pk)
    pdf = santunan_letter_pdf(santunan_letter(claim, on=timezone.localdate()))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letter_file_name(claim)}"'
    return response


# --- JKM suggestions -----------------------------------------------------------------------------------


@login_required
def suggestions_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_any_capability(request.user, *READ)
    region = _regency(request)
    suggestions = jkm_suggestions(region=region, language=get_language()) if region is not None else []
    fmt = download_format(request)
    if fmt:
        return table_download(
            fmt=fmt,
            stem="usulan-jkm",
            header=[_("Name"), "NIK", _("Date of death"), _("Months of membership"), _("JKM (Rp)"), _("Why")],
            rows=([s.name, s.nik, s.death_date, s.covered_months, s.amount, s.explanation] for s in suggestions),
        )
    rows = [
        {
            "suggestion": suggestion,
            "record": reverse("claims:new")
            + "?"
            + urlencode(
                {
                    "orang": f"#{suggestion.person_id}",
                    "program": "jkm",
                    "tanggal": suggestion.death_date.isoformat(),
                    "nominal": str(suggestion.amount),
                }
            ),
        }
        for suggestion in suggestions
    ]
    listing = list_page(request, rows)
    return render(
        request,
        "claims/suggestions.html",
        {
            "listing": listing,
            "total": sum(s.amount for s in suggestions),
            "can_record": request.user.has_perm(f"accounts.{RECORD}"),
        },
    )


# --- value for money -----------------------------------------------------------------------------------


@login_required
def value_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_any_capability(request.user, *READ)
    chosen = request.GET.get("menurut", "program")
    by = GROUPINGS.get(chosen, GROUPINGS["program"])
    chosen = next(key for key, value in GROUPINGS.items() if value == by)
    region = _regency(request)
    value = value_for_money(region=region, by=by) if region is not None else None
    titles = {
        "program": _("Program"),
        "dana": _("Fund"),
        "pekerjaan": _("Occupation"),
        "tahun": _("Year"),
    }
    fmt = download_format(request)
    if fmt and value is not None:
        return table_download(
            fmt=fmt,
            stem=f"nilai-manfaat-{chosen}",
            header=[
                titles[chosen],
                _("Person-months paid"),
                _("Contributions (Rp)"),
                _("Claims paid"),
                _("Claims paid (Rp)"),
                _("Claims paid per rupiah of contributions"),
            ],
            rows=(
                [
                    row.label,
                    row.person_months,
                    row.contributions,
                    row.claims,
                    row.claims_paid,
                    round(row.ratio, 4) if row.ratio is not None else None,
                ]
                for row in [*value.rows, replace(value.total, label=_("Total"))]
            ),
        )
    return render(
        request,
        "claims/value.html",
        {
            "value": value,
            "chosen": chosen,
            "groupings": [(key, titles[key]) for key in GROUPINGS],
            "title": titles[chosen],
            "xlsx_query": "?" + urlencode({"menurut": chosen, "unduh": "xlsx"}),
            "csv_query": "?" + urlencode({"menurut": chosen, "unduh": "csv"}),
        },
    )
