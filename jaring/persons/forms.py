"""The persons pages' input, read and checked by forms (the services decide what the values mean)."""

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


def upload_field(missing: "StrPromise") -> forms.FileField:
    """A file field whose refusal, when no file came, says which file to choose."""
    return forms.FileField(error_messages={"required": missing, "empty": missing, "invalid": missing})


class NikConfirmForm(forms.Form):
    # How it was checked: the service asks for at least a few words, in its own message.
    alasan = forms.CharField(required=False, strip=True)
    nik = forms.CharField(required=False, strip=True)


class NikVerificationForm(forms.Form):
    berkas = upload_field(_("Choose Dukcapil's answer file."))


class DeathListForm(forms.Form):
    berkas = upload_field(_("Choose the death list file."))
    sumber = forms.CharField(
        max_length=200,
        error_messages={"required": _("Say where the list comes from, e.g. Dukcapil or Kelurahan Sumbersari.")},
    )

    def clean_sumber(self) -> str:
        return " ".join(self.cleaned_data["sumber"].split())


class DeathRecordForm(forms.Form):
    tanggal = forms.DateField(
        input_formats=["%Y-%m-%d"],
        error_messages={"required": _("Write the date of death."), "invalid": _("The date of death is not a date.")},
    )
    # How the death is known: the service asks for at least a few words, in its own message.
    keterangan = forms.CharField(required=False, strip=True)
