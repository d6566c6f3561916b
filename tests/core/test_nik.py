import datetime as dt
from decimal import Decimal

import pytest

from jaring.core.intake.nik import mask_nik, parse_nik
from jaring.core.issues import Severity

ON = dt.date(2026, 11, 21)


def codes(result) -> list[str]:
    return [issue.code for issue in result.issues]


def test_a_clean_nik_gives_sex_birth_date_and_kecamatan():
    result = parse_nik("3573011508900001", on=ON)
    assert result.valid
    assert result.issues == []
    assert result.nik == "3573011508900001"
    assert result.sex == "L"
    assert result.birth_date == dt.date(1990, 8, 15)
    assert result.region_code == "35.73.01"


def test_a_womans_day_of_birth_is_stored_plus_forty():
    result = parse_nik("3573015508900001", on=ON)
    assert result.valid
    assert result.sex == "P"
    assert result.birth_date == dt.date(1990, 8, 15)


def test_a_womans_day_past_seventy_one_is_no_date():
    result = parse_nik("3573017208900001", on=ON)  # 72 - 40 = 32 August
    assert codes(result) == ["nik.birth_date_invalid"]
    assert "ditambah 40" in result.issues[0].message
    assert result.sex is None and result.birth_date is None


@pytest.mark.parametrize(
    ("nik", "expected"),
    [
        ("3573011508100001", dt.date(2010, 8, 15)),  # 2010 -> 16 years old; 1910 would be 116
        ("3573011508300001", dt.date(1930, 8, 15)),  # 2030 is in the future -> 1930, 96 years old
        ("3573011508260001", dt.date(2026, 8, 15)),  # born this year, 0 years old
        ("3573011512260001", dt.date(1926, 12, 15)),  # 2026-12-15 is after ON -> 1926, 99 years old
        ("3573012902000001", dt.date(2000, 2, 29)),  # 1900 was no leap year, 2000 was
    ],
)
def test_the_century_is_the_one_that_makes_the_person_0_to_100(nik, expected):
    result = parse_nik(nik, on=ON)
    assert result.valid, result.issues
    assert result.birth_date == expected


def test_when_both_centuries_fit_the_younger_person_is_chosen():
    # On 2026-11-21 someone born 1926-01-01 is exactly 100 and someone born 2026-01-01 is 0.
    assert parse_nik("3573010101260001", on=ON).birth_date == dt.date(2026, 1, 1)


def test_the_reference_date_decides_the_century():
    assert parse_nik("3573011508300001", on=dt.date(2031, 1, 1)).birth_date == dt.date(2030, 8, 15)


def test_a_date_that_fits_no_century_is_out_of_range():
    # With a reference date in 1990, both 1995 and 2095 lie in the future.
    result = parse_nik("3573011508950001", on=dt.date(1990, 1, 1))
    assert codes(result) == ["nik.birth_date_out_of_range"]
    assert result.issues[0].severity is Severity.ERROR


@pytest.mark.parametrize("nik", ["3573013202900001", "3573010013900001", "3573010000900001", "3573013502900001"])
def test_impossible_dates_are_errors(nik):
    assert codes(parse_nik(nik, on=ON)) == ["nik.birth_date_invalid"]


def test_serial_0000_is_an_error():
    result = parse_nik("3573011508900000", on=ON)
    assert codes(result) == ["nik.serial_zero"]
    assert not result.valid


@pytest.mark.parametrize(
    "raw",
    [
        "3573 0115 0890 0001",
        "3573.0115.0890.0001",
        "3573-0115-0890-0001",
        "'3573011508900001",
        "’3573011508900001",
        " 3573011508900001\u00a0",
        "3573011508900001.0",
    ],
)
def test_what_people_and_excel_do_to_a_nik_is_undone(raw):
    result = parse_nik(raw, on=ON)
    assert result.nik == "3573011508900001"
    assert result.valid
    assert result.input == raw


@pytest.mark.parametrize(
    "raw",
    [
        3573011508900001,
        3573011508900001.0,
        Decimal("3573011508900001"),
        "3.573011508900001E+15",
        "3,573011508900001E+15",
    ],
)
def test_numbers_and_full_scientific_notation_are_read_as_digits(raw):
    result = parse_nik(raw, on=ON)
    assert result.nik == "3573011508900001"
    assert result.from_number
    assert result.valid
    assert "nik.excel_damage" not in codes(result)


@pytest.mark.parametrize("raw", [3573011508900010, 3573011508900010.0, "3573011508900010.0", "3.57301150890001E+15"])
def test_a_number_ending_in_zero_is_flagged_as_possible_excel_damage(raw):
    result = parse_nik(raw, on=ON)
    assert result.nik == "3573011508900010"
    assert codes(result) == ["nik.excel_damage"]
    assert result.issues[0].severity is Severity.WARNING
    assert result.valid  # a warning: the value is used, a person checks it


