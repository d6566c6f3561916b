"""The enrolment round trip with BPJS: the bulk-registration file of a batch, and BPJS's response to it.

Branches differ in the columns they want, so the file is built from a profile: a list of
(header, field) pairs over BATCH_FIELDS. The response is read all or nothing: a file with one row
that cannot be applied (a NIK that is not in the batch, a KPJ that is not 11 digits, an unknown
status) changes nothing and names every such row.
"""

import re
from dataclasses import dataclass

import polars as pl

from jaring.core.frames import digits_only
from jaring.core.intake.headers import Vocabulary
from jaring.core.intake.nik import mask_nik

# The fields a batch file can carry, from the enrolment's frozen copy of the person and the program.
BATCH_FIELDS = (
    "nik",
    "name",
    "birth_place",
    "birth_date",
    "sex",
    "address",
    "kelurahan",
    "kecamatan",
    "occupation",
    "phone",
    "program_code",
    "start_month",
    "months",
    "wadah_code",
    "fund",
)
# The columns BPJS branches usually ask for, in their order; a region's profile may change them.
DEFAULT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("NIK", "nik"),
    ("NAMA LENGKAP", "name"),
    ("TEMPAT LAHIR", "birth_place"),
    ("TANGGAL LAHIR", "birth_date"),
    ("JENIS KELAMIN", "sex"),
    ("ALAMAT", "address"),
    ("KELURAHAN", "kelurahan"),
    ("PEKERJAAN", "occupation"),
    ("NO HP", "phone"),
    ("PROGRAM", "program_code"),
    ("BULAN MULAI", "start_month"),
    ("KODE WADAH", "wadah_code"),
)
# Wadah (the body that pays) by fund: SG regional government, SD/SA villages, SC companies' CSR.
WADAH_BY_FUND = {
    "apbd": "SG",
    "dbhcht": "SG",
    "provinsi": "SG",
    "apbn": "SG",
    "dana_desa": "SD",
    "csr": "SC",
    "mandiri": "BPU",
}
PROGRAM_CODES = {"jkk_jkm": "JKK-JKM", "jkk_jkm_jht": "JKK-JKM-JHT"}
KPJ_LENGTH = 11


def check_columns(columns: list[tuple[str, str]]) -> list[str]:
    """What is wrong with a profile's columns, in Indonesian (empty: nothing)."""
    problems = []
    if not columns:
        problems.append("profil harus punya paling sedikit satu kolom")
    headers = [header.strip() for header, _field in columns]
    for header, field in columns:
        if not header.strip():
            problems.append(f"kolom untuk {field} tidak punya judul")
        if field not in BATCH_FIELDS:
            problems.append(f"isian '{field}' tidak dikenal; yang ada: {', '.join(BATCH_FIELDS)}")
    repeated = sorted({header for header in headers if header and headers.count(header) > 1})
    if repeated:
        problems.append(f"judul kolom dipakai dua kali: {', '.join(repeated)}")
    if "nik" not in [field for _header, field in columns]:
        problems.append("profil harus memuat NIK: BPJS mencocokkan jawabannya dengan NIK")
    return problems


def batch_file_frame(enrolments: pl.DataFrame, columns: list[tuple[str, str]]) -> pl.DataFrame:
    """The batch file: one row per enrolment, the profile's columns in its order, every cell text.

    `enrolments` has the BATCH_FIELDS (dates as dates, months as a number); text keeps leading zeros.
    """
    values = enrolments.with_columns(
        birth_date=pl.col("birth_date").dt.strftime("%d-%m-%Y"),
        start_month=pl.col("start_month").dt.strftime("%m-%Y"),
        months=pl.col("months").cast(pl.String),
    )
    return values.select([pl.col(field).cast(pl.String).fill_null("").alias(header) for header, field in columns])


