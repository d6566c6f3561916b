"""Billing's page input, read and checked by forms."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from jaring.core.money import RupiahRejected, parse_rupiah
from jaring.core.programs import CoverMonths


class InvoiceUploadForm(forms.Form):
    program = forms.IntegerField(error_messages={"required": _("Choose the program the invoice is for.")})
    berkas = forms.FileField(
        error_messages={
            "required": _("Choose the invoice file from BPJS."),
            "empty": _("Choose the invoice file from BPJS."),
            "invalid": _("Choose the invoice file from BPJS."),
        }
    )
    # "YYYY-MM" (an <input type="month">); empty: as the file says.
    periode = forms.CharField(required=False)

    def clean_periode(self) -> dt.date | None:
        text = self.cleaned_data["periode"].strip()
        if not text:
            return None
        try:
            return CoverMonths.parse(text, 1).start
        except ValueError as exc:
            raise forms.ValidationError(_("The month billed is not a month (write YYYY-MM).")) from exc


class ResolveForm(forms.Form):
    alasan = forms.CharField(
        min_length=5,
        error_messages={
            "required": _("Say what was decided, e.g. 'koreksi bulan depan'."),
            "min_length": _("Say what was decided (at least 5 characters), e.g. 'koreksi bulan depan'."),
        },
    )
    semua_bulan = forms.BooleanField(required=False)
    # "terima": accepted as billed; "koreksi": BPJS corrects it on a later bill, paid by the rule meanwhile.
    keputusan = forms.ChoiceField(
        choices=[("koreksi", "koreksi"), ("terima", "terima")],
        error_messages={"required": _("Choose what was decided."), "invalid_choice": _("Choose what was decided.")},
    )


class ApproveForm(forms.Form):
    diperiksa = forms.BooleanField(
        error_messages={"required": _("Tick that you checked the reconciliation before approving it.")}
    )


class PaymentForm(forms.Form):
    dana = forms.IntegerField(error_messages={"required": _("Choose the fund that pays.")})
    jumlah = forms.CharField(error_messages={"required": _("Write the amount paid.")})
    tanggal = forms.DateField(
        input_formats=["%Y-%m-%d"],
        error_messages={"required": _("Write the payment date."), "invalid": _("The payment date is not a date.")},
    )
    referensi = forms.CharField(required=False, max_length=100)
    sp2d = forms.CharField(required=False, max_length=100)
    kredit = forms.BooleanField(required=False)

    def clean_jumlah(self) -> int:
        try:
            return parse_rupiah(self.cleaned_data["jumlah"])
        except RupiahRejected as exc:
            raise forms.ValidationError(str(exc)) from exc


class ContinuityForm(forms.Form):
    mulai = forms.CharField(required=False)  # YYYY-MM: the first month a next program could cover

    def clean_mulai(self) -> dt.date | None:
        text = self.cleaned_data["mulai"].strip()
        if not text:
            return None
        try:
            return CoverMonths.parse(text, 1).start
        except ValueError as exc:
            raise forms.ValidationError(_("The month is not a month (write YYYY-MM).")) from exc
