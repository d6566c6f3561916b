"""What the claims pages send, read and checked before a service sees it (the services decide what it means).

The field names are the keys the pages post (Indonesian, as the pages' addresses).
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jaring.claims.models import LEVEL_LABELS, PROGRAM_LABELS, Claim
from jaring.core.benefits import CLAIM_PROGRAMS, SCHOLARSHIP_LEVELS, VALUE_GROUPS
from jaring.core.money import RupiahRejected, parse_rupiah
from jaring.core.parsers import parse_whole_number
from jaring.persons.models import Person
from jaring.persons.selectors import person_in_region
from jaring.regions.models import Region

PROGRAM_CHOICES = [(code, PROGRAM_LABELS[code]) for code in CLAIM_PROGRAMS]
LEVEL_CHOICES = [("", _("— none —")), *((code, LEVEL_LABELS[code]) for code in SCHOLARSHIP_LEVELS)]
CAUSE_CHOICES = [("", _("— none —")), *Claim.Cause.choices]


class ClaimForm(forms.Form):
    """A claim typed by hand; the person is named by NIK or by Jaring's number (#123) within the user's region."""

    orang = forms.CharField(
        max_length=40, strip=True, error_messages={"required": _("Give the person's NIK or Jaring number.")}
    )
    program = forms.ChoiceField(
        choices=PROGRAM_CHOICES, error_messages={"required": _("Choose the program of the claim.")}
    )
    tanggal = forms.DateField(
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={
            "required": _("Give the date of the event (the death, the accident)."),
            "invalid": _("The date of the event is not a date."),
        },
    )
    nominal = forms.CharField(required=False, strip=True)
    status = forms.ChoiceField(choices=Claim.Status.choices, initial=Claim.Status.PAID)
    jenjang = forms.ChoiceField(choices=LEVEL_CHOICES, required=False)
    sebab = forms.ChoiceField(choices=CAUSE_CHOICES, required=False)
    bulan = forms.CharField(required=False, strip=True)
    nomor = forms.CharField(required=False, strip=True, max_length=60)

    def __init__(self, *args: Any, region: Region | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region

    def clean_orang(self) -> Person:
        key = self.cleaned_data["orang"]
        person = person_in_region(region=self.region, key=key) if self.region is not None else None
        if person is None:
            raise ValidationError(
                _("No person of your region has the NIK or Jaring number %(key)s."), params={"key": key}
            )
        return person

    def clean_nominal(self) -> int:
        try:
            return parse_rupiah(self.cleaned_data["nominal"])
        except RupiahRejected as exc:
            raise ValidationError(exc.message(get_language() or "id"), code="rupiah") from exc

    def clean_bulan(self) -> int | None:
        text = self.cleaned_data["bulan"]
        if not text:
            return None
        number = parse_whole_number(text)
        if number is None:
            raise ValidationError(
                _("Months unable to work must be a whole number, not '%(text)s'."), params={"text": text}
            )
        return number

    def claim(self) -> dict[str, Any]:
        """The service's keyword arguments (`claim_add`), from a valid form."""
        data = self.cleaned_data
        return {
            "person": data["orang"],
            "program": data["program"],
            "event_date": data["tanggal"],
            "amount_paid": data["nominal"],
            "status": data["status"],
            "level": data["jenjang"],
            "cause": data["sebab"],
            "months": data["bulan"],
            "claim_number": data["nomor"],
        }


class ClaimReportForm(forms.Form):
    berkas = forms.FileField(
        error_messages={
            "required": _("Choose the claim report file from BPJS."),
            "empty": _("Choose the claim report file from BPJS."),
            "invalid": _("Choose the claim report file from BPJS."),
        }
    )


class ClaimFilterForm(forms.Form):
    """The list's filters; an unknown value is no filter."""

    program = forms.ChoiceField(choices=[("", ""), *PROGRAM_CHOICES], required=False)
    status = forms.ChoiceField(choices=[("", ""), *Claim.Status.choices], required=False)

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"program": "", "status": ""}
        return {"program": self.cleaned_data["program"], "status": self.cleaned_data["status"]}


# The value-for-money page's groupings, by the key its address takes (?menurut=dana).
GROUPINGS = dict(zip(("program", "dana", "pekerjaan", "tahun"), VALUE_GROUPS, strict=True))
