"""Claims: the program a report names, and a warning when a claim's amount is not the calculated one."""

import datetime as dt

import pytest

from jaring.core.benefits import CLAIM_PROGRAMS, SCHOLARSHIP_LEVELS, claim_program_of, claim_warning, jkm_benefit


def test_the_vocabulary():
    assert CLAIM_PROGRAMS == ("jkk", "jkm", "jht", "jp", "jkp", "beasiswa")
    assert SCHOLARSHIP_LEVELS == ("tk", "sd", "smp", "sma", "pt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JKM", ("jkm", None)),
        ("Jaminan Kematian", ("jkm", None)),
        ("Jaminan Kematian (JKM)", ("jkm", None)),
        ("JKK", ("jkk", None)),
        ("Kecelakaan Kerja", ("jkk", None)),
        ("Meninggal Dunia Akibat Kecelakaan Kerja", ("jkk", None)),
        ("JHT", ("jht", None)),
        ("Jaminan Hari Tua", ("jht", None)),
        ("JHT - Usia Pensiun", ("jht", None)),
        ("JP", ("jp", None)),
        ("Jaminan Pensiun", ("jp", None)),
        ("JKP", ("jkp", None)),
        ("Jaminan Kehilangan Pekerjaan", ("jkp", None)),
        ("Beasiswa SD", ("beasiswa", "sd")),
        ("BEASISWA - SMA", ("beasiswa", "sma")),
        ("Beasiswa Perguruan Tinggi", ("beasiswa", "pt")),
        ("beasiswa tk", ("beasiswa", "tk")),
        ("Beasiswa Taman Kanak-Kanak", ("beasiswa", "tk")),
        ("Beasiswa SMP", ("beasiswa", "smp")),
        ("JKK Beasiswa SMK", ("beasiswa", "sma")),
        ("Beasiswa", ("beasiswa", None)),
        ("Beasiswa SD/SMP", ("beasiswa", None)),
        ("  jkm  ", ("jkm", None)),
        ("JKK/JKM", (None, None)),
        ("Santunan lain", (None, None)),
        ("", (None, None)),
        ("JKMX", (None, None)),
    ],
)
def test_claim_program_of(text, expected):
    assert claim_program_of(text) == expected


FUNERAL_ONLY = jkm_benefit(membership_start=dt.date(2026, 1, 1), death_date=dt.date(2026, 3, 15))


def test_a_claim_above_the_calculation_is_warned_in_indonesian():
    assert claim_warning(claimed=42_000_000, expected=FUNERAL_ONLY) == (
        "Klaim tercatat Rp42.000.000 berbeda dari perhitungan Rp10.000.000 (lebih Rp32.000.000). "
        "Meninggal dalam 3 bulan pertama kepesertaan (mulai 01-01-2026, meninggal 15-03-2026): "
        "hanya biaya pemakaman Rp10.000.000."
    )


def test_a_claim_is_warned_in_english():
    assert claim_warning(claimed=42_000_000, expected=FUNERAL_ONLY, language="en") == (
        "The recorded claim of Rp42.000.000 differs from the calculated Rp10.000.000 (Rp32.000.000 more). "
        "Died within the first 3 months of membership (from 01-01-2026, died 15-03-2026): "
        "funeral benefit Rp10.000.000 only."
    )
    assert claim_warning(claimed=60_000_000, expected=70_000_000, language="en-us") == (
        "The recorded claim of Rp60.000.000 differs from the calculated Rp70.000.000 (Rp10.000.000 less)."
    )
    assert claim_warning(claimed=60_000_000, expected=70_000_000) == (
        "Klaim tercatat Rp60.000.000 berbeda dari perhitungan Rp70.000.000 (kurang Rp10.000.000)."
    )


def test_no_warning_when_equal_or_nothing_to_compare():
    assert claim_warning(claimed=10_000_000, expected=FUNERAL_ONLY) is None
    assert claim_warning(claimed=70_000_000, expected=70_000_000) is None
    assert claim_warning(claimed=70_000_000, expected=None) is None


@pytest.mark.parametrize(("claimed", "expected"), [(42_000_000.0, 1), (-1, 1), (True, 1), (1, 1.0), (1, -5)])
def test_amounts_must_be_whole_rupiah(claimed, expected):
    with pytest.raises(ValueError, match="harus rupiah bulat 0 atau lebih"):
        claim_warning(claimed=claimed, expected=expected)
