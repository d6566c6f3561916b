"""Dukcapil's answer on a list of NIKs: read it, say which rows can be used and what each NIK is.

A region with a data-sharing agreement (PKS) with Dukcapil sends it the NIKs it is about to pay for
and gets each one back verified: the NIK is the named person's (FOUND), it belongs to someone else
(OTHER_NAME) or Dukcapil knows no such NIK (NOT_FOUND). A one-digit slip in a NIK that only one list
gives cannot be seen in the lists; this answer is the only check of it before BPJS gets the NIK.
A FOUND NIK needs no other check; the other two keep the person out of enrolment batches.
Pure Polars.
"""

import datetime as dt

import polars as pl

from jaring.core.frames import format_str
from jaring.core.intake.headers import SYNONYMS, Vocabulary
from jaring.core.intake.messages import Template
from jaring.core.intake.nik import parse_nik_frame

FOUND, OTHER_NAME, NOT_FOUND = "found", "other_name", "not_found"
RESULTS = (FOUND, OTHER_NAME, NOT_FOUND)
# The person's nik_check code for each answer that keeps them waiting.
NIK_CHECK_OF = {OTHER_NAME: "dukcapil_name", NOT_FOUND: "dukcapil_missing"}

NIK_VERIFICATION = Vocabulary(
    {
        "nik": SYNONYMS["nik"],
        "name": SYNONYMS["name"],
        "result": (
            "hasil",
            "hasilverifikasi",
            "hasilverval",
            "hasilpadanan",
            "hasilpencocokan",
            "hasilcek",
            "verifikasi",
            "statusverifikasi",
            "padanan",
            "statuspadanan",
            "statusnik",
            "status",
            "keterangan",
            "ket",
            "result",
        ),
        "row_number": SYNONYMS["row_number"],
    }
)

# Dukcapil's words, folded to capitals and single spaces. "Not found" is tested first: "TIDAK
# DITEMUKAN" also contains "DITEMUKAN", and "NAMA TIDAK SESUAI" contains "SESUAI".
_NOT_FOUND = (
    r"TIDAK DITEMUKAN|TDK DITEMUKAN|TIDAK TERDAFTAR|TDK TERDAFTAR|TIDAK VALID|TIDAK ADA|TIDAK DIKENAL|NOT FOUND"
    r"|^INVALID$|^0$"
)
_OTHER_NAME = r"NAMA|TIDAK SESUAI|TDK SESUAI|TIDAK PADAN|TDK PADAN|TIDAK COCOK|BEDA|BERBEDA|MISMATCH"
_FOUND = r"SESUAI|DITEMUKAN|TERDAFTAR|VALID|PADAN|COCOK|^ADA$|^YA$|^OK$|^1$|FOUND|MATCH"

NO_NIK = Template("nik_missing", "NIK kosong.", "The NIK is empty.")
NIK_INVALID = Template("nik_invalid", "NIK tidak valid: {}", "Invalid NIK: {}")
NIK_EXCEL = Template(
    "nik_excel",
    "NIK tersimpan sebagai angka di Excel ({}); digit terakhirnya mungkin berubah. Simpan kolom NIK sebagai teks.",
    "The NIK was stored as an Excel number ({}); its last digit may have changed. Store the NIK column as text.",
)
RESULT_MISSING = Template("result_missing", "Hasil verifikasi kosong.", "The verification result is empty.")
RESULT_UNKNOWN = Template(
    "result_unknown",
    "Hasil verifikasi '{}' tidak dikenali; tulis SESUAI, NAMA TIDAK SESUAI atau TIDAK DITEMUKAN.",
    "Verification result '{}' not recognised; write SESUAI, NAMA TIDAK SESUAI or TIDAK DITEMUKAN.",
)
REASONS = (NO_NIK, NIK_INVALID, NIK_EXCEL, RESULT_MISSING, RESULT_UNKNOWN)

VERIFICATIONS_SCHEMA = pl.Schema(
    {
        "sheet": pl.String,
        "row": pl.Int64,
        "nik_text": pl.String,
        "nik": pl.String,  # the valid NIK, or null when the row is refused
        "name": pl.String,
        "result_text": pl.String,
        "result": pl.String,  # one of RESULTS, or null when the row is refused
        "reason_code": pl.String,
        "reason": pl.String,  # why the row is refused, in Indonesian
    }
)


