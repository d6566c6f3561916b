"""What the registry pages send, read and checked before a service sees it.

The forms read the input's form: a file and the OPD that sent it, a word for an occupation category,
the answer to "this file was already uploaded", the reading of each column of an import; each refusal
is in the reader's language. What may be stored (a category of the catalogue, a long enough word, a
column of the job read as a known field) the services decide, for the pages and the commands alike.
The field names are the keys the pages post (Indonesian, as the pages' addresses).
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jaring.accounts.access import get_for_user
from jaring.accounts.models import Opd, User
from jaring.accounts.roles import Role

COLUMN_PREFIX = "kolom:"


class UploadForm(forms.Form):
    """A list to import: its file and, unless the sender is an OPD's operator, the OPD that sent it.

    The OPD is looked up in the user's scope: another region's OPD is not found (404), as on every page.
    """

    berkas = forms.FileField(required=False, allow_empty_file=True)  # an empty file is the importer's to explain
    opd = forms.CharField(required=False)

    def __init__(self, data: Any, files: Any, *, user: User) -> None:
        super().__init__(data, files)
        self.user = user

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        upload = data.get("berkas")
        opd = self._chosen_opd(data.get("opd", ""))
        if upload is None or not upload.name or opd is None:
            raise ValidationError(_("Choose a file and the OPD that sent it."), code="missing")
        if not opd.is_active:
            raise ValidationError(
                _("OPD %(code)s is deactivated and takes no new lists."), code="inactive", params={"code": opd.code}
            )
        data["opd"] = opd
        return data

    def _chosen_opd(self, opd_id: str) -> Opd | None:
        if self.user.role is Role.OPD_OPERATOR:
            return self.user.opd
        if not opd_id or not opd_id.isdigit():
            return None
        return get_for_user(self.user, Opd.objects.select_related("region"), pk=int(opd_id))


class SynonymForm(forms.Form):
    """Another word for an occupation category of the catalogue (the service checks both)."""

    kategori = forms.CharField(required=False)
    sinonim = forms.CharField(required=False)


class SameFileForm(forms.Form):
    """The answer to "this file was already uploaded by another OPD": store it anyway, or cancel."""

    STORE, CANCEL = "simpan", "batal"

    keputusan = forms.ChoiceField(
        choices=[(STORE, STORE), (CANCEL, CANCEL)],
        error_messages={
            "required": _("Choose to store the file anyway or to cancel."),
            "invalid_choice": _("Choose to store the file anyway or to cancel."),
        },
    )

    @property
    def store(self) -> bool:
        return self.cleaned_data["keputusan"] == self.STORE


class ColumnsForm(forms.Form):
    """The reading of an import's columns: each `kolom:<sheet>:<column>` key the page posts, with the field
    it is read as ("" to keep it), gathered as sheet -> column -> field in `cleaned_data["choices"]`.

    Only the keys' form is read here; the sheets, columns and fields of the job the service checks.
    """

    def clean(self) -> dict[str, Any]:
        super().clean()
        choices: dict[str, dict[str, str]] = {}
        for key in self.data:
            if not key.startswith(COLUMN_PREFIX):
                continue
            parts = key.split(":", 2)
            if len(parts) != 3:
                raise ValidationError(_("Unknown column choice."), code="column")
            _prefix, sheet, column = parts
            choices.setdefault(sheet, {})[column] = str(self.data.get(key, ""))
        self.cleaned_data["choices"] = choices
        return self.cleaned_data
