import datetime as dt

import pytest

from jaring.core.parsers import parse_iso_date, parse_whole_number


@pytest.mark.parametrize(
    ("text", "number"), [("18", 18), (" 2027 ", 2027), ("1.250", 1250), ("12.000.000", 12_000_000)]
)
def test_a_whole_number_is_read_as_written(text, number):
    assert parse_whole_number(text) == number


@pytest.mark.parametrize("text", ["1.5", "1,5", "-3", "12a", "", "1.25", "1..250", ".250", "3e4"])
def test_anything_else_is_refused_not_guessed(text):
    # "1.5" used to read as 15 on the program form: the dot was deleted.
    assert parse_whole_number(text) is None


def test_a_form_date_is_iso_or_nothing():
    assert parse_iso_date(" 2026-12-03 ") == dt.date(2026, 12, 3)
    assert parse_iso_date("03-12-2026") is None and parse_iso_date("") is None
