import datetime as dt

import polars as pl
import pytest

from jaring.core.intake import messages
from jaring.core.intake.messages import ALL_TEMPLATES, TEMPLATES, issue_label, issue_message, match_template
from jaring.core.intake.nik import parse_nik
from jaring.core.intake.records import Rules, normalise_records
from jaring.core.issues import ISSUE_LABELS
from tests.core.test_records import places_of
from tests.synthetic.files import opd_list_file, region_places
from tests.synthetic.people import synthetic_lists, synthetic_people

# Values as a list can hold them: spaces, commas, dots, quotes of both kinds, a brace, a new line.
SAMPLES = ("Jl. Mawar No. 1, RT 3/5", "\"kutip\" dan 'petik'", "“Sumber sari”.", "{x}", "a\nb", "1.234,5", "(x) 50%")
# Words of the Indonesian templates an English message must not show.
INDONESIAN_WORDS = (" tidak ", "Tanggal lahir", "baris", "kosong", "Periksa", " dengan ", " di luar ", "Kode ")


def fill(template: str, values) -> str:
    parts = template.split("{}")
    return parts[0] + "".join(str(value) + literal for value, literal in zip(values, parts[1:], strict=True))


def sample_values(template: messages.Template, shift: int = 0) -> list[str]:
    return [SAMPLES[(shift + index) % len(SAMPLES)] for index in range(template.placeholders)]


@pytest.mark.parametrize("template", ALL_TEMPLATES, ids=lambda template: template.code)
def test_both_languages_have_the_same_placeholders(template):
    assert template.en.count("{}") == template.id.count("{}") == template.placeholders
    # No other braces, which would be read as placeholders by format_str.
    assert template.id.count("{") == template.id.count("}") == template.placeholders
    assert template.en.count("{") == template.en.count("}") == template.placeholders


def test_a_template_whose_languages_disagree_is_refused():
    with pytest.raises(ValueError, match="placeholders"):
        messages.Template("x.y", "Nilai {} dan {}.", "Value {}.")


@pytest.mark.parametrize("template", ALL_TEMPLATES, ids=lambda template: template.code)
@pytest.mark.parametrize("shift", range(len(SAMPLES)))
def test_every_template_reads_back_its_values_into_english(template, shift):
    values = sample_values(template, shift)
    text = template.format_id(*values)
    assert match_template(template.code, text) is template
    assert template.values_of(text) == tuple(values)
    assert issue_message(template.code, text, "en") == fill(template.en, values)
    assert issue_message(template.code, text, "en-gb") == fill(template.en, values)


@pytest.mark.parametrize("template", ALL_TEMPLATES, ids=lambda template: template.code)
def test_indonesian_is_the_stored_text_unchanged(template):
    text = template.format_id(*sample_values(template))
    assert issue_message(template.code, text, "id") == text
    assert issue_message(template.code, text, None) == text
    assert issue_message(template.code, "Teks lama yang lain.", "id") == "Teks lama yang lain."


def test_every_code_has_labels_in_both_languages():
    assert set(TEMPLATES) == set(ISSUE_LABELS) == set(messages.LABELS)
    for code, indonesian in ISSUE_LABELS.items():
        assert issue_label(code, "id") == indonesian
        english = issue_label(code, "en")
        assert english and english != code and english != indonesian


def test_the_indonesian_labels_are_the_ones_screens_always_showed():
    assert ISSUE_LABELS["nik.length"] == "NIK tidak 16 digit"
    assert ISSUE_LABELS["age.out_of_range"] == "Umur di luar 15–65 (program yang menentukan)"
    assert ISSUE_LABELS["birth_date.from_nik"] == "Tanggal lahir diambil dari NIK"


def test_an_unknown_code_gets_a_generic_label_never_the_code():
    assert issue_label("foo.bar", "en") == "Other problem"
    assert issue_label("foo.bar", "id") == "Masalah lain"
    assert issue_message("foo.bar", "Sesuatu.", "en") == "Other problem (Sesuatu.)"


def test_a_text_no_template_knows_falls_back_to_the_english_label():
    # As an older version might have stored it.
    old = "Umur 70 tahun, di luar 15-65 tahun."
    assert match_template("age.out_of_range", old) is None
    assert issue_message("age.out_of_range", old, "en") == f"Age outside 15–65 (programs decide) ({old})"
    assert issue_message("age.out_of_range", old, "id") == old
    assert issue_message("age.out_of_range", "", "en") == "Age outside 15–65 (programs decide)"


