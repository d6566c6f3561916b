"""Money is read in one place, exactly: what is accepted is exactly what was written."""

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jaring.core.money import MAX_RUPIAH, RupiahRejected, parse_rupiah, rupiah_text

# No example database in the working tree; no deadline on a busy 2-core machine.
exhaustively = settings(database=None, deadline=None, max_examples=300)


@pytest.mark.parametrize(
    "text",
    [
        "30.240.000",
        "30240000",
        "Rp30.240.000",
        "Rp 30.240.000,00",
        "Rp30.240.000,-",
        "rp. 30.240.000",
        "30 240 000",
        "30\u00a0240\u00a0000",
        "Rp\u00a030.240.000",
        "  30.240.000\t",
        "30240000,00",
    ],
)
def test_it_reads_every_usual_way_of_writing_thirty_million(text):
    assert parse_rupiah(text) == 30_240_000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("30240000.50", "«30240000.50» bukan rupiah bulat: tulis 30240000 atau 30.240.000 (tanpa sen)."),
        ("30.240.000,50", "«30.240.000,50» bukan rupiah bulat: tulis 30240000 atau 30.240.000 (tanpa sen)."),
        ("30,240,000", "«30,240,000» tidak jelas: koma memisahkan sen, bukan ribuan. Tulis 30240000 atau 30.240.000"),
        ("3.5e7", "«3.5e7» ditulis dengan notasi ilmiah: tulis angkanya utuh, 35000000 atau 35.000.000."),
        ("30.24.000", "«30.24.000»: titik memisahkan ribuan, jadi sebelum titik pertama ada 1–3 angka"),
        ("30240.000", "«30240.000»: titik memisahkan ribuan"),
        ("30.240.00", "«30.240.00»: titik memisahkan ribuan, bukan sen; tulis 30240 atau 30.240."),
        ("30240000.00", "«30240000.00»: titik memisahkan ribuan, bukan sen; tulis 30240000 atau 30.240.000."),
        ("-30.240.000", "tidak boleh negatif"),
        ("Rp -5.000", "tidak boleh negatif"),
        ("030.240.000", "«030.240.000»: angka tidak diawali nol; tulis 30240000 atau 30.240.000."),
        ("", "Jumlah rupiah kosong"),
        ("Rp", "Jumlah rupiah kosong"),
        ("tiga puluh juta", "bukan jumlah rupiah"),
        ("5_300_000", "bukan jumlah rupiah"),
        ("30  240 000", "bukan jumlah rupiah"),
        ("Rp1.000.000.000.000.000", "melebihi Rp999.999.999.999.999"),
    ],
)
def test_it_refuses_what_it_would_have_to_guess_and_shows_how_to_write_it(text, message):
    with pytest.raises(RupiahRejected) as refused:
        parse_rupiah(text)
    assert str(refused.value).startswith(message) or message in str(refused.value)
    assert "tulis" in str(refused.value).lower()


def test_a_refusal_reads_in_english_for_a_page_shown_in_english():
    with pytest.raises(RupiahRejected) as refused:
        parse_rupiah("30240000.50")
    assert refused.value.message("en") == "“30240000.50” is not whole rupiah: write 30240000 or 30.240.000 (no cents)."
    assert refused.value.message("en-gb").startswith("“30240000.50”")
    assert refused.value.message("id") == str(refused.value)


def test_it_writes_an_amount_the_way_it_reads_it():
    assert rupiah_text(30_240_000) == "Rp30.240.000"
    assert parse_rupiah(rupiah_text(30_240_000)) == 30_240_000


amounts = st.integers(min_value=0, max_value=MAX_RUPIAH)


def grouped(n: int, separator: str) -> str:
    return f"{n:,}".replace(",", separator)


@exhaustively
@given(
    n=amounts,
    separator=st.sampled_from(["", ".", " ", "\u00a0", "\u202f"]),
    prefix=st.sampled_from(["", "Rp", "Rp ", "rp", "RP", "Rp.", "Rp. ", "Rp\u00a0"]),
    suffix=st.sampled_from(["", ",00", ",-"]),
    padding=st.sampled_from(["", " ", "\t", "\u00a0"]),
)
def test_every_well_formed_rendering_reads_back_as_its_amount(n, separator, prefix, suffix, padding):
    number = str(n) if separator == "" else grouped(n, separator)
    assert parse_rupiah(f"{padding}{prefix}{number}{suffix}{padding}") == n


def _number_written(text: str) -> str:
    """The number part of a text: without its Rp, the spaces around it and a ",00" or ",-" after it."""
    text = re.sub(r"^rp\.?", "", text.strip(), flags=re.IGNORECASE).strip()
    return text.removesuffix(",00").removesuffix(",-")


def _renderings(n: int) -> set[str]:
    """The ways the number part may write n, with every group separator written as a dot."""
    return {str(n), grouped(n, ".")}


# Texts made of the pieces people really type, in any order, so the odd ones come up often.
pieces = st.sampled_from(
    ["0", "1", "3", "5", "9", "24", "000", "240", "00", "50", ".", ",", ",00", ",-", " ", "\u00a0", "Rp", "rp.",
     "-", "e", "e7", "+"]
)  # fmt: skip
typed = st.lists(pieces, max_size=12).map("".join)


@exhaustively
@given(text=st.one_of(typed, st.text(alphabet="0123456789.,- Rrpe\u00a0", max_size=16)))
@example(text="30240000.50")
@example(text="30.240.000,50")
@example(text="30,240,000")
@example(text="3.5e7")
@example(text="30.24.000")
@example(text="Rp 30.240.000,00")
def test_what_is_accepted_is_exactly_what_was_written(text):
    try:
        amount = parse_rupiah(text)
    except RupiahRejected as refused:
        assert "tulis" in str(refused).lower() and "write" in refused.message("en").lower()
        return
    number = _number_written(text)
    # The digits are exactly the amount's (no digit added, dropped or moved past a separator) ...
    assert re.sub(r"[.\s]", "", number) == str(amount)
    # ... and every dot or space in them separates thousands: it is one of the amount's renderings.
    assert re.sub(r"\s", ".", number) in _renderings(amount)


@exhaustively
@given(n=st.integers(min_value=1_000, max_value=MAX_RUPIAH))
def test_english_grouping_is_never_read(n):
    with pytest.raises(RupiahRejected, match="tidak jelas"):
        parse_rupiah(f"{n:,}")


@exhaustively
@given(n=amounts, cents=st.integers(min_value=1, max_value=99), separator=st.sampled_from([".", ","]))
def test_an_amount_with_cents_is_refused_with_its_whole_rupiah_to_write(n, cents, separator):
    with pytest.raises(RupiahRejected, match="bukan rupiah bulat") as refused:
        parse_rupiah(f"{n}{separator}{cents:02d}")
    assert f"tulis {n}" in str(refused.value)