def test_the_same_digits_typed_as_text_are_not_flagged():
    assert codes(parse_nik("3573011508900010", on=ON)) == []


@pytest.mark.parametrize("raw", ["3.57301E+15", "3,57301E+15", "3.573E15", "3.5730115089001E+15"])
def test_scientific_notation_that_lost_digits_is_an_error(raw):
    result = parse_nik(raw, on=ON)
    assert codes(result) == ["nik.scientific_notation"]
    assert result.nik is None
    assert "Teks" in result.issues[0].message


@pytest.mark.parametrize(("raw", "length"), [("357301150890001", 15), ("35730115089000012", 17), ("1234", 4)])
def test_wrong_length_says_how_many_digits_were_written(raw, length):
    result = parse_nik(raw, on=ON)
    assert codes(result) == ["nik.length"]
    assert f"{length} digit" in result.issues[0].message


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_missing(raw):
    assert codes(parse_nik(raw, on=ON)) == ["nik.missing"]


@pytest.mark.parametrize("raw", ["-", "belum ada", "KTP hilang", "0", 0, "0.0", "0000000000000000", "'-"])
def test_a_cell_that_says_there_is_no_nik_is_missing_not_a_malformed_number(raw):
    result = parse_nik(raw, on=ON)
    assert codes(result) == ["nik.missing"]
    assert result.issues[0].message.startswith("NIK belum ada (tertulis «")


@pytest.mark.parametrize(
    "raw",
    [
        "3573O11508900001",
        "NIK 3573011508900001",
        "٣٥٧٣٠١١٥٠٨٩٠٠٠٠١",
        True,
        -3573011508900001,
        3573011508900001.5,
        float("nan"),
        float("inf"),
    ],
)
def test_anything_but_digits_is_not_a_nik(raw):
    result = parse_nik(raw, on=ON)
    assert codes(result) == ["nik.not_numeric"]
    assert result.nik is None


def test_unknown_province():
    result = parse_nik("9973011508900001", on=ON)
    assert codes(result) == ["nik.province_unknown"]
    assert result.region_code is None


def test_unknown_regency_is_an_error():
    result = parse_nik("3599011508900001", on=ON)
    assert codes(result) == ["nik.regency_unknown"]
    assert not result.valid


def test_unknown_kecamatan_is_a_warning():
    result = parse_nik("3573991508900001", on=ON)
    assert codes(result) == ["nik.district_unknown"]
    assert result.valid
    assert result.region_code == "35.73.99"


@pytest.mark.parametrize(
    ("nik", "old", "new"),
    [
        # Kemendagri codes of Papua (91.01-91.28, 91.71) and Papua Barat (92.01-92.12, 92.71) before
        # the 2022 split: the regencies that moved reappear by name under 93-96.
        ("9101011508900001", "Kabupaten Merauke", "93.01"),
        ("9113011508900001", "Kabupaten Yahukimo", "95.03"),
        ("9124011508900001", "Kabupaten Nduga", "95.08"),
        ("9109011508900001", "Kabupaten Mimika", "94.04"),
        ("9201011508900001", "Kabupaten Sorong", "96.01"),
        ("9271011508900001", "Kota Sorong", "96.71"),
        ("6473011508900001", "Kota Tarakan", "65.71"),  # Kalimantan Timur before Kalimantan Utara
    ],
)
def test_legacy_regency_codes_are_warnings_naming_the_current_code(nik, old, new):
    result = parse_nik(nik, on=ON)
    assert codes(result) == ["nik.regency_legacy"]
    assert result.valid
    assert old in result.issues[0].message and f"({new})" in result.issues[0].message


def test_papuan_regencies_that_did_not_move_keep_their_code_and_bps_codes_are_no_nik():
    for nik in ("9103011508900001", "9171011508900001", "9202031508900001"):  # Jayapura, Kota Jayapura, Manokwari
        result = parse_nik(nik, on=ON)
        assert result.valid and result.issues == [], (nik, result.issues)
    # 94.71 is BPS's code for Kota Jayapura, never a Kemendagri one: no NIK carries it.
    result = parse_nik("9471011508900001", on=ON)
    assert codes(result) == ["nik.regency_unknown"] and result.region_code is None


def test_new_papuan_provinces_are_current():
    for nik in ("9401011508900001", "9601011508900001", "9171011508900001"):
        result = parse_nik(nik, on=ON)
        assert result.valid and result.issues == [], (nik, result.issues)


