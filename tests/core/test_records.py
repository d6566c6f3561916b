import datetime as dt

import polars as pl
import pytest

from jaring.core.intake.records import RegionPlaces, Rules, normalise_records, parse_date_expr, phone_e164_expr
from jaring.core.regions import iter_region_rows, region_name_key

ON = dt.date(2026, 11, 21)


def places_of(code: str) -> RegionPlaces:
    """The kecamatan and kelurahan of a kabupaten/kota, as the import gets them."""
    rows = list(iter_region_rows(under=code))
    districts = pl.DataFrame(
        [{"code": r.code, "name": r.name, "name_key": region_name_key(r.name)} for r in rows if r.level == 3]
    )
    villages = pl.DataFrame(
        [
            {"code": r.code, "name": r.name, "name_key": region_name_key(r.name), "district_code": r.parent_code}
            for r in rows
            if r.level == 4
        ]
    )
    return RegionPlaces(code, rows[1].name, districts, villages)


@pytest.fixture(scope="module")
def malang() -> RegionPlaces:
    return places_of("35.73")


def run(malang, **columns) -> pl.DataFrame:
    size = len(next(iter(columns.values())))
    frame = pl.DataFrame({"sheet": ["Data"] * size, "row": list(range(2, size + 2)), **columns})
    return normalise_records(frame, rules=Rules(on=ON), places=malang)


def codes(frame: pl.DataFrame) -> list[list[str]]:
    return [[issue["code"] for issue in issues] for issues in frame["issues"].to_list()]


def test_a_clean_row_is_accepted_with_typed_fields(malang):
    out = run(
        malang,
        nik=["3573011508900001"],
        name=["Ahmad Fauzi"],
        birth_date=["15-08-1990"],
        sex=["L"],
        address=["Jl. Mawar No. 1 RT 3/5"],
        kelurahan=["Sumbersari"],
        kecamatan=["Lowokwaru"],
        phone=["0812-3456-7890"],
        occupation=["Linmas"],
    )
    row = out.row(0, named=True)
    assert codes(out) == [[]]
    assert row["status"] == "accepted"
    assert (row["nik"], row["name"], row["birth_date"], row["sex"]) == (
        "3573011508900001",
        "AHMAD FAUZI",
        dt.date(1990, 8, 15),
        "L",
    )
    assert (row["street"], row["rt"], row["rw"]) == ("Jl. Mawar No. 1", "003", "005")
    assert row["kecamatan_code"] == "35.73.05" and row["kelurahan_code"].startswith("35.73.05.")
    assert (row["phone"], row["occupation"]) == ("+6281234567890", "linmas")


@pytest.mark.parametrize(
    ("raw", "name", "titles"),
    [
        ("Drs. H. ahmad  fauzi, S.Pd", "AHMAD FAUZI", "Drs. H. S.Pd"),
        ("Hj. Siti Aminah, S.Pd.I", "SITI AMINAH", "Hj. S.Pd.I"),
        ("Bpk. Budi Santoso, S.E., M.M.", "BUDI SANTOSO", "Bpk. S.E., M.M."),
        ("  ibu   nur aini ", "NUR AINI", "ibu"),
        ("Hasan", "HASAN", None),
    ],
)
def test_names_lose_titles_but_keep_them_apart(malang, raw, name, titles):
    row = run(malang, nik=["3573011508900001"], name=[raw]).row(0, named=True)
    assert (row["name"], row["name_titles"]) == (name, titles)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15-08-1990", dt.date(1990, 8, 15)),
        ("15/08/1990", dt.date(1990, 8, 15)),
        ("1990-08-15", dt.date(1990, 8, 15)),
        ("17 Agustus 1975", dt.date(1975, 8, 17)),
        ("17 agt 1975", dt.date(1975, 8, 17)),
        ("5 Mei 2001", dt.date(2001, 5, 5)),
        ("33100", dt.date(1990, 8, 15)),
        ("33100.0", dt.date(1990, 8, 15)),
        ("15-08-90", dt.date(1990, 8, 15)),
        ("15-08-05", dt.date(2005, 8, 15)),
        ("1990-08-15 00:00:00.000000", dt.date(1990, 8, 15)),
        ("15.08.1990", dt.date(1990, 8, 15)),
        ("31-02-1990", None),
        ("kemarin", None),
    ],
)
def test_dates_in_the_forms_people_write(text, expected):
    frame = pl.DataFrame({"d": [text]}).select(parse_date_expr(pl.col("d"), ON))
    assert frame.item() == expected


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("81234567890.0", "+6281234567890"),
        ("+62 812 3456 789", "+628123456789"),
        ("(0341) 551234", "+62341551234"),
        ("123", None),
        ("08", None),
    ],
)
def test_phones_to_e164(raw, e164):
    assert pl.DataFrame({"p": [raw]}).select(phone_e164_expr(pl.col("p"))).item() == e164


