"""The shared generator keeps its own promises (issue 16): shares, Excel's rounding, DESIL forms, places."""

import datetime as dt
import io
import re

import polars as pl
import pytest
from python_calamine import CalamineWorkbook

from jaring.core.occupations import occupation_patterns
from tests.synthetic.case import DEATHS_FROM, LISTS, OCCUPATIONS, program_case
from tests.synthetic.files import excel_rounded


@pytest.fixture(scope="module")
def case():
    return program_case(500, seed=16)


@pytest.mark.parametrize(
    ("nik", "shown"),
    [
        ("3573015708820428", "3573015708820430"),  # the example: rounded up, not cut
        ("3573015708820425", "3573015708820430"),  # half rounds up
        ("3573015708820424", "3573015708820420"),
        ("3573015708820420", "3573015708820420"),
        ("3573015708829995", "3573015708830000"),  # the carry runs through the nines
        ("3573019999999999", "3573020000000000"),
        ("9999999999999994", "9999999999999990"),
    ],
)
def test_excel_rounding_is_exact(nik, shown):
    assert pl.select(excel_rounded(pl.lit(nik))).item() == shown
    if not nik.endswith("5"):  # a double at 15 significant digits agrees (it rounds a half to even)
        assert f"{float(f'{float(nik):.15g}'):.0f}" == shown


def test_excel_rounding_leaves_what_is_no_16_digit_number():
    values = pl.Series(["357301570882042", "", None, "3,57302E+15"])
    assert pl.select(excel_rounded(pl.lit(values))).to_series().to_list() == values.to_list()


def test_shares_are_roughly_as_promised(case):
    people = case.people
    listed = people.filter(pl.col("listed"))
    assert listed.height == 500
    assert 0.05 < (listed.get_column("bpjs_status").fill_null("") == "active").mean() < 0.12
    assert 0.01 < (listed.get_column("bpjs_status").fill_null("") == "inactive").mean() < 0.06
    off_list = people.filter(~pl.col("listed"))
    assert off_list.height == 5 and off_list.get_column("bpjs_status").null_count() == 0
    assert case.roster.height == people.get_column("bpjs_status").is_not_null().sum()
    assert 0.005 < listed.get_column("death_date").is_not_null().mean() < 0.04
    deaths = case.deaths.get_column("death_date")
    assert deaths.min() >= DEATHS_FROM and deaths.max() <= dt.date(2026, 11, 15)
    assert (deaths < case.cover_start).all()
    assert 0.002 < listed.get_column("nik_rounded").mean() < 0.04
    assert 0.01 < case.rows.get_column("kecamatan_only").mean() < 0.05
    assert 0.05 < case.roster.get_column("name_mistyped").mean() < 0.2


def test_each_person_is_in_one_to_three_different_lists(case):
    per_person = case.rows.group_by("person_id").agg(lists=pl.col("source").n_unique(), rows=pl.len())
    assert per_person.height == 500
    assert (per_person.get_column("lists") == per_person.get_column("rows")).all()
    assert set(per_person.get_column("lists").unique()) == {1, 2, 3}
    assert set(case.rows.get_column("source").unique()) == set(LISTS)


def test_a_rounded_person_arrives_only_with_the_rounded_nik(case):
    rounded = case.people.filter(pl.col("nik_rounded")).select("person_id", "nik")
    assert rounded.height > 0
    rows = case.rows.join(rounded, on="person_id")
    assert rows.height > 0 and rows.get_column("nik_rounded").all()
    shown = rows.select(excel_rounded(pl.col("nik"))).to_series()
    assert (rows.get_column("nik_written") == shown).all()
    assert (rows.get_column("nik_written") != rows.get_column("nik")).all()
    assert (rows.get_column("nik_written").str.slice(12) != "0000").all()  # still a NIK, as …0428 -> …0430 is
    assert case.people.get_column("nik").is_unique().all()


def test_the_rounded_nik_is_also_a_number_cell_in_xlsx(case):
    rounded = set(case.people.filter(pl.col("nik_rounded")).get_column("nik").to_list())
    number_cells = 0
    for code, file_name in case.lists.items():
        if not file_name.endswith(".xlsx"):
            continue
        rows = _sheet(case.files[file_name])
        column = rows[0].index("NIK")
        number_cells += sum(isinstance(row[column], float) for row in rows[1:])
        assert all(isinstance(row[0], float) for row in rows[1:]), code  # No is a number cell
    assert number_cells > 0 and rounded


