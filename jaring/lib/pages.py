"""What the apps' pages share (part of `jaring.lib`: it knows no app): a refusal said as the page's message.

A service refuses with a `ValidationError` in the reader's language; a page says it as an error message,
its messages joined, and goes on (usually: back where the reader was)::

    with refusal_as_message(request) as refusal:
        result = program_select(actor=request.user, program=program)
        messages.success(request, ...)
    if refusal:  # refused: the error is said, the success was not
        ...

A form's refusals take the same way: `valid_data(form)` is its cleaned data, or a `ValidationError` of
every message its fields and its `clean()` gave, in the form's order.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def refusal_text(exc: ValidationError) -> str:
    """A refusal's messages as one text, in their order."""
    return " ".join(exc.messages)


def valid_data(form: forms.Form) -> dict[str, Any]:
    """The form's cleaned data; when it is not valid, a ValidationError of all its errors."""
    if not form.is_valid():
        raise ValidationError([error for errors in form.errors.as_data().values() for error in errors])
    return form.cleaned_data


@dataclass
class Refusal:
    """What a `refusal_as_message` block was refused with; true when it was."""

    text: str = ""
    refused: bool = False

    def __bool__(self) -> bool:
        return self.refused


@contextmanager
def refusal_as_message(request: HttpRequest) -> Iterator[Refusal]:
    """Run the block; a `ValidationError` raised in it ends the block and becomes the page's error message."""
    refusal = Refusal()
    try:
        yield refusal
    except ValidationError as exc:
        refusal.text, refusal.refused = refusal_text(exc), True
        messages.error(request, refusal.text)
