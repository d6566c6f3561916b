"""The linkage pages' input, read and checked by forms (the services decide what the values mean)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReviewDecisionForm(forms.Form):
    keputusan = forms.ChoiceField(
        choices=[("sama", "sama"), ("beda", "beda")],
        error_messages={
            "required": _("Choose “same person” or “different people”."),
            "invalid_choice": _("Choose “same person” or “different people”."),
        },
    )

    @property
    def same(self) -> bool:
        return self.cleaned_data["keputusan"] == "sama"


class RejectForm(forms.Form):
    # Why the list is refused: the service asks for a reason, in its own message.
    alasan = forms.CharField(required=False, strip=True)


class SplitForm(forms.Form):
    """The person's rows ticked to move to a new person (row ids; the service checks they are the person's)."""

    baris = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, record_ids: set[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        rows = self.fields["baris"]
        assert isinstance(rows, forms.TypedMultipleChoiceField)
        rows.choices = [(pk, pk) for pk in sorted(record_ids)]
        rows.error_messages["invalid_choice"] = _("Tick only rows of this person.")
