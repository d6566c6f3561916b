import datetime as dt

import polars as pl

from jaring.core.dukcapil import FOUND, NOT_FOUND, OTHER_NAME, latest_answers, normalise_verifications, result_of

TODAY = dt.date(2026, 12, 3)


def test_dukcapil_s_words_are_read_as_found_someone_else_s_or_unknown():
    words = {
        "SESUAI": FOUND,
        "Data Ditemukan": FOUND,
        "padan": FOUND,
        "NIK TERDAFTAR": FOUND,
        "Nama tidak sesuai": OTHER_NAME,
        "TIDAK SESUAI": OTHER_NAME,
        "tidak padan": OTHER_NAME,
        "NIK tidak ditemukan": NOT_FOUND,
        "Tidak Terdaftar": NOT_FOUND,
        "NIK TIDAK VALID": NOT_FOUND,
        "mungkin": None,
    }
    frame = pl.DataFrame({"text": list(words)}).select(result=result_of(pl.col("text")))
    assert frame.get_column("result").to_list() == list(words.values())


def test_rows_that_cannot_be_used_say_why_and_the_last_answer_of_a_nik_counts():
    rows = pl.DataFrame(
        {
            "sheet": ["Hasil"] * 6,
            "row": [2, 3, 4, 5, 6, 7],
            "nik": [
                "3573015708820428",
                "",
                "3573015708820",
                "3.57301570882043E+15",
                "3573015708820431",
                "3573015708820428",
            ],
            "name": ["aminah", "budi", "sri", "joko", "wati", "Aminah"],
            "result": ["TIDAK DITEMUKAN", "SESUAI", "SESUAI", "SESUAI", "barangkali", "SESUAI"],
        }
    )
    # A NIK Excel kept as a number (…0430 from 3.57301570882043E+15) is refused, not guessed.
    frame = normalise_verifications(rows, on=TODAY)
    codes = frame.get_column("reason_code").to_list()
    assert codes == [None, "nik_missing", "nik_invalid", "nik_excel", "result_unknown", None]
    assert "barangkali" in frame.get_column("reason").to_list()[4]
    assert frame.get_column("reason").to_list()[3].startswith("NIK tersimpan sebagai angka")
    answers = latest_answers(frame)
    assert answers.select("nik", "result", "row").rows() == [("3573015708820428", FOUND, 7)]