def test_values_written_in_indonesian_read_in_english():
    sex = messages.NIK_SEX_MISMATCH.format_id("L", "P")
    assert issue_message("nik.sex_mismatch", sex, "en").startswith("The sex written, L (male), differs")
    assert "P (female)" in issue_message("nik.sex_mismatch", sex, "en")
    rows = messages.NIK_DUPLICATE_IN_FILE.format_id("Data baris 2, Lembar baris 9")
    assert issue_message("nik.duplicate_in_file", rows, "en").endswith("file: Data row 2, Lembar row 9.")
    elsewhere = messages.NIK_OUTSIDE_REGION.format_id("wilayah lain", "35.78")
    assert "issued in another region (35.78)" in issue_message("nik.outside_region", elsewhere, "en")
    old = messages.NIK_BIRTH_DATE_OUT_OF_RANGE.format_id("21-10-99", 100, "1 Mei 1995")
    assert issue_message("nik.birth_date_out_of_range", old, "en").endswith("years on 1 May 1995.")


# --- every issue the real import writes ---------------------------------------------------------------

NIKS = [
    None,
    "",
    "KTP hilang",
    "123",
    "3,57305E+15",
    "3,5730115089000012E+15",
    "3573011508900000.0",
    "9901011508900001",
    "3599011508900001",
    "9101011508900001",
    "3573991508900001",
    "3578011508900001",
    "3573013208900001",
    "3573017208900001",
    "3573011508990001",
    "3573011508900001",
    "3573011508900001",
]
HAND_ROWS = {
    "nik": ["3573011508900001", None, "3573011508900001", "3573011508900001", "3573011508900001", None, None],
    "name": [None, "A", "B", "C", "D", "F", "G"],
    "birth_date": ["32-13-1990", "01-01-2100", "01-01-1850", "01-01-2020", "15-08-1991", None, "zz"],
    "sex": ["X", "P", "L", "P", "Q", None, None],
    "kecamatan": ["Nowhere", None, None, None, None, None, None],
    "kelurahan": ["Nokel", None, None, None, None, None, None],
    "occupation": ["Astronot", None, None, None, None, None, None],
    "phone": ["123", None, None, None, None, None, None],
    "desil": ["tinggi", "3", None, None, None, None, None],
}
OPD_COLUMNS = {
    "NIK": "nik",
    "Nama Lengkap": "name",
    "Tempat Lahir": "birth_place",
    "Tgl Lahir": "birth_date",
    "JK": "sex",
    "Alamat": "address",
    "Kelurahan": "kelurahan",
    "Kecamatan": "kecamatan",
    "No HP": "phone",
    "Pekerjaan": "occupation",
}


@pytest.fixture(scope="module")
def imported_issues() -> list[dict[str, str]]:
    """Every issue normalise_records writes for a messy list (and parse_nik for values only Python has)."""
    places = region_places("35.73")
    villages = places["code"].to_list()
    people = synthetic_lists(synthetic_people(2000, villages=villages, seed=3), villages=villages)
    messy = opd_list_file(people, places)[0].rename(OPD_COLUMNS).drop("No")
    rows = pl.concat(
        [messy, pl.DataFrame({"nik": NIKS, "name": ["X"] * len(NIKS)}), pl.DataFrame(HAND_ROWS)], how="diagonal"
    )
    rows = rows.with_columns(sheet=pl.lit("Data"), row=pl.int_range(2, pl.len() + 2))
    malang = places_of("35.73")
    found = []
    for on in (dt.date(2026, 11, 21), dt.date(1995, 5, 1)):
        out = normalise_records(rows, rules=Rules(on=on), places=malang)
        found += [issue for issues in out["issues"].to_list() for issue in issues]
    for value in (True, 3.5):
        found += [issue.to_dict() for issue in parse_nik(value, on=dt.date(2026, 11, 21)).issues]
    return found


def test_every_issue_the_import_writes_matches_a_template(imported_issues):
    used = set()
    for issue in imported_issues:
        template = match_template(issue["code"], issue["message"])
        assert template is not None, issue
        used.add(template)
    # The messy list reaches every form of every message, so none is left unchecked.
    assert used == set(ALL_TEMPLATES)


def test_every_issue_the_import_writes_reads_in_english(imported_issues):
    for issue in imported_issues:
        english = issue_message(issue["code"], issue["message"], "en")
        assert english != issue["message"], issue
        assert not any(word in english for word in INDONESIAN_WORDS), (issue, english)
        assert issue["code"] not in english
        assert issue_message(issue["code"], issue["message"], "id") == issue["message"]
