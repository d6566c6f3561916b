"""The BPJS officer's page input, read and checked by forms."""

from django import forms
from django.utils.translation import gettext_lazy as _


class RosterUploadForm(forms.Form):
    berkas = forms.FileField(
        error_messages={
            "required": _("Choose the roster file from BPJS."),
            "empty": _("Choose the roster file from BPJS."),
            "invalid": _("Choose the roster file from BPJS."),
        }
    )
    # The day the roster describes (an <input type="date">); empty: today.
    posisi = forms.DateField(
        required=False, input_formats=["%Y-%m-%d"], error_messages={"invalid": _("The position date is not a date.")}
    )