def test_sex_from_words_or_from_the_nik(malang):
    out = run(
        malang,
        nik=["3573015508900001", "3573011508900001", "3573011508900002"],
        name=["A", "B", "C"],
        sex=["Perempuan", None, "P"],
    )
    assert out["sex"].to_list() == ["P", "L", "P"]
    assert codes(out)[2] == ["nik.sex_mismatch"]


def test_ttl_is_split_into_place_and_date(malang):
    out = run(malang, nik=["3573011508900001"], name=["A"], birth_place_date=["Malang, 15 Agustus 1990"])
    assert out.row(0, named=True)["birth_place"] == "MALANG"
    assert out.row(0, named=True)["birth_date"] == dt.date(1990, 8, 15)
    # "MALANG / 15-08-1990": the slash between place and date is no part of the place.
    out = run(
        malang,
        nik=["3573011508900001"] * 2,
        name=["A", "B"],
        birth_place_date=["MALANG / 15-08-1990", "Kab. Malang;15-08-1990"],
    )
    assert out.get_column("birth_place").to_list() == ["MALANG", "KAB. MALANG"]
    assert out.get_column("birth_date").to_list() == [dt.date(1990, 8, 15)] * 2


def test_the_nik_and_the_stated_birth_date_must_agree(malang):
    out = run(malang, nik=["3573011508900001"], name=["A"], birth_date=["16-08-1990"])
    assert codes(out) == [["nik.birth_date_mismatch"]] and out["status"][0] == "accepted_with_warnings"


def test_age_outside_15_to_65_is_accepted_with_a_warning_because_programs_decide(malang):
    out = run(malang, nik=["3573011508120001", "3573011508500001"], name=["Anak", "Lansia"])
    assert codes(out) == [["age.out_of_range"], ["age.out_of_range"]]
    assert out["status"].to_list() == ["accepted_with_warnings"] * 2
    assert "14 tahun" in out["issues"][0][0]["message"] and "76 tahun" in out["issues"][1][0]["message"]


def test_only_an_impossible_age_is_an_error(malang):
    out = run(malang, nik=["3573011508900001", None], name=["A", "B"], birth_date=["15-08-1990", "01-01-1890"])
    assert codes(out) == [[], ["nik.missing", "age.impossible"]]
    assert "136 tahun" in out["issues"][1][1]["message"] and out["status"][1] == "rejected"


def test_an_empty_or_unreadable_birth_date_is_taken_from_a_valid_nik_with_a_warning(malang):
    out = run(
        malang,
        nik=["3573011508900001", "3573015203850002", "123"],
        name=["A", "B", "C"],
        birth_place_date=["Malang,", None, "Malang,"],
    )
    assert out["birth_date"].to_list() == [dt.date(1990, 8, 15), dt.date(1985, 3, 12), None]
    assert codes(out) == [["birth_date.from_nik"], ["birth_date.from_nik"], ["nik.length", "birth_date.invalid"]]
    assert out["issues"][0][0]["message"] == "Tanggal lahir “Malang,” tidak dikenali; diambil dari NIK: 15-08-1990."
    assert out["issues"][1][0]["message"] == "Tanggal lahir kosong; diambil dari NIK: 12-03-1985."
    assert out["status"].to_list() == ["accepted_with_warnings", "accepted_with_warnings", "rejected"]


def test_a_ktp_from_outside_the_region_is_a_warning_naming_where_it_was_issued(malang):
    out = run(malang, nik=["7371011508900001", "5171015203850002"], name=["A", "B"])
    assert codes(out) == [["nik.outside_region"], ["nik.outside_region"]]
    assert out["issues"][0][0]["message"] == (
        "KTP luar daerah: NIK diterbitkan di Kota Makassar (73.71); domisili dibaca dari alamat."
    )
    assert out["status"].to_list() == ["accepted_with_warnings"] * 2


def test_rejections_with_reasons(malang):
    out = run(
        malang,
        nik=[None, "123", "3573011508900001"],
        name=["A", None, "C"],
        birth_date=[None, "31-02-1990", "15-08-2090"],
    )
    assert codes(out) == [
        ["nik.missing", "birth_date.missing"],
        ["nik.length", "name.missing", "birth_date.invalid"],
        ["birth_date.future", "nik.birth_date_mismatch"],
    ]
    assert out["status"].to_list() == ["rejected"] * 3


