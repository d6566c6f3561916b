import json

import polars as pl
import pytest

from jaring.core.intake.headers import detect_layout, excel_column_letter, extract_rows, match_label
from jaring.core.intake.tabular import ROW, FileRejected, Sheet


def sheet(rows: list[list[str | None]], name: str = "Data") -> Sheet:
    width = max(len(row) for row in rows)
    columns = {f"c{i}": [row[i] if i < len(row) else None for row in rows] for i in range(width)}
    frame = pl.DataFrame(columns, schema={name: pl.String for name in columns}).with_row_index(ROW, offset=1)
    return Sheet(name=name, frame=frame)


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("NIK", "nik"),
        ("No. KTP", "nik"),
        ("Nomor Induk Kependudukan", "nik"),
        ("NIK (16 digit)", "nik"),
        ("Nama", "name"),
        ("Nama Lengkap", "name"),
        ("NAMA PEKERJA", "name"),
        ("Tgl Lahir", "birth_date"),
        ("Tanggal Lahir", "birth_date"),
        ("TTL", "birth_place_date"),
        ("Tempat, Tgl Lahir", "birth_place_date"),
        ("Tempat Lahir", "birth_place"),
        ("JK", "sex"),
        ("L/P", "sex"),
        ("Jenis Kelamin", "sex"),
        ("Alamat", "address"),
        ("RT", "rt"),
        ("RW", "rw"),
        ("RT/RW", "rt_rw"),
        ("Kelurahan", "kelurahan"),
        ("Desa", "kelurahan"),
        ("Kel/Desa", "kelurahan"),
        ("Kecamatan", "kecamatan"),
        ("No HP", "phone"),
        ("No. Telp", "phone"),
        ("WA", "phone"),
        ("Pekerjaan", "occupation"),
        ("Jenis Pekerjaan", "occupation"),
        ("Profesi", "occupation"),
        ("Keterangan", "note"),
        ("No.", "row_number"),
    ],
)
def test_known_column_names(label, field):
    assert match_label(label) == (field, True) or match_label(label)[0] == field


@pytest.mark.parametrize(
    "label", ["DESIL", "Desil", "Desil DTSEN", "DESIL DTKS", "Peringkat Desil", "Desil Kesejahteraan", "Status Desil"]
)
def test_the_dtsen_desil_column_is_recognised(label):
    assert match_label(label) == ("desil", True)
    data = sheet([["NIK", "Nama", label], ["3573011508900001", "Ahmad", "3"]])
    assert detect_layout(data).fields["desil"] == "c2"
    assert extract_rows(data, detect_layout(data)).frame["desil"].to_list() == ["3"]


def test_a_desil_column_named_with_more_words_is_offered_for_confirmation():
    assert match_label("Desil (DTSEN 2025)") == ("desil", False)


@pytest.mark.parametrize("label", ["Desa", "Deskripsi", "Detail", "Dusun", "Status", "Kode Desa"])
def test_words_close_to_desil_are_not_taken_for_it(label):
    assert match_label(label)[0] != "desil"


def test_typos_are_matched_but_marked_uncertain():
    assert match_label("Pekerjan") == ("occupation", False)
    assert match_label("Jenis Kelamn") == ("sex", False)
    assert match_label("Warna Favorit") == (None, True)


def test_the_header_is_found_below_title_rows():
    data = sheet(
        [
            ["DAFTAR GURU NGAJI KOTA MALANG", None, None, None],
            ["Tahun Anggaran 2026", None, None, None],
            [None, None, None, None],
            ["No", "NIK", "Nama Lengkap", "Tgl Lahir"],
            ["1", "3573011508900001", "Ahmad", "15-08-1990"],
        ]
    )
    layout = detect_layout(data)
    assert layout.header_row == 4
    assert layout.fields == {"row_number": "c0", "nik": "c1", "name": "c2", "birth_date": "c3"}


def test_uncertain_and_unknown_columns_are_reported_and_can_be_corrected():
    data = sheet([["NIK", "Nama", "Pekerjan", "Ukuran Baju"], ["3573011508900001", "Ahmad", "Linmas", "XL"]])
    layout = detect_layout(data)
    assert [(m.label, m.field) for m in layout.uncertain] == [("Pekerjan", "occupation")]
    assert [m.label for m in layout.unknown] == ["Ukuran Baju"]
    corrected = detect_layout(data, overrides={"c2": "", "c3": "note"})
    assert "occupation" not in corrected.fields and corrected.fields["note"] == "c3"


def test_no_recognisable_header_is_refused_in_indonesian():
    with pytest.raises(FileRejected) as caught:
        detect_layout(sheet([["a", "b"], ["1", "2"]], name="Lembar1"))
    assert caught.value.code == "file.no_header"
    assert "Lembar1" in caught.value.message and "NIK atau Nama" in caught.value.message


def test_blank_repeated_header_and_footer_rows_are_skipped_and_counted():
    data = sheet(
        [
            ["No", "NIK", "Nama", "Alamat"],
            ["1", "3573011508900001", "Ahmad", "Jl. Mawar 1"],
            ["2", None, None, None],  # numbered but empty template row
            [None, None, None, None],
            ["No", "NIK", "Nama", "Alamat"],  # printed page break
            ["3", "3573011508900002", "Budi", None],
            ["4", None, "Citra", None],  # a person without NIK is kept (and rejected later)
            ["Jumlah", None, "3 orang", None],
            [None, None, "Mengetahui,", None],
            [None, None, "Kepala Kelurahan Sumbersari", None],
            [None, None, "Drs. BUDI SANTOSO", None],
            [None, None, "NIP. 197001011990031001", None],
        ]
    )
    rows = extract_rows(data, detect_layout(data))
    assert rows.frame[ROW].to_list() == [2, 6, 7]
    assert rows.frame["name"].to_list() == ["Ahmad", "Budi", "Citra"]
    assert rows.skipped == {"blank": 2, "header": 1, "footer": 5}


def test_a_row_with_a_nik_after_the_footer_is_kept():
    data = sheet([["NIK", "Nama"], ["Total", "1"], ["3573011508900002", "Budi"]])
    assert extract_rows(data, detect_layout(data)).frame["nik"].to_list() == ["3573011508900002"]


def test_raw_keeps_every_cell_under_its_label_including_unnamed_and_repeated_columns():
    data = sheet([["NIK", "Nama", "Ket", "Ket", None], ["3573011508900001", "Ahmad", "a", "b", "lepas"]])
    raw = json.loads(extract_rows(data, detect_layout(data)).frame["raw"][0])
    assert raw == {"NIK": "3573011508900001", "Nama": "Ahmad", "Ket": "a", "Ket (2)": "b", "Kolom E": "lepas"}


def test_excel_column_letters():
    assert [excel_column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]
