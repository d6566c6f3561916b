import datetime as dt
import io
import zipfile

import pytest

from jaring.core.intake.tabular import ROW, FileRejected, ReadLimits, read_table_file
from tests.files import csv_bytes, ods_bytes, xls_bytes, xlsx_bytes

HEADER = ["No", "NIK", "Nama", "Tgl Lahir"]


def grid(sheet) -> list[list]:
    return [list(row) for row in sheet.frame.drop(ROW).rows()]


def test_xlsx_cells_become_text_and_numbers_show_they_were_numbers():
    data = xlsx_bytes(
        {
            "Linmas": [
                HEADER,
                [1, 3573011508900001, "Siti", dt.datetime(1990, 8, 15)],
                [2, "3573011508900002", "Budi", "17 Agustus 1975"],
            ]
        }
    )
    [sheet] = read_table_file(data, file_name="linmas.xlsx")
    assert sheet.name == "Linmas"
    assert grid(sheet) == [
        ["No", "NIK", "Nama", "Tgl Lahir"],
        ["1.0", "3573011508900001.0", "Siti", "1990-08-15"],
        ["2.0", "3573011508900002", "Budi", "17 Agustus 1975"],
    ]
    assert sheet.frame[ROW].to_list() == [1, 2, 3]


def test_row_numbers_count_title_rows_above_the_table():
    data = xlsx_bytes({"Data": [HEADER, [1, "3573011508900001", "Siti", None]]}, merge_title="DAFTAR LINMAS 2026")
    [sheet] = read_table_file(data, file_name="linmas.xlsx")
    assert sheet.frame[ROW].to_list() == [1, 2, 3, 4]
    assert grid(sheet)[0][0] == "DAFTAR LINMAS 2026" and grid(sheet)[2] == HEADER


def test_every_sheet_with_data_is_read_and_empty_ones_are_left_out():
    data = xlsx_bytes({"A": [HEADER], "Kosong": [], "B": [HEADER]})
    assert [sheet.name for sheet in read_table_file(data, file_name="x.xlsx")] == ["A", "B"]
    assert [sheet.name for sheet in read_table_file(data, file_name="x.xlsx", sheet="B")] == ["B"]
    with pytest.raises(FileRejected, match="Lembar “C” tidak ada") as caught:
        read_table_file(data, file_name="x.xlsx", sheet="C")
    assert caught.value.code == "file.sheet_missing"


def test_formulas_are_not_evaluated():
    data = xlsx_bytes({"Data": [HEADER, [1, "=1+1", '=HYPERLINK("http://contoh")', None]]})
    [sheet] = read_table_file(data, file_name="x.xlsx")
    assert "2" not in grid(sheet)[1]  # only the value Excel saved (none here), never a computed one


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8"), (";", "utf-8"), ("\t", "utf-8"), ("|", "utf-8"), (";", "utf-8-sig"), (";", "cp1252")],
)
def test_csv_in_any_common_delimiter_and_encoding(delimiter, encoding):
    rows = [
        HEADER,
        [1, "3573011508900001", "Siti Aminah", "15-08-1990"],
        [2, "3573011508900002", "Désirée", ""],
    ]
    [sheet] = read_table_file(csv_bytes(rows, delimiter=delimiter, encoding=encoding), file_name="daftar.csv")
    assert grid(sheet) == [
        HEADER,
        ["1", "3573011508900001", "Siti Aminah", "15-08-1990"],
        ["2", "3573011508900002", "Désirée", None],
    ]
    assert sheet.name == "daftar"


def test_csv_with_quoted_delimiters_and_ragged_rows():
    data = b'No;Nama;Alamat\r\n1;"Ahmad; S.Pd";"Jl. Mawar; RT 1"\r\n2;Budi\r\n'
    [sheet] = read_table_file(data, file_name="x.csv")
    assert grid(sheet) == [
        ["No", "Nama", "Alamat"],
        ["1", "Ahmad; S.Pd", "Jl. Mawar; RT 1"],
        ["2", "Budi", None],
    ]


def rejected(data: bytes, file_name: str, **kwargs) -> FileRejected:
    with pytest.raises(FileRejected) as caught:
        read_table_file(data, file_name=file_name, **kwargs)
    return caught.value