def test_places_tolerate_typos_and_flag_what_is_not_in_the_region(malang):
    out = run(
        malang,
        nik=["3573011508900001"] * 3,
        name=["A", "B", "C"],
        kelurahan=["Sumbersri", "Antah Berantah", None],
        kecamatan=["LOWOKWARU", None, "Batu"],
    )
    assert out["kecamatan_code"].to_list() == ["35.73.05", None, None]
    assert out["kelurahan_code"][0].startswith("35.73.05.")
    found = codes(out)
    assert "address.kelurahan_unknown" in found[1] and "address.outside_region" in found[2]


def test_occupations_map_to_the_catalogue(malang):
    out = run(
        malang,
        nik=["3573011508900001"] * 5,
        name=list("ABCDE"),
        occupation=["Guru Ngaji TPQ", "Ojol Grab", "Sopir Angkot", "marbot masjid", "Astronot"],
    )
    assert out["occupation"].to_list() == ["guru_ngaji", "ojek", "sopir_angkot", "marbot", "lainnya"]
    assert "occupation.unknown" in codes(out)[4]


def test_a_word_that_names_no_trade_gives_way_to_one_that_does(malang):
    # "tukang" is longer than "ojek", yet a tukang ojek drives an ojek; "tukang" alone is a day labourer.
    out = run(
        malang,
        nik=["3573011508900001"] * 4,
        name=list("ABCD"),
        occupation=["Tukang Ojek", "buruh tani", "kuli panggul pasar", "Tukang"],
    )
    assert out["occupation"].to_list() == ["ojek", "petani", "buruh_serabutan", "buruh_serabutan"]


@pytest.mark.parametrize(
    ("text", "desil"),
    [
        ("3", 3),
        ("03", 3),
        ("3.0", 3),  # an Excel number
        ("Desil 3", 3),
        ("DESIL-3", 3),
        ("D3", 3),
        ("d 3", 3),
        ("Desil ke-3", 3),
        ("Desil 1 (Sangat Miskin)", 1),
        (" 10 ", 10),
        ("Desil 10", 10),
    ],
)
def test_the_dtsen_desil_in_the_forms_lists_write_it(malang, text, desil):
    out = run(malang, nik=["3573011508900001"], name=["A"], desil=[text])
    assert out.schema["desil"] == pl.Int8
    assert out["desil"].to_list() == [desil]
    assert codes(out) == [[]]


@pytest.mark.parametrize("text", ["0", "11", "tinggi", "3-4", "3.5", "100", "Desil"])
def test_a_desil_outside_1_to_10_is_dropped_with_a_warning_and_the_row_kept(malang, text):
    out = run(malang, nik=["3573011508900001"], name=["A"], desil=[text])
    row = out.row(0, named=True)
    assert row["desil"] is None and row["status"] == "accepted_with_warnings"
    [issue] = row["issues"]
    assert (issue["code"], issue["severity"]) == ("desil.invalid", "warning")
    assert issue["message"].startswith(f"Desil “{text.strip()}” tidak dikenali; tulis angka 1–10")


def test_an_empty_desil_or_no_desil_column_is_no_desil_and_no_warning(malang):
    niks = ["3573011508900001", "3573011508900002", "3573011508900003"]
    out = run(malang, nik=niks, name=list("ABC"), desil=[None, "", "-"])
    assert out["desil"].to_list() == [None, None, None] and codes(out) == [[], [], []]
    without = run(malang, nik=["3573011508900001"], name=["A"])
    assert without.schema["desil"] == pl.Int8 and without["desil"].to_list() == [None]


def test_duplicate_niks_in_one_file_are_flagged_on_each_row(malang):
    out = run(malang, nik=["3573011508900001", "'3573 0115 0890 0001", "3573011508900002"], name=["A", "B", "C"])
    assert [("nik.duplicate_in_file" in row) for row in codes(out)] == [True, True, False]
    assert "Data baris 2, Data baris 3" in out["issues"][0][0]["message"]


def test_every_issue_code_has_an_indonesian_label():
    import re
    from pathlib import Path

    from jaring.core.issues import ISSUE_LABELS

    core = Path(__file__).resolve().parents[2] / "jaring" / "core"
    written = set()
    for path in core.glob("*.py"):
        written |= set(
            re.findall(r'"((?:nik|name|birth_date|sex|age|phone|address|occupation|desil)\.[a-z_]+)"', path.read_text())
        )
    assert written and written <= set(ISSUE_LABELS)
