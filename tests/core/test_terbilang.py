"""Amounts in Indonesian words, as letters write them beside the figures."""

import pytest

from jaring.core.terbilang import number_words, rupiah_words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (15, "lima belas"),
        (21, "dua puluh satu"),
        (100, "seratus"),
        (118, "seratus delapan belas"),
        (1_000, "seribu"),
        (1_001, "seribu satu"),
        (11_111, "sebelas ribu seratus sebelas"),
        (1_500_000, "satu juta lima ratus ribu"),
        (42_000_000, "empat puluh dua juta"),
        (174_000_000, "seratus tujuh puluh empat juta"),
        (2_000_000_001, "dua miliar satu"),
        (1_000_000_000_000, "satu triliun"),
    ],
)
def test_numbers_in_words(amount, words):
    assert number_words(amount) == words


def test_rupiah_in_words_and_what_is_refused():
    assert rupiah_words(42_000_000) == "empat puluh dua juta rupiah"
    for wrong in (-1, 1.5, True):
        with pytest.raises(ValueError):
            number_words(wrong)
