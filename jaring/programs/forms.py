"""What the programs pages send, read and checked before a service sees it.

The forms read the input's form: whole numbers as the core reads them ("1.5" is refused, not taken for
15), rupiah as the command line reads them, months as YYYY-MM, lists and boxes; each refusal is in the
reader's language and names the field. What a program may be (a known fund, occupations of the
catalogue, an age range that makes sense) the services decide, for the pages and the commands alike.
The field names are the keys the pages post (Indonesian, as the pages' addresses).
"""

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jaring.core.money import RupiahRejected, parse_rupiah
from jaring.core.parsers import parse_whole_number
from jaring.core.programs import CoverMonths
from jaring.programs.models import Program
from jaring.programs.services import profile_columns_from_text

NOT_WHOLE = _("%(what)s must be a whole number, not '%(text)s'.")


def not_whole(label: Any, text: str) -> ValidationError:
    """The refusal of `text` where `label` wants a whole number."""
    return ValidationError(NOT_WHOLE, code="whole", params={"what": label, "text": text})


class WholeNumberField(forms.CharField):
    """A whole number as typed ("18", "2027", "1.250"), read by `core.parsers.parse_whole_number`.

    Required (the default), an empty field is refused as not a whole number; optional, it is None.
    """

    def __init__(self, *, required: bool = True, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)
        self.needed = required

    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        if not text and not self.needed:
            return None
        number = parse_whole_number(text)
        if number is None:
            raise not_whole(self.label, text)
        return number


class RupiahField(forms.CharField):
    """Whole rupiah ("30.240.000", "Rp 30.240.000,-"), read by `core.money.parse_rupiah` as the command line
    reads it: cents, decimals and amounts that could be read two ways are refused, in the reader's language."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def clean(self, value: Any) -> int:
        text = super().clean(value)
        try:
            return parse_rupiah(text)
        except RupiahRejected as exc:
            raise ValidationError(exc.message(get_language()), code="rupiah") from exc


class ListField(forms.Field):
    """Every value sent under the name (a multiple select), in order; none is an empty list."""

    widget = forms.SelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def to_python(self, value: Any) -> list[str]:
        return [str(item) for item in value or []]


def cover_months(start: str, count: int) -> CoverMonths:
    """`count` months from the YYYY-MM `start`; the core's refusal otherwise."""
    try:
        return CoverMonths.parse(start, count)
    except ValueError as exc:
        raise ValidationError(str(exc), code="months") from exc