def test_several_problems_are_all_reported():
    result = parse_nik(3573017208900000, on=ON)
    assert set(codes(result)) == {"nik.excel_damage", "nik.birth_date_invalid", "nik.serial_zero"}


def test_json_shape():
    data = parse_nik("3573015508900001", on=ON).to_dict()
    assert data == {
        "input": "3573015508900001",
        "nik": "3573015508900001",
        "valid": True,
        "sex": "P",
        "birth_date": "1990-08-15",
        "region_code": "35.73.01",
        "province": "Jawa Timur",
        "regency": "Kota Malang",
        "district": "Blimbing",
        "current_regency_code": None,
        "issues": [],
    }
    legacy = parse_nik("9113011508900001", on=ON).to_dict()
    assert (legacy["province"], legacy["regency"], legacy["current_regency_code"]) == (
        "Papua",
        "Kabupaten Yahukimo",
        "95.03",
    )
    issue = parse_nik("3573011508900000", on=ON).to_dict()["issues"][0]
    assert set(issue) == {"code", "severity", "message"}
    assert issue["severity"] == "error"


def test_mask_nik_keeps_region_and_serial_only():
    assert mask_nik("3573011508900001") == "3573********0001"
    assert mask_nik("12345") == "*****"
    assert mask_nik(None) == ""


# Every input form the scalar tests above use, and more: the vectorised rules must agree on all of them.
VECTOR_CASES = [
    None,
    "",
    "   ",
    "\u00a0",
    "'",
    "-",
    "3573011508900001",
    "3573015508900001",
    "3573017208900001",
    " 3573 0115 0890 0001 ",
    "3573.0115.0890.0001",
    "3573-0115-0890-0001",
    "3573_0115_0890_0001",
    "'3573011508900001",
    "‘3573011508900001’",
    '"3573011508900001"',
    "3573011508900001.0",
    "3573011508900000.0",
    "3573011508900010,00",
    "3,57301E+15",
    "3.573011508900001E+15",
    "3.57301150890000E+15",
    "3,57301150890000E+15",
    "1.5E+0",
    "3.5730115089000012E+15",
    "357301150890000",
    "35730115089000011",
    "35730115089",
    "belum ada",
    "KTP hilang",
    "-",
    "0",
    "0.0",
    "3573O11508900001",
    "٣٥٧٣٠١١٥٠٨٩٠٠٠٠١",
    "3573011508900000",
    "9973011508900001",
    "3599011508900001",
    "3573991508900001",
    "9101011508900001",
    "6401011508900001",
    "3573013208900001",
    "3573011513900001",
    "3573011508260001",
    "3573011508270001",
    "3573010000000001",
    "0000000000000000",
    "3573011508900001 3573011508900002",
]


@pytest.mark.parametrize("on", [ON, dt.date(1995, 1, 1)])
def test_the_vectorised_rules_agree_with_parse_nik_on_every_form(on):
    import polars as pl

    from jaring.core.intake.nik import parse_nik_frame
    from tests.synthetic.files import opd_list_file, region_places
    from tests.synthetic.people import synthetic_lists, synthetic_people

    places = region_places("35.07")
    rows = synthetic_lists(
        synthetic_people(3_000, villages=places["code"].to_list()), villages=places["code"].to_list()
    )
    generated = opd_list_file(rows, places)[0].get_column("NIK").to_list()
    values = VECTOR_CASES + generated
    fields, issues = parse_nik_frame(pl.Series(values, dtype=pl.String), on=on)
    assert fields.get_column("value").n_unique() == fields.height == len(set(values))
    by_value = {row["value"]: row for row in fields.iter_rows(named=True)}
    found: dict[str | None, list] = {}
    for row in issues.iter_rows(named=True):
        found.setdefault(row["value"], []).append((row["code"], row["severity"], row["message"]))
    seen_codes = set()
    for value in set(values):
        expected = parse_nik(value, on=on)
        row = by_value[value]
        assert (row["nik"], row["sex"], row["birth_date"], row["region_code"]) == (
            expected.nik,
            expected.sex,
            expected.birth_date,
            expected.region_code,
        ), value
        assert found.get(value, []) == [(i.code, i.severity.value, i.message) for i in expected.issues], value
        seen_codes |= {issue.code for issue in expected.issues}
    # The cases reach every code the rules have, so agreement is checked on each of them.
    assert seen_codes >= {
        "nik.missing",
        "nik.not_numeric",
        "nik.scientific_notation",
        "nik.length",
        "nik.province_unknown",
        "nik.regency_unknown",
        "nik.regency_legacy",
        "nik.district_unknown",
        "nik.birth_date_invalid",
        "nik.serial_zero",
        "nik.excel_damage",
    } | ({"nik.birth_date_out_of_range"} if on.year < 2000 else set())
