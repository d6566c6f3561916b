"""Claims as BPJS reports them: which program a claim is for, and whether its amount is what the rules give.

BPJS claim reports write the program in many ways ("JKM", "Jaminan Kematian", "BEASISWA - SMA",
"Beasiswa Perguruan Tinggi"); `claim_program_of` reads them into Jaring's codes and refuses to
guess (None) when the text names no program or more than one. `claim_warning` compares a
recorded claim with the calculators' amount: a difference is a warning for a person to look at,
not an error — BPJS may know facts Jaring does not (a later start date, an appeal).
"""

import re

from jaring.core.benefits.rules import Benefit, is_english, require_whole
from jaring.core.money import rupiah_text

CLAIM_PROGRAMS = ("jkk", "jkm", "jht", "jp", "jkp", "beasiswa")

# Phrases that name a program, as whole words of the folded text (lower case, letters and digits).
# Checked in this order after the codes themselves: a work-accident death is JKK, not JKM, and a
# claim of JHT at pension age is JHT, so the more specific phrases come first.
_PROGRAM_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("jkk", ("jaminan kecelakaan kerja", "kecelakaan kerja", "kecelakaan")),
    ("jkp", ("jaminan kehilangan pekerjaan", "kehilangan pekerjaan")),
    ("jht", ("jaminan hari tua", "hari tua")),
    ("jp", ("jaminan pensiun", "pensiun")),
    ("jkm", ("jaminan kematian", "kematian", "meninggal dunia", "meninggal")),
)
_SCHOLARSHIP_WORDS = ("beasiswa", "bea siswa")
# Keyed by SCHOLARSHIP_LEVELS, in its order.
_LEVEL_PHRASES: dict[str, tuple[str, ...]] = {
    "tk": ("tk", "paud", "taman kanak kanak", "taman kanak"),
    "sd": ("sd", "mi", "sekolah dasar"),
    "smp": ("smp", "mts", "sltp", "sekolah menengah pertama"),
    "sma": ("sma", "smk", "ma", "slta", "sekolah menengah atas", "sekolah menengah kejuruan"),
    "pt": (
        "pt",
        "perguruan tinggi",
        "universitas",
        "kuliah",
        "diploma",
        "d3",
        "d4",
        "s1",
        "sarjana",
        "pelatihan",
    ),
}


def claim_program_of(text: str) -> tuple[str | None, str | None]:
    """The program (one of CLAIM_PROGRAMS) and, for a scholarship, the level (SCHOLARSHIP_LEVELS) that
    `text` names: "Beasiswa SD" → ("beasiswa", "sd"), "Jaminan Kematian" → ("jkm", None). A scholarship
    without a readable level is ("beasiswa", None); a text that names no program, or several, is (None, None).
    """
    words = f" {' '.join(re.findall(r'[a-z0-9]+', text.lower()))} "
    if any(_has(words, phrase) for phrase in _SCHOLARSHIP_WORDS):
        levels = [level for level, phrases in _LEVEL_PHRASES.items() if any(_has(words, p) for p in phrases)]
        return "beasiswa", levels[0] if len(levels) == 1 else None
    codes = {code for code in CLAIM_PROGRAMS if _has(words, code)}
    if codes:
        return (codes.pop(), None) if len(codes) == 1 else (None, None)
    for program, phrases in _PROGRAM_PHRASES:
        if any(_has(words, phrase) for phrase in phrases):
            return program, None
    return None, None


def claim_warning(*, claimed: int, expected: Benefit | int | None, language: str = "id") -> str | None:
    """A warning when a recorded claim of `claimed` rupiah differs from what the calculator `expected`;
    None when they agree or there is nothing to compare with. Indonesian, English when `language` is "en...".
    """
    require_whole(claimed, f"jumlah klaim harus rupiah bulat 0 atau lebih, bukan {claimed!r}")
    if expected is None:
        return None
    total = expected.total if isinstance(expected, Benefit) else expected
    require_whole(total, f"jumlah perhitungan harus rupiah bulat 0 atau lebih, bukan {total!r}")
    if claimed == total:
        return None
    english = is_english(language)
    difference = rupiah_text(abs(claimed - total))
    if english:
        direction = "more" if claimed > total else "less"
        text = (
            f"The recorded claim of {rupiah_text(claimed)} differs from the calculated {rupiah_text(total)} "
            f"({difference} {direction})."
        )
    else:
        direction = "lebih" if claimed > total else "kurang"
        text = (
            f"Klaim tercatat {rupiah_text(claimed)} berbeda dari perhitungan {rupiah_text(total)} "
            f"({direction} {difference})."
        )
    if isinstance(expected, Benefit):
        text = f"{text} {expected.explanation(language)}"
    return text


def _has(words: str, phrase: str) -> bool:
    return f" {phrase} " in words
