"""Forms of the administrator's pages: they check presence and choices; the services check the rest."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jaring.accounts.models import Opd
from jaring.accounts.roles import ROLE_LABELS, Role


class OpdForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=30, help_text=_("Short name, e.g. DISHUB or KEMENAG."))
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=Opd.Kind.choices, initial=Opd.Kind.OPD)


class OpdEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=Opd.Kind.choices)
    is_active = forms.BooleanField(label=_("Active: takes new lists"), required=False)


class UserForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=[(role.value, label) for role, label in ROLE_LABELS.items()])
    opd = forms.ModelChoiceField(
        label=_("OPD (for operators)"), queryset=Opd.objects.none(), required=False, empty_label="—"
    )
    email = forms.EmailField(label=_("Email"), required=False)

    def __init__(self, *args: Any, opds: QuerySet[Opd], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Opd]", self.fields["opd"]).queryset = opds

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("role") == Role.OPD_OPERATOR and not data.get("opd"):
            self.add_error("opd", _("An OPD operator must belong to an OPD."))
        return data


class PasswordForm(forms.Form):
    password = forms.CharField(label=_("New password"), widget=forms.PasswordInput, min_length=8)
    repeat = forms.CharField(label=_("Repeat the new password"), widget=forms.PasswordInput)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("password") and data.get("password") != data.get("repeat"):
            self.add_error("repeat", _("The two passwords differ."))
        return data
