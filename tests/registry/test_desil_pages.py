"""The DTSEN desil of a Dinsos list on the pages and files of its submission."""

import io

import openpyxl
import pytest
from django.urls import reverse

from jaring.registry.models import Submission
from tests.registry.test_import import FLAGGED, GOOD, dinsos_list

pytestmark = pytest.mark.django_db


def test_an_unreadable_desil_is_a_warning_on_the_page_and_in_the_problems_file(client, personas, upload):
    client.force_login(personas.operator)
    page = upload(client, dinsos_list([*GOOD, 11], [*FLAGGED, "Desil 2"]), name="dtsen.xlsx").text
    submission = Submission.objects.get()
    assert submission.counts["warnings"] == 2 and submission.counts["issues"]["desil.invalid"] == 1
    assert "Desil tidak dikenali" in page
    assert "Desil “11” tidak dikenali; tulis angka 1–10, mis. 3 atau Desil 3." in page

    response = client.get(reverse("registry:problems", args=[submission.pk]))
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    desil = rows[0].index("DESIL")
    by_name = {row[rows[0].index("Nama Lengkap")]: row for row in rows[1:]}
    assert by_name["Drs. H. Ahmad, S.Pd"][desil] == "11"
    assert "Desil “11” tidak dikenali" in by_name["Drs. H. Ahmad, S.Pd"][-1]
    assert by_name["Siti Aminah"][desil] == "Desil 2" and "Desil" not in by_name["Siti Aminah"][-1]
