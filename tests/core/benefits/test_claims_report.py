"""Reading a BPJS claim report's rows: programs, levels and causes from their texts, amounts as whole rupiah,
and every row that cannot be recorded refused with its reason, in Indonesian and in English."""

import datetime as dt

import polars as pl
import pytest

from jaring.core.benefits import (
    CLAIM_REPORT,
    NEVER_ENROLLED,
    claim_cause_of,
    claim_reason_label,
    claim_reason_text,
    normalise_claims,
    with_refusal,
)
from jaring.core.intake.headers import match_label

ON = dt.date(2027, 12, 31)
NIK = "3573015203850002"


def rows(**columns):
    height = len(next(iter(columns.values())))
    base = {
        "sheet": ["Klaim"] * height,
        "row": list(range(5, 5 + height)),
        "nik": [NIK] * height,
        "program": ["JKM"] * height,
        "event_date": ["10-05-2027"] * height,
        "amount": ["42000000"] * height,
    }
    return pl.DataFrame({**base, **columns})


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("NIK", "nik"),
        ("KPJ", "kpj"),
        ("NAMA", "name"),
        ("JENIS KLAIM", "program"),
        ("PROGRAM", "program"),
        ("TANGGAL KEJADIAN", "event_date"),
        ("TGL MENINGGAL", "event_date"),
        ("NOMINAL", "amount"),
        ("JUMLAH DIBAYAR", "amount"),
        ("STATUS", "status"),
        ("NO KLAIM", "claim_number"),
        ("NAMA AHLI WARIS", "heir_name"),
        ("TGL BAYAR", "paid_date"),
    ],
)
def test_the_report_headers_are_known(label, field):
    assert match_label(label, CLAIM_REPORT) == (field, True)


def test_rows_are_typed_with_program_level_cause_amount_and_status():
    frame = normalise_claims(
        rows(
            program=["JKM", "Beasiswa SD", "JKK - Meninggal Dunia", "JKK Cacat Total Tetap", "Beasiswa"],
            level=[None, None, None, None, "Perguruan Tinggi"],
            amount=["42.000.000", "1500000", "Rp 70.000.000,00", "56000000.0", "12.000.000"],
            status=[None, "DIBAYAR", "Dalam Proses", "ditolak", "Lunas"],
            claim_number=["K-1", None, " ", "K-4", "K-5"],
            kpj=[None, None, None, "10000000004", None],
        ),
        on=ON,
    )
    assert frame.get_column("reason_code").to_list() == [None] * 5
    assert frame.select("program", "level", "cause", "amount", "status").rows() == [
        ("jkm", None, None, 42_000_000, "paid"),
        ("beasiswa", "sd", None, 1_500_000, "paid"),
        ("jkk", None, "work_accident_death", 70_000_000, "submitted"),
        ("jkk", None, "total_disability", 56_000_000, "rejected"),
        ("beasiswa", "pt", None, 12_000_000, "paid"),
    ]
    assert frame.get_column("event_date").to_list() == [dt.date(2027, 5, 10)] * 5
    assert frame.get_column("claim_number").to_list() == ["K-1", None, None, "K-4", "K-5"]


@pytest.mark.parametrize(
    ("changes", "code", "reason"),
    [
        ({"nik": ["35730152"]}, "no_key", "Tanpa NIK 16 angka atau KPJ untuk mencari orangnya."),
        ({"program": [None]}, "program_missing", "Program klaim kosong."),
        ({"program": ["Asuransi"]}, "program_unknown", "Program klaim “Asuransi” tidak dikenal; tulis mis."),
        ({"event_date": [None]}, "date_missing", "Tanggal kejadian kosong."),
        ({"event_date": ["kemarin"]}, "date_invalid", "Tanggal kejadian “kemarin” tidak dikenali;"),
        ({"event_date": ["01-01-2028"]}, "date_future", "Tanggal kejadian 01-01-2028 di masa depan."),
        ({"amount": [None]}, "amount_missing", "Nominal klaim kosong."),
        ({"amount": ["-42.000.000"]}, "amount_negative", "Nominal klaim “-42.000.000” negatif."),
        ({"amount": ["42000000,50"]}, "amount_fraction", "Nominal klaim “42000000,50” bukan rupiah bulat"),
        ({"amount": ["banyak"]}, "amount_invalid", "Nominal klaim “banyak” tidak terbaca;"),
        ({"status": ["entah"]}, "status_unknown", "Status klaim “entah” tidak dikenal;"),
    ],
)
def test_a_row_that_cannot_be_recorded_says_why(changes, code, reason):
    frame = normalise_claims(rows(**changes), on=ON)
    stored_code, stored = frame.select("reason_code", "reason").row(0)
    assert stored_code == code and stored.startswith(reason)
    english = claim_reason_text(code, stored, "en")
    assert english and english != stored and claim_reason_label(code, "en") != code


def test_a_rejected_or_submitted_claim_may_have_no_amount_but_a_paid_one_may_not():
    frame = normalise_claims(rows(amount=[None, None, None], status=["ditolak", "diajukan", "dibayar"]), on=ON)
    assert frame.select("amount", "reason_code").rows() == [(0, None), (0, None), (0, "amount_missing")]


def test_a_claim_number_twice_in_one_file_is_refused_after_its_first_row():
    frame = normalise_claims(rows(claim_number=["K-1", "K-2", "K-1"]), on=ON)
    assert frame.get_column("reason_code").to_list() == [None, None, "number_twice"]


def test_several_reasons_are_joined_and_the_first_names_the_row():
    frame = normalise_claims(rows(program=["Asuransi"], amount=["-1"]), on=ON)
    code, reason = frame.select("reason_code", "reason").row(0)
    assert code == "program_unknown" and "negatif" in reason
    assert claim_reason_text(code, reason, "en").startswith("Program not recognised (")


def test_the_app_refuses_what_the_database_knows_only_for_rows_still_recordable():
    frame = normalise_claims(rows(program=["JKM", "Asuransi"]), on=ON).with_columns(person_id=pl.Series([1, 2]))
    refused = with_refusal(frame, pl.col("person_id") > 0, NEVER_ENROLLED)
    assert refused.get_column("reason_code").to_list() == ["never_enrolled", "program_unknown"]


@pytest.mark.parametrize(
    ("text", "program", "cause"),
    [
        ("JKK - Meninggal Dunia", "jkk", "work_accident_death"),
        ("JKK Cacat Total Tetap", "jkk", "total_disability"),
        ("JKK STMB", "jkk", "temporary_inability"),
        ("JKK Perawatan", "jkk", None),
        ("Beasiswa SD (JKM)", "beasiswa", "non_work_death"),
        ("Beasiswa SMA - Kecelakaan Kerja", "beasiswa", "work_accident_death"),
        ("Beasiswa SMP", "beasiswa", None),
        ("JKM", "jkm", None),
    ],
)
def test_the_cause_is_read_from_the_programs_text(text, program, cause):
    assert claim_cause_of(text, program) == cause