# BPJS's response: NIK, KPJ, status and a reason, under the names branches use.
RESPONSE = Vocabulary(
    {
        "nik": ("nik", "noktp", "nomorktp", "nomorindukkependudukan", "nonik", "ktp"),
        "kpj": ("kpj", "nokpj", "nomorkpj", "nopeserta", "nomorpeserta", "nokartu", "nomorkartu"),
        "outcome": ("status", "hasil", "statuspendaftaran", "statusproses", "keputusan", "result"),
        "reason": ("keterangan", "alasan", "catatan", "alasanpenolakan", "ket", "reason"),
        "name": ("nama", "namalengkap", "namapeserta", "namatk"),
    }
)
ACCEPTED, REJECTED = "accepted", "rejected"
ALREADY_REGISTERED = "sudah terdaftar"
_REJECTED = re.compile(r"tolak|gagal|reject|tidak valid|invalid|error|salah")
_ALREADY = re.compile(r"sudah\s*terdaftar|already|terdaftar sebelumnya|double|ganda")
_ACCEPTED = re.compile(r"terima|berhasil|sukses|success|accept|aktif|active|^ok$|valid|diproses|terdaftar")


# The reasons BPJS's branches write when they reject a person, in English; Jaring's own word for a
# rejection without a reason among them. Each pattern is matched at the start of the reason, whatever
# its case and spacing; the more specific patterns come first.
REJECTION_REASONS_EN: tuple[tuple[str, str], ...] = (
    (
        r"(peserta )?(sudah|telah) terdaftar (di|pada) wadah lain",
        "already registered under another paying body (wadah)",
    ),
    (r"nik (sudah|telah) terdaftar", "NIK already registered"),
    (r"(peserta )?(sudah|telah) terdaftar( sebelumnya)?", "already registered"),
    (r"(data )?(ganda|double)", "duplicate data"),
    (r"nik tidak (padan|sesuai|cocok)( dengan)?( data)? dukcapil", "NIK does not match Dukcapil's records"),
    (r"nik tidak (padan|sesuai|cocok)", "NIK does not match"),
    (r"nik tidak valid", "invalid NIK"),
    (r"nik tidak ditemukan", "NIK not found"),
    (r"data tidak valid", "invalid data"),
    (r"data tidak lengkap", "incomplete data"),
    (r"usia melebihi batas( maksimal| maksimum)?", "age over the limit"),
    (r"usia (kurang dari|di bawah) batas( minimal| minimum)?", "age under the limit"),
    (r"(peserta )?(sudah |telah )?meninggal( dunia)?", "deceased"),
    (r"ditolak tanpa keterangan", "rejected without a reason"),
)
# A known reason ends where a word does: "meninggal" is not "meninggalkan".
_REJECTION_REASONS_EN = [
    (re.compile(rf"{pattern}(?![a-z])", re.IGNORECASE), english) for pattern, english in REJECTION_REASONS_EN
]


def rejection_reason_text(reason: str, language: str = "id") -> str:
    """BPJS's reason for a rejection as the reader reads it: as written in Indonesian, and in English when
    it is one BPJS's branches are known to write ("NIK tidak valid" is "invalid NIK"); whatever follows
    the known words (a detail, a number) is kept as written, and a reason not known is shown as written."""
    if not language.lower().startswith("en"):
        return reason
    written = " ".join(reason.split())
    for pattern, english in _REJECTION_REASONS_EN:
        if matched := pattern.match(written):
            text = english + written[matched.end() :]
            return text[0].upper() + text[1:] if written[:1].isupper() else text
    return reason


@dataclass(frozen=True)
class Response:
    """The rows that can be applied (nik, kpj, outcome, reason) and, when any row cannot, why (row, message)."""

    rows: pl.DataFrame
    problems: list[tuple[int, str]]