class ProgramForm(forms.Form):
    """A new draft program: its name, budget year, months of cover, package, kind and target."""

    nama = forms.CharField(required=False, strip=False)
    tahun = WholeNumberField(label=_("Budget year"))
    mulai = forms.CharField(required=False)
    bulan = WholeNumberField(label=_("Months of cover"))
    paket = forms.CharField(required=False)
    jenis = forms.CharField(required=False)
    target = WholeNumberField(label=_("Target number of workers"), required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if "bulan" in data:
            data["cover"] = cover_months(data.get("mulai", ""), data["bulan"])
        return data

    def program(self) -> dict[str, Any]:
        """The arguments of `program_create` the form gives (valid forms only)."""
        data = self.cleaned_data
        return {
            "name": data["nama"],
            "budget_year": data["tahun"],
            "cover": data["cover"],
            "package": data["paket"] or Program.Package.JKK_JKM,
            "kind": data["jenis"] or Program.Kind.YEARLY,
            "target_workers": data["target"],
        }


class FundingForm(forms.Form):
    """A funding source of a draft program: its fund, amount, legal basis, sponsor and occupations."""

    dana = forms.CharField(required=False)
    jumlah = RupiahField()
    dasar_hukum = forms.CharField(required=False, strip=False)
    hanya = ListField()
    sponsor = forms.CharField(required=False, strip=False)

    def funding(self) -> dict[str, Any]:
        """The arguments of `funding_add` the form gives (valid forms only)."""
        data = self.cleaned_data
        return {
            "kind": data["dana"],
            "amount": data["jumlah"],
            "legal_basis": data["dasar_hukum"],
            "categories": data["hanya"],
            "sponsor": data["sponsor"],
        }


class RulesForm(forms.Form):
    """A draft program's eligibility rules: ages, DTSEN desil (both ends or neither), occupations, BPJS, priority."""

    desil_min = WholeNumberField(label=_("Lowest desil"), required=False)
    desil_max = WholeNumberField(label=_("Highest desil"), required=False)
    usia_min = WholeNumberField(label=_("Minimum age"))
    usia_max = WholeNumberField(label=_("Maximum age"))
    kategori = ListField()
    kecuali_bpjs = forms.BooleanField(required=False)
    prioritas = forms.CharField(required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if "desil_min" in data and "desil_max" in data:
            low, high = data["desil_min"], data["desil_max"]
            # One end of the range without the other is no range: the missing end is asked for.
            for name, value in (("desil_min", low), ("desil_max", high)):
                if value is None and (low, high) != (None, None):
                    self.add_error(name, not_whole(self.fields[name].label, ""))
            data["desil"] = None if low is None or high is None else (low, high)
        data["priority"] = [key for key in data.get("prioritas", "").replace(" ", "").split(",") if key]
        return data

    def rules(self) -> dict[str, Any]:
        """The arguments of `program_rules_update` the form gives (valid forms only)."""
        data = self.cleaned_data
        return {
            "min_age": data["usia_min"],
            "max_age": data["usia_max"],
            "categories": data["kategori"],
            "exclude_bpjs_active": data["kecuali_bpjs"],
            "desil": data["desil"],
            "priority": data["priority"],
        }


class DecisionForm(forms.Form):
    """A hand decision on a person (by NIK or Jaring's number): include ("masuk") or exclude, and why."""

    orang = forms.CharField(required=False)
    keputusan = forms.CharField(required=False)
    alasan = forms.CharField(required=False, strip=False)

    @property
    def include(self) -> bool:
        return self.cleaned_data["keputusan"] == "masuk"


class PlannerForm(forms.Form):
    """The planner's question on a program's page: what a budget buys, or what a coverage target costs
    for a workforce, over the program's months or others (from another month, for other months)."""

    anggaran = forms.CharField(required=False)
    target = forms.CharField(required=False)
    angkatan_kerja = forms.CharField(required=False)
    dari = forms.CharField(required=False)
    bulan = forms.CharField(required=False)

    def __init__(self, data: Any, *, cover: CoverMonths) -> None:
        super().__init__(data)
        self.program_cover = cover

    def asks(self) -> bool:
        """Whether anything was asked: a budget or a target."""
        return any(str(self.data.get(name, "")).strip() for name in ("anggaran", "target"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        cover = self.program_cover
        if data["dari"] or data["bulan"]:
            months = WholeNumberField(label=_("Months of cover"), required=False).clean(data["bulan"])
            cover = cover_months(data["dari"] or f"{cover.start:%Y-%m}", months or cover.count)
        data["cover"] = cover
        data["budget"] = RupiahField().clean(data["anggaran"]) if data["anggaran"] else None
        if data["budget"] is None:  # a target, for the region's workforce
            data["workforce"] = WholeNumberField(label=_("Workforce")).clean(data["angkatan_kerja"])
        return data


class ApproveForm(forms.Form):
    """Approving a program cannot be undone: the approver ticks that they know it freezes the selection."""

    yakin = forms.BooleanField(
        error_messages={
            "required": _(
                "Tick that you understand approval freezes the selection into enrolments and cannot be undone: "
                "the program was not approved."
            )
        }
    )


class ResponseForm(forms.Form):
    """BPJS's response file to a batch (what it holds the service reads)."""

    berkas = forms.FileField(required=False, allow_empty_file=True)  # an empty file is the reader's to explain

    def clean(self) -> dict[str, Any]:
        super().clean()
        upload = self.cleaned_data.get("berkas")
        if upload is None or not upload.name:
            raise ValidationError(_("Choose BPJS's response file."), code="missing")
        return self.cleaned_data


class ProfileForm(forms.Form):
    """The columns of a region's batch file, one line each ("NAMA LENGKAP = name"), read into (header, field)
    pairs in `cleaned_data["columns"]`; which fields may be used the service decides."""

    kolom = forms.CharField(required=False, strip=False, widget=forms.Textarea)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        data["columns"] = profile_columns_from_text(data.get("kolom", ""))
        return data


class EnrolmentExitForm(forms.Form):
    # The last month paid for, from an <input type="month">.
    bulan = forms.CharField(error_messages={"required": _("Write the last month paid for.")})
    alasan = forms.CharField(required=False, strip=True)

    def clean_bulan(self) -> dt.date:
        try:
            return CoverMonths.parse(self.cleaned_data["bulan"], 1).start
        except ValueError as exc:
            raise forms.ValidationError(_("The last month is not a month (write YYYY-MM).")) from exc
