"""Billing's pages: thin — each reads a form, calls one service or selector, renders."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.access import (
    AuthenticatedHttpRequest,
    get_for_user,
    require_any_capability,
    require_capability,
    scoped,
)
from jaring.billing.exports import correction_file
from jaring.billing.forms import ApproveForm, ContinuityForm, InvoiceUploadForm, PaymentForm, ResolveForm
from jaring.billing.labels import class_label, detail_label
from jaring.billing.models import Difference, Invoice, Reconciliation
from jaring.billing.selectors import (
    continuity_counts,
    continuity_risks,
    differences,
    fund_realisation,
    invoice_payments,
    invoice_shares,
    payable_by_source,
)
from jaring.billing.services import difference_resolve, payment_add, reconciliation_approve
from jaring.billing.tasks import invoice_import_start, invoice_reconcile_start
from jaring.core.billing import CLASSES, stake_text
from jaring.core.intake import mask_nik
from jaring.core.occupations import occupation_label
from jaring.lib.listing import FrameRows, download_format, list_page, table_download
from jaring.lib.pages import refusal_as_message, valid_data
from jaring.programs.models import FundingSource, Program

UPLOAD = ("upload_bpjs_data", "manage_billing")
BILLING = "manage_billing"


@login_required
def invoice_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_any_capability(request.user, *UPLOAD)
    invoices = scoped(request.user, Invoice.objects.select_related("program", "imported_by")).order_by("-period", "-id")
    programs = scoped(request.user, Program.objects.exclude(status=Program.Status.DRAFT)).order_by(
        "-budget_year", "name"
    )
    return render(
        request,
        "billing/invoice_list.html",
        {"listing": list_page(request, invoices), "programs": programs},
    )


@login_required
@require_POST
def invoice_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_any_capability(request.user, *UPLOAD)
    with refusal_as_message(request) as refusal:
        data = valid_data(InvoiceUploadForm(request.POST, request.FILES))
    if refusal:
        return redirect("billing:invoices")
    program = get_for_user(request.user, Program.objects.select_related("region"), pk=data["program"])
    upload = data["berkas"]
    job = invoice_import_start(
        actor=request.user, program=program, file_name=upload.name, data=upload.read(), period=data["periode"]
    )
    return redirect("jobs:job", pk=job.pk)


def _invoice(request: AuthenticatedHttpRequest, pk: int) -> Invoice:
    return get_for_user(request.user, Invoice.objects.select_related("program__region", "imported_by"), pk=pk)


@login_required
def invoice_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_any_capability(request.user, *UPLOAD)
    invoice = _invoice(request, pk)
    reconciliation = Reconciliation.objects.filter(invoice=invoice).select_related("prepared_by", "approved_by").first()
    klass = request.GET.get("kelas") or None
    if klass not in (None, *CLASSES):
        klass = None
    rows = differences(reconciliation=reconciliation, klass=klass) if reconciliation else Difference.objects.none()
    listing = list_page(request, rows)
    for item in listing.rows:
        item.class_text = class_label(item.klass)
        item.detail_text = detail_label(item.detail)
        item.nik_masked = mask_nik(item.nik) if item.nik else "—"
    summary = [
        {**row, "label": class_label(row["klass"])} for row in (reconciliation.summary if reconciliation else [])
    ]
    return render(
        request,
        "billing/invoice_detail.html",
        {
            "invoice": invoice,
            "reconciliation": reconciliation,
            "summary": summary,
            "listing": listing,
            "klass": klass,
            "classes": [(code, class_label(code)) for code in CLASSES if code != "matched"],
            "payable": payable_by_source(reconciliation=reconciliation) if reconciliation else {},
            "shares": invoice_shares(invoice=invoice),
            "payments": invoice_payments(invoice=invoice),
            "can_bill": request.user.has_perm(f"accounts.{BILLING}"),
            "can_approve": reconciliation is not None
            and invoice.status == Invoice.Status.PREPARED
            and reconciliation.prepared_by_id != request.user.pk,
            "total_differs": invoice.stated_total is not None and invoice.stated_total != invoice.lines_total,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def invoice_reconcile_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, BILLING)
    invoice = _invoice(request, pk)
    job = invoice_reconcile_start(actor=request.user, invoice=invoice)
    return redirect("jobs:job", pk=job.pk)


@login_required
@require_POST
def invoice_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, BILLING)
    invoice = _invoice(request, pk)
    with refusal_as_message(request) as refusal:
        valid_data(ApproveForm(request.POST))
        reconciliation_approve(actor=request.user, invoice=invoice)
    if not refusal:
        messages.success(request, _("Reconciliation approved; the funds may now pay their shares."))
    return redirect("billing:invoice", pk=invoice.pk)


@login_required
def invoice_corrections(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_any_capability(request.user, *UPLOAD)
    invoice = _invoice(request, pk)
    name, content, _rows = correction_file(invoice=invoice)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def difference_resolve_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, BILLING)
    difference = get_for_user(request.user, Difference.objects.select_related("reconciliation__invoice"), pk=pk)
    invoice = difference.reconciliation.invoice
    with refusal_as_message(request) as refusal:
        data = valid_data(ResolveForm(request.POST))
        difference_resolve(
            actor=request.user,
            difference=difference,
            reason=data["alasan"],
            every_month=data["semua_bulan"],
            accepted=data["keputusan"] == "terima",
        )
    if not refusal:
        if data["keputusan"] == "terima":
            done = _("Accepted as billed: it is paid as billed and not asked of BPJS.")
        else:
            done = _("To be corrected by BPJS: paid by the rule meanwhile, and still in the corrections file.")
        later = (
            _("Later invoices will not raise it again.")
            if data["semua_bulan"]
            else _("It is remembered for this month only.")
        )
        messages.success(request, f"{done} {later}")
    return redirect(f"{_url(invoice)}#selisih")


@login_required
@require_POST
def payment_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_capability(request.user, BILLING)
    invoice = _invoice(request, pk)
    with refusal_as_message(request) as refusal:
        data = valid_data(PaymentForm(request.POST))
        source = FundingSource.objects.filter(pk=data["dana"], program_id=invoice.program_id).first()
        if source is None:
            raise Http404
        payment = payment_add(
            actor=request.user,
            invoice=invoice,
            source=source,
            amount=data["jumlah"],
            paid_on=data["tanggal"],
            reference=data["referensi"],
            sp2d_number=data["sp2d"],
            carry_excess=data["kredit"],
        )
    if not refusal:
        messages.success(
            request,
            _("Payment recorded.")
            + (
                " "
                + _("Rp%(credit)s is carried as credit to the fund's next invoice.")
                % {"credit": f"{payment.credit:,}".replace(",", ".")}
                if payment.credit
                else ""
            ),
        )
    return redirect(f"{_url(invoice)}#bayar")


@login_required
def realisation(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_any_capability(request.user, BILLING, "view_reports")
    programs = scoped(request.user, Program.objects.exclude(status=Program.Status.DRAFT)).order_by(
        "-budget_year", "name"
    )
    rows = [(program, fund_realisation(program=program)) for program in programs]
    fmt = download_format(request)
    if fmt:
        return table_download(
            fmt=fmt,
            stem="realisasi-anggaran",
            header=[
                _("Program"),
                _("Fund"),
                _("Ceiling (pagu)"),
                _("Committed"),
                _("Invoiced"),
                _("Paid"),
                _("Remaining"),
            ],
            rows=(
                [
                    program.name,
                    str(fund["source"]),
                    fund["money"].pagu,
                    fund["money"].committed,
                    fund["money"].invoiced,
                    fund["money"].paid,
                    fund["money"].remaining,
                ]
                for program, funds in rows
                for fund in funds
            ),
        )
    return render(
        request, "billing/realisation.html", {"rows": [{"program": program, "funds": funds} for program, funds in rows]}
    )


@login_required
def continuity(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_any_capability(request.user, BILLING, "view_reports")
    region = request.user.region
    if region is None or not region.is_regency:
        messages.error(request, _("The continuity guard works per regency or city; your account is not scoped to one."))
        return redirect("home")
    form = ContinuityForm(request.GET)
    today = timezone.localdate()
    next_cover = (form.cleaned_data.get("mulai") if form.is_valid() else None) or dt.date(today.year + 1, 1, 1)
    risks = continuity_risks(region=region, today=today, next_cover=next_cover)
    language = get_language() or "id"
    fmt = download_format(request)
    if fmt:
        return table_download(
            fmt=fmt,
            stem=f"kelangsungan-{next_cover:%Y-%m}",
            header=[
                "NIK",
                _("Name"),
                _("Kecamatan"),
                _("Occupation"),
                _("Last covered month"),
                _("Lapses in"),
                _("At stake"),
            ],
            rows=(
                [
                    r["nik"],
                    r["name"],
                    r["kecamatan"],
                    occupation_label(r["occupation"] or ""),
                    r["run_end"],
                    r["lapses_on"],
                    stake_text(r, language),
                ]
                for r in risks.iter_rows(named=True)
            ),
        )

    def shown(row: dict) -> dict:
        return {
            **row,
            "nik_masked": mask_nik(row["nik"] or ""),
            "stake": stake_text(row, language),
            "occupation_text": occupation_label(row["occupation"] or ""),
        }

    page = list_page(request, FrameRows(risks, shown))
    return render(
        request,
        "billing/continuity.html",
        {
            "listing": page,
            "next_cover": next_cover,
            "persons": risks.height,
            "jkm_at_stake": int(risks.get_column("jkm_at_stake").sum()) if risks.height else 0,
            "by_kecamatan": continuity_counts(risks, "kecamatan")[:15],
            "by_occupation": [(occupation_label(code), n) for code, n in continuity_counts(risks, "occupation")[:15]],
        },
    )


def _url(invoice: Invoice) -> str:
    return reverse("billing:invoice", args=[invoice.pk])
