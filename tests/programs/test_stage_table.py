"""The program page's stage table reads on a phone: like the other tables, a card whose figures are labelled."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_every_figure_of_the_stage_table_carries_its_heading_for_a_phone(client, personas, program):
    client.force_login(personas.admin)
    client.cookies["django_language"] = "en"
    page = client.get(f"/program/{program.pk}/").text
    table = re.search(r'<table class="([^"]*)" data-testid="stages">(.*?)</table>', page, re.DOTALL)
    assert table is not None
    assert "cards" in table.group(1).split()  # jaring.css turns each row into a labelled card under 768 px
    headings = re.findall(r"<th>(.*?)</th>", table.group(2))
    labels = re.findall(r'<td data-label="([^"]*)"', table.group(2))
    assert len(re.findall(r"<td[ >]", table.group(2))) == len(labels) == 7
    assert labels == headings
    assert labels[4:] == ["Enrolled", "Active at BPJS", "Rejected by BPJS"]