def result_of(text: pl.Expr) -> pl.Expr:
    """FOUND, OTHER_NAME, NOT_FOUND or null for Dukcapil's words in `text`."""
    folded = text.str.to_uppercase().str.replace_all(r"[^A-Z0-9]+", " ").str.strip_chars()
    return (
        pl.when(folded.str.contains(_NOT_FOUND))
        .then(pl.lit(NOT_FOUND))
        .when(folded.str.contains(_OTHER_NAME))
        .then(pl.lit(OTHER_NAME))
        .when(folded.str.contains(_FOUND))
        .then(pl.lit(FOUND))
    )


def normalise_verifications(rows: pl.DataFrame, *, on: dt.date) -> pl.DataFrame:
    """Typed rows of Dukcapil's answer (VERIFICATIONS_SCHEMA); a row that cannot be used has a reason.

    `rows` is what `list_read` gives with NIK_VERIFICATION. A NIK Excel stored as a number may have lost
    its last digit, so its answer could be another NIK's: such rows are refused, not guessed.
    """
    for name in ("sheet", "nik", "name", "result"):
        if name not in rows.columns:
            rows = rows.with_columns(pl.lit(None, dtype=pl.String).alias(name))
    rows = rows.with_columns(
        **{name: pl.col(name).cast(pl.String).str.strip_chars().replace("", None) for name in ("nik", "name", "result")}
    )
    fields, issues = parse_nik_frame(rows.get_column("nik"), on=on)
    errors = (
        issues.filter(pl.col("severity") == "error")
        .group_by("value", maintain_order=True)
        .agg(_nik_error=pl.col("message").first())
    )
    damaged = issues.filter(pl.col("code") == "nik.excel_damage").select("value", _excel=pl.lit(True))
    niks = (
        fields.select("value", _nik=pl.col("nik"))
        .join(errors, on="value", how="left")
        .join(damaged.unique("value"), on="value", how="left")
    )
    frame = rows.join(niks, left_on="nik", right_on="value", how="left", nulls_equal=True, maintain_order="left")
    result = result_of(pl.col("result"))
    checks = [
        (NO_NIK, pl.col("nik").is_null(), ()),
        (NIK_INVALID, pl.col("nik").is_not_null() & pl.col("_nik_error").is_not_null(), (pl.col("_nik_error"),)),
        (NIK_EXCEL, pl.col("_excel").fill_null(False) & pl.col("_nik_error").is_null(), (pl.col("nik"),)),
        (RESULT_MISSING, pl.col("result").is_null(), ()),
        (RESULT_UNKNOWN, pl.col("result").is_not_null() & result.is_null(), (pl.col("result"),)),
    ]
    refused = pl.coalesce([pl.when(condition.fill_null(False)).then(pl.lit(t.code)) for t, condition, _ in checks])
    reason = pl.coalesce(
        [
            pl.when(condition.fill_null(False)).then(format_str(t.id, *values) if values else pl.lit(t.id))
            for t, condition, values in checks
        ]
    )
    frame = frame.with_columns(reason_code=refused, reason=reason)
    usable = pl.col("reason_code").is_null()
    return frame.select(
        pl.col("sheet"),
        pl.col("row").cast(pl.Int64),
        nik_text=pl.col("nik"),
        nik=pl.when(usable).then(pl.col("_nik")),
        name=pl.col("name").str.replace_all(r"\s+", " ").str.to_uppercase(),
        result_text=pl.col("result"),
        result=pl.when(usable).then(result),
        reason_code=pl.col("reason_code"),
        reason=pl.col("reason"),
    ).cast(VERIFICATIONS_SCHEMA)


def latest_answers(rows: pl.DataFrame) -> pl.DataFrame:
    """nik, result, name, sheet, row: one answer per NIK, the file's last (Dukcapil may answer a NIK twice)."""
    return (
        rows.filter(pl.col("result").is_not_null())
        .with_row_index("_order")
        .sort("_order", descending=True)
        .unique("nik", keep="first", maintain_order=True)
        .sort("_order")
        .select("nik", "result", "name", "sheet", "row")
    )
