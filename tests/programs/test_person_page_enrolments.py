"""The person page shows everything known about a person, their programs among it."""

import pytest
from django.urls import reverse

from jaring.programs.models import Enrolment
from jaring.programs.services import program_approve, program_eligibility, program_select

pytestmark = pytest.mark.django_db


def test_the_person_page_lists_the_programs_that_cover_them(client, personas, program, workers):
    client.force_login(personas.admin)
    budi = workers["BUDI SANTOSO"]
    page = client.get(reverse("coverage:person", args=[budi.pk])).text
    assert 'data-testid="no-enrolments"' in page
    program_eligibility(actor=personas.admin, program=program, save=True)
    program_select(actor=personas.admin, program=program)
    program_approve(actor=personas.admin, program=program)
    enrolment = Enrolment.objects.get(program=program, person=budi)
    page = client.get(reverse("coverage:person", args=[budi.pk])).text
    assert 'data-testid="enrolments"' in page and program.name in page
    assert f"{enrolment.cover_months} bulan dari {enrolment.cover_start:%m-%Y}" in page and "Terpilih" in page
