"""Approving a program freezes its selection into enrolments and cannot be undone: the page asks for a tick."""

import pytest

from jaring.programs.models import Enrolment, Program
from jaring.programs.services import program_eligibility, program_select

pytestmark = pytest.mark.django_db


@pytest.fixture
def selected(program):
    program_eligibility(actor=None, program=program, save=True)
    program_select(actor=None, program=program)
    return program


def test_the_approve_form_asks_to_tick_that_approval_cannot_be_undone(client, personas, selected):
    client.force_login(personas.admin)
    form = client.get(f"/program/{selected.pk}/").text.split('data-testid="approve-form"')[1].split("</form>")[0]
    assert '<input type="checkbox" name="yakin" value="1" required' in form
    assert "<script" not in form and "onclick" not in form and "onsubmit" not in form  # no inline script (CSP)
    client.cookies["django_language"] = "en"
    english = client.get(f"/program/{selected.pk}/").text.split('data-testid="approve-form"')[1].split("</form>")[0]
    assert "approval freezes the selection into enrolments and cannot be undone" in english


def test_approval_without_the_tick_is_refused_and_changes_nothing(client, personas, selected):
    client.force_login(personas.admin)
    response = client.post(f"/program/{selected.pk}/setujui/", follow=True)
    assert response.redirect_chain[-1][0] == f"/program/{selected.pk}/"
    selected.refresh_from_db()
    assert selected.status == Program.Status.DRAFT and not Enrolment.objects.exists()
    client.cookies["django_language"] = "en"
    english = client.post(f"/program/{selected.pk}/setujui/", {"yakin": ""}, follow=True).text
    assert "Tick that you understand approval freezes the selection into enrolments and cannot be undone" in english
    assert not Enrolment.objects.exists()


def test_approval_with_the_tick_freezes_the_selection(client, personas, selected):
    client.force_login(personas.admin)
    client.post(f"/program/{selected.pk}/setujui/", {"yakin": "1"})
    selected.refresh_from_db()
    assert selected.status == Program.Status.APPROVED
    assert Enrolment.objects.filter(program=selected).count() == 5
