"""Page forms as the tests drive them: a POST body as the browser sends it, and the refusal a form gives."""

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from jaring.lib.pages import refusal_text, valid_data


def refusal(form) -> str:
    """The text a refused form says (the test fails if the form is accepted)."""
    with pytest.raises(ValidationError) as refused:
        valid_data(form)
    return refusal_text(refused.value)


def post(data: dict) -> QueryDict:
    """A POST body: a list value is a field sent several times (ticked boxes)."""
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return query