def test_dinsos_has_a_desil_column_in_every_form(case):
    rows = _sheet(case.files[case.lists["DINSOS"]])
    assert rows[0][-1] == "DESIL"
    texts = case.rows.filter(pl.col("source") == "DINSOS").get_column("desil_text").drop_nulls().to_list()
    assert any(re.fullmatch(r"[1-9]|10", text) for text in texts)
    assert any(re.fullmatch(r"Desil \d+", text) for text in texts)
    assert any(re.fullmatch(r"D\d+", text) for text in texts)
    assert any(re.fullmatch(r"0\d", text) for text in texts)
    with_desil = case.people.filter(pl.col("desil").is_not_null())
    assert with_desil.get_column("desil").is_between(1, 10).all()
    dinsos_people = case.rows.filter(pl.col("source") == "DINSOS").get_column("person_id").unique()
    assert set(with_desil.get_column("person_id")) <= set(dinsos_people)
    assert with_desil.height > 0.8 * dinsos_people.len()
    for code, file_name in case.lists.items():
        if code != "DINSOS" and file_name.endswith(".xlsx"):
            assert "DESIL" not in _sheet(case.files[file_name])[0]


def test_some_rows_give_only_the_kecamatan(case):
    file_name = case.lists["DISNAKER"]
    rows = _sheet(case.files[file_name])
    header = rows[0]
    kelurahan, kecamatan, address = header.index("Kelurahan"), header.index("Kecamatan"), header.index("Alamat")
    only = case.rows.filter((pl.col("file") == file_name) & pl.col("kecamatan_only")).get_column("No").to_list()
    assert only
    districts = {"Blimbing", "Klojen", "Kedungkandang", "Sukun", "Lowokwaru"}
    for number in only:
        row = rows[number]
        assert row[0] == number and row[kelurahan] == "" and row[kecamatan] in districts
        assert "Kel" not in row[address] and "Desa" not in row[address]
    # Every other row names its kelurahan.
    assert all(row[kelurahan] != "" for index, row in enumerate(rows[1:], start=1) if index not in set(only))


def test_occupation_words_are_the_catalogue_s(case):
    patterns = [(re.compile(pattern), code) for pattern, code in occupation_patterns()]
    for code, (_share, words) in OCCUPATIONS.items():
        for word in words:
            found = next((found for pattern, found in patterns if pattern.search(word.lower())), None)
            assert found == code, word
    assert abs(sum(share for share, _words in OCCUPATIONS.values()) - 1) < 1e-9
    rows = case.rows.join(case.people.select("person_id", "occupation"), on="person_id")
    for word, code in rows.select("occupation_text", "occupation").unique().iter_rows():
        assert word in OCCUPATIONS[code][1]


def test_roster_and_death_list_name_the_true_person(case):
    roster = _sheet(case.files[case.roster_file])
    assert roster[0] == ["KPJ", "NIK", "NAMA", "TGL LAHIR", "SEGMEN", "STATUS"]
    by_kpj = {row[0]: row for row in roster[1:]}
    truth = case.roster.join(case.people.select("person_id", "nik"), on="person_id")
    for kpj, nik, status in truth.select("kpj", "nik", "status").iter_rows():
        row = by_kpj[kpj]
        assert len(kpj) == 11 and row[1] == nik
        assert row[5] == {"active": "AKTIF", "inactive": "NON AKTIF"}[status] and row[4] in ("PU", "BPU")
    deaths = _sheet(case.files[case.deaths_file])
    assert deaths[0] == ["NIK", "NAMA", "TANGGAL MENINGGAL"] and len(deaths) == case.deaths.height + 1


def test_the_case_is_the_same_for_the_same_seed():
    first, second = program_case(60, seed=3), program_case(60, seed=3)
    assert first.files.keys() == second.files.keys()
    for name, data in first.files.items():  # an xlsx also holds the second it was written
        same = _sheet(data) == _sheet(second.files[name]) if name.endswith(".xlsx") else data == second.files[name]
        assert same, name
    assert first.rows.equals(second.rows) and first.people.equals(second.people)


def _sheet(data: bytes) -> list[list]:
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return workbook.get_sheet_by_name(workbook.sheet_names[0]).to_python()