def read_response(rows: pl.DataFrame, batch_niks: set[str]) -> Response:
    """BPJS's answer per NIK of the batch: accepted with an 11-digit KPJ, or rejected with a reason.

    "Sudah terdaftar" is a rejection with that reason (the person is registered elsewhere, so the
    program's money is free for the next on the waiting list).
    """
    for name in ("nik", "kpj", "outcome", "reason", "row"):
        if name not in rows.columns:
            rows = rows.with_columns(pl.lit(None, dtype=pl.String if name != "row" else pl.Int64).alias(name))
    digits = digits_only(pl.col("nik").cast(pl.String))
    kpj = pl.col("kpj").cast(pl.String).str.replace(r"\.0+$", "").str.replace_all(r"[\s.\-']", "")
    text = pl.col("outcome").cast(pl.String).fill_null("").str.to_lowercase().str.strip_chars()
    reason = pl.col("reason").cast(pl.String).str.strip_chars().replace("", None)
    outcome = (
        pl.when(text.str.contains(_ALREADY.pattern) | reason.str.to_lowercase().str.contains(_ALREADY.pattern))
        .then(pl.lit("already"))
        .when(text.str.contains(_REJECTED.pattern))
        .then(pl.lit(REJECTED))
        .when(text.str.contains(_ACCEPTED.pattern))
        .then(pl.lit(ACCEPTED))
        .when((text == "") & kpj.is_not_null() & (kpj != ""))
        .then(pl.lit(ACCEPTED))
        .otherwise(None)
    )
    frame = rows.select(
        row=pl.col("row").cast(pl.Int64),
        nik=digits,
        kpj=kpj.replace("", None),
        outcome=outcome,
        outcome_text=pl.col("outcome").cast(pl.String),
        reason=reason,
    )
    problems: list[tuple[int, str]] = []
    seen: set[str] = set()
    for row in frame.iter_rows(named=True):
        number, nik = row["row"], row["nik"] or ""
        if not nik:
            problems.append((number, "NIK kosong"))
            continue
        if nik not in batch_niks:
            problems.append((number, f"NIK {mask_nik(nik)} tidak ada dalam batch ini"))
        if nik in seen:
            problems.append((number, "NIK yang sama sudah ada di baris lain berkas ini"))
        seen.add(nik)
        if row["outcome"] is None:
            written = row["outcome_text"] or ""
            problems.append(
                (number, f"status '{written}' tidak dikenali (tulis diterima, ditolak atau sudah terdaftar)")
            )
        elif row["outcome"] == ACCEPTED and not re.fullmatch(r"\d{11}", row["kpj"] or ""):
            problems.append((number, f"KPJ '{row['kpj'] or ''}' harus {KPJ_LENGTH} angka"))
    if frame.is_empty():
        problems.append((0, "berkas jawaban tidak berisi satu baris pun"))
    applied = frame.select(
        "nik",
        kpj=pl.when(pl.col("outcome") == ACCEPTED).then("kpj"),
        outcome=pl.when(pl.col("outcome") == "already").then(pl.lit(REJECTED)).otherwise("outcome"),
        reason=pl.when(pl.col("outcome") == "already")
        .then(pl.coalesce("reason", pl.lit(ALREADY_REGISTERED)))
        .when(pl.col("outcome") == REJECTED)
        .then(pl.coalesce("reason", pl.lit("ditolak tanpa keterangan")))
        .otherwise(pl.lit("")),
    )
    return Response(rows=applied, problems=problems)


@dataclass(frozen=True)
class ResponseChanges:
    """What a response changes: the enrolments it changes as they become (id, status, kpj,
    rejection_reason), and how many it accepts, rejects and leaves as they were."""

    changed: pl.DataFrame
    accepted: int
    rejected: int
    unchanged: int


def response_changes(
    members: pl.DataFrame, answers: pl.DataFrame, *, accepted_status: str, rejected_status: str
) -> ResponseChanges:
    """The batch's enrolments (`members`: id, nik, status, kpj, rejection_reason) against BPJS's answer
    per NIK (`answers`: `read_response`'s rows). An accepted person's enrolment takes `accepted_status`
    and the KPJ, a rejected one's `rejected_status` and BPJS's reason; an enrolment the answer leaves
    as it is (the same status, KPJ and reason) is not changed, so the same answer twice changes nothing.
    """
    answered = members.join(answers.select("nik", new_kpj="kpj", outcome="outcome", new_reason="reason"), on="nik")
    answered = answered.with_columns(
        new_status=pl.when(pl.col("outcome") == ACCEPTED)
        .then(pl.lit(accepted_status))
        .otherwise(pl.lit(rejected_status)),
        new_kpj=pl.col("new_kpj").fill_null(""),
        new_reason=pl.col("new_reason").fill_null(""),
    )
    changed = answered.filter(
        (pl.col("new_status") != pl.col("status"))
        | (pl.col("kpj").fill_null("") != pl.col("new_kpj"))
        | (pl.col("rejection_reason").fill_null("") != pl.col("new_reason"))
    ).select("id", status="new_status", kpj="new_kpj", rejection_reason="new_reason")
    statuses = changed.get_column("status")
    return ResponseChanges(
        changed=changed,
        accepted=int((statuses == accepted_status).sum()),
        rejected=int((statuses == rejected_status).sum()),
        unchanged=answered.height - changed.height,
    )
