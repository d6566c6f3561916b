"""The batch file from a profile, and BPJS's response read all or nothing."""

import datetime as dt

import polars as pl
import pytest

from jaring.core.programs.batches import DEFAULT_COLUMNS, batch_file_frame, check_columns, read_response
from jaring.core.programs.eligibility import EligibilityRules, reason_label
from jaring.core.programs.selection import Priority, priority_from

ENROLMENTS = pl.DataFrame(
    {
        "nik": ["3573011508900001", "3573012207700003"],
        "name": ["AHMAD FAUZI", "BUDI SANTOSO"],
        "birth_place": ["MALANG", None],
        "birth_date": [dt.date(1990, 8, 15), dt.date(1970, 7, 22)],
        "sex": ["L", "L"],
        "address": ["Jl. Bunga Coklat 3 RT 002/RW 005", ""],
        "kelurahan": ["Sumbersari", "Tlogomas"],
        "kecamatan": ["Lowokwaru", "Lowokwaru"],
        "occupation": ["Petani / buruh tani", "Ojek / ojol"],
        "phone": ["+6281234567890", ""],
        "program_code": ["JKK-JKM", "JKK-JKM"],
        "start_month": [dt.date(2027, 1, 1), dt.date(2027, 1, 1)],
        "months": [12, 12],
        "wadah_code": ["SG", "SC"],
        "fund": ["dbhcht", "csr"],
    }
)


def test_the_file_follows_the_profile_and_keeps_text_as_text():
    table = batch_file_frame(ENROLMENTS, list(DEFAULT_COLUMNS))
    assert table.columns[:3] == ["NIK", "NAMA LENGKAP", "TEMPAT LAHIR"]
    assert table.row(1) == ("3573012207700003", "BUDI SANTOSO", "", "22-07-1970", "L", "", "Tlogomas",
                            "Ojek / ojol", "", "JKK-JKM", "01-2027", "SC")  # fmt: skip
    branch = batch_file_frame(ENROLMENTS, [("NO_KTP", "nik"), ("BLN", "months"), ("WADAH", "wadah_code")])
    assert branch.rows() == [("3573011508900001", "12", "SG"), ("3573012207700003", "12", "SC")]


def test_a_profile_names_known_fields_once_and_always_the_nik():
    assert check_columns(list(DEFAULT_COLUMNS)) == []
    problems = check_columns([("NAMA", "name"), ("NAMA", "nama_ibu")])
    assert any("nama_ibu" in p for p in problems)
    assert any("dua kali" in p for p in problems)
    assert any("NIK" in p for p in problems)


def response(*rows) -> pl.DataFrame:
    return pl.DataFrame(
        [(i + 2, *row) for i, row in enumerate(rows)], schema=["row", "nik", "kpj", "outcome", "reason"], orient="row"
    )


BATCH = {"3573011508900001", "3573012207700003", "3573015203850002"}


def test_accepted_rejected_and_already_registered():
    read = read_response(
        response(
            ("3573011508900001", "26.012.345.678", "Diterima", None),
            ("3573012207700003", None, "DITOLAK", "NIK tidak padan"),
            ("'3573015203850002", None, "Gagal", "Peserta sudah terdaftar di wadah lain"),
        ),
        BATCH,
    )
    assert read.problems == []
    assert read.rows.rows() == [
        ("3573011508900001", "26012345678", "accepted", ""),
        ("3573012207700003", None, "rejected", "NIK tidak padan"),
        ("3573015203850002", None, "rejected", "Peserta sudah terdaftar di wadah lain"),
    ]
    already = read_response(response(("3573011508900001", None, "Sudah terdaftar", None)), BATCH)
    assert already.rows.row(0) == ("3573011508900001", None, "rejected", "sudah terdaftar")


def test_every_row_that_cannot_be_applied_is_named():
    read = read_response(
        response(
            ("3573019999990001", "26012345678", "Diterima", None),  # not in the batch
            ("3573011508900001", "2601234567", "Diterima", None),  # 10 digits
            ("3573011508900001", "26012345678", "Diterima", None),  # twice
            ("3573012207700003", None, "mungkin", None),
            ("", None, "Diterima", None),
        ),
        BATCH,
    )
    assert [row for row, _message in read.problems] == [2, 3, 4, 5, 6]
    messages = " | ".join(message for _row, message in read.problems)
    for part in ("3573********0001 tidak ada dalam batch", "harus 11 angka", "sudah ada di baris lain",
                 "'mungkin' tidak dikenali", "NIK kosong"):  # fmt: skip
        assert part in messages
    assert read_response(response(), BATCH).problems == [(0, "berkas jawaban tidak berisi satu baris pun")]


def test_priority_keys_by_name_with_a_minus_to_reverse():
    assert priority_from([]) == Priority()
    assert priority_from(["-age", "risk"]).keys == (("age", False), ("risk", True))
    with pytest.raises(ValueError, match="tidak dikenal"):
        priority_from(["kaya"])
    with pytest.raises(ValueError, match="dua kali"):
        priority_from(["age", "-age"])


def test_reasons_as_the_headings_of_counts():
    rules = EligibilityRules(cover_start=dt.date(2026, 7, 1), region_code="35.73", desil_range=(1, 4))
    assert reason_label("age.above", "id", rules=rules) == "usia di atas 65 tahun pada 1 Juli 2026"
    assert reason_label("age.below", "en", rules=rules) == "younger than 15 on 1 July 2026"
    assert reason_label("desil.outside", "id", rules=rules) == "desil DTSEN di luar 1-4"
    assert reason_label("bpjs.active", "id", rules=rules) == "sudah aktif di BPJS Ketenagakerjaan"