def test_an_empty_file():
    assert rejected(b"", "kosong.xlsx").code == "file.empty"
    assert rejected(b"\r\n;;\r\n", "kosong.csv").code == "file.no_data"


def test_a_file_that_is_not_what_its_name_says():
    error = rejected(b"No,NIK\r\n1,2\r\n", "daftar.xlsx")
    assert error.code == "file.type_mismatch" and "bukan lembar kerja" in error.message
    assert rejected(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "foto.csv").code == "file.type_mismatch"


def test_a_corrupted_xlsx():
    data = xlsx_bytes({"A": [HEADER]})
    assert rejected(data[: len(data) // 2], "rusak.xlsx").code == "file.corrupt"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as broken:
        broken.writestr("hello.txt", "bukan excel")
    assert rejected(archive.getvalue(), "rusak.xlsx").code == "file.corrupt"


def test_a_zip_bomb():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/worksheets/sheet1.xml", b"0" * 50_000_000)
    error = rejected(archive.getvalue(), "bom.xlsx")
    assert error.code == "file.zip_bomb" and "keamanan" in error.message


def test_a_file_over_the_size_limit():
    error = rejected(b"x" * 2048, "besar.csv", limits=ReadLimits(max_bytes=1024))
    assert error.code == "file.too_large" and "melebihi batas" in error.message


def test_a_sheet_over_the_row_limit():
    data = xlsx_bytes({"Data": [HEADER] + [[i, None, f"Nama {i}", None] for i in range(20)]})
    error = rejected(data, "panjang.xlsx", limits=ReadLimits(max_rows_per_sheet=10))
    assert error.code == "file.too_many_rows" and "21 baris" in error.message
    data = csv_bytes([HEADER] + [[i, "", f"Nama {i}", ""] for i in range(20)])
    assert rejected(data, "panjang.csv", limits=ReadLimits(max_rows_per_sheet=10)).code == "file.too_many_rows"


def test_a_password_protected_workbook():
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(xlsx_bytes({"A": [HEADER, [1, "3573011508900001", "Siti", None]]}))).encrypt(
        "rahasia", encrypted
    )
    error = rejected(encrypted.getvalue(), "rahasia.xlsx")
    assert error.code == "file.password_protected" and "kata sandi" in error.message


def test_a_cell_merged_down_over_rows_belongs_to_each_row():
    buffer = io.BytesIO()
    import xlsxwriter

    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Data")
    sheet.write_row(0, 0, ["NIK", "Nama", "Kelurahan"])
    sheet.write_row(1, 0, ["3573011508900001", "Ahmad"])
    sheet.write_row(2, 0, ["3573011508900002", "Budi"])
    sheet.merge_range(1, 2, 2, 2, "Sumbersari")
    workbook.close()
    [read] = read_table_file(buffer.getvalue(), file_name="gabung.xlsx")
    assert read.frame["c2"].to_list() == ["Kelurahan", "Sumbersari", "Sumbersari"]


@pytest.mark.parametrize(
    ("maker", "file_name", "small_number"),
    [(xls_bytes, "lama.xls", "1"), (ods_bytes, "libreoffice.ods", "1.0")],  # .xls keeps small whole numbers as integers
)
def test_xls_and_ods_are_read_like_xlsx(maker, file_name, small_number):
    [sheet] = read_table_file(maker([HEADER, [1, 3573011508900001, "Siti", "15-08-1990"]]), file_name=file_name)
    assert grid(sheet) == [HEADER, [small_number, "3573011508900001.0", "Siti", "15-08-1990"]]


def test_a_full_excel_sheet_of_1048576_rows_is_refused():
    buffer = io.BytesIO()
    import xlsxwriter

    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Penuh")
    sheet.write_row(0, 0, ["NIK", "Nama"])
    sheet.write(1_048_575, 1, "baris terakhir")  # Excel's last row: the used range spans the whole sheet
    workbook.close()
    error = rejected(buffer.getvalue(), "penuh.xlsx")
    assert error.code == "file.too_many_rows" and "1.048.576 baris" in error.message


def test_a_csv_of_1048576_rows_is_refused():
    data = b"NIK;Nama\r\n" + b"3573011508900001;A\r\n" * 1_048_575
    error = rejected(data, "penuh.csv")
    assert error.code == "file.too_many_rows" and "1.048.576 baris" in error.message
