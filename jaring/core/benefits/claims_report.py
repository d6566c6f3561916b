"""BPJS's claim report: read its rows, say which can be recorded and why the others cannot.

A branch reports the claims it received and paid for the region's workers: NIK, KPJ, NAMA,
PROGRAM / JENIS KLAIM ("JKM", "Beasiswa SD", "JKK - Meninggal Dunia"), TANGGAL KEJADIAN / TGL
MENINGGAL, NOMINAL / JUMLAH DIBAYAR, STATUS and NO KLAIM. `CLAIM_REPORT` names those columns for
`core.intake.list_read`; `normalise_claims` types each row (amounts as whole rupiah, read as
bills are: `core.billing.amount_expr`) and refuses, with a reason in Indonesian that
`reason_text` gives in English too, a row that names no program Jaring knows, no NIK or KPJ, a
negative or fractional amount, or a missing, unreadable or future date. What only the database
knows — whether the person exists, was ever a member, was born by then — the app refuses with
`with_refusal` and the templates here, so every reason reads the same.

A report states what was paid, so a row without a status is taken as paid; a status Jaring does not
know is refused, never guessed. Pure Polars: the programs' texts are read once per distinct text.
"""

import datetime as dt
import re

import polars as pl

from jaring.core.benefits.beasiswa import NON_WORK_DEATH, TOTAL_DISABILITY, WORK_ACCIDENT_DEATH
from jaring.core.benefits.claims import claim_program_of
from jaring.core.benefits.expected import TEMPORARY_INABILITY
from jaring.core.billing.invoices import AMOUNT_FRACTION, AMOUNT_NEGATIVE, amount_expr, amount_problem_expr
from jaring.core.frames import digits_only, format_str
from jaring.core.intake.headers import SYNONYMS, Vocabulary
from jaring.core.intake.messages import Label, Template, is_english
from jaring.core.intake.records import parse_date_expr

SUBMITTED, PAID, REJECTED = "submitted", "paid", "rejected"
CLAIM_STATUSES = (SUBMITTED, PAID, REJECTED)

CLAIM_REPORT = Vocabulary(
    {
        "nik": SYNONYMS["nik"],
        "kpj": ("kpj", "nokpj", "nomorkpj", "nopeserta", "nomorpeserta", "nokartu"),
        "name": (*SYNONYMS["name"], "namatk", "namaalmarhum", "namaalmarhumah"),
        "program": (
            "program",
            "jenisklaim",
            "programklaim",
            "jenisprogram",
            "klaim",
            "jenismanfaat",
            "manfaat",
            "jenisjaminan",
            "jaminan",
            "programjaminan",
        ),
        "level": ("jenjang", "jenjangpendidikan", "tingkatpendidikan", "jenjangsekolah"),
        "event_date": (
            "tanggalkejadian",
            "tglkejadian",
            "tanggalmeninggal",
            "tglmeninggal",
            "tanggalmeninggaldunia",
            "tglmeninggaldunia",
            "tanggalkematian",
            "tglkematian",
            "tanggalwafat",
            "tglwafat",
            "tanggalkecelakaan",
            "tglkecelakaan",
            "tanggalperistiwa",
            "tglperistiwa",
        ),
        "amount": (
            "nominal",
            "jumlahdibayar",
            "nominalklaim",
            "nominaldibayar",
            "nilaiklaim",
            "jumlahklaim",
            "jumlahbayar",
            "jumlahmanfaat",
            "nominalmanfaat",
            "besarmanfaat",
            "manfaatdibayar",
            "dibayar",
            "jumlah",
            "nilai",
        ),
        "status": ("status", "statusklaim", "statuspembayaran", "statusbayar"),
        "claim_number": (
            "noklaim",
            "nomorklaim",
            "noreferensi",
            "nomorreferensi",
            "nopengajuan",
            "nomorpengajuan",
            "idklaim",
            "kodeklaim",
        ),
        # Known so that they are never taken for the worker's name or the day of the event; not read.
        "heir_name": ("namaahliwaris", "ahliwaris", "namapenerima", "penerima", "penerimamanfaat"),
        "birth_date": tuple(key for key in SYNONYMS["birth_date"] if key != "tanggal"),
        "paid_date": (
            "tanggalbayar",
            "tglbayar",
            "tanggaldibayar",
            "tgldibayar",
            "tanggalpembayaran",
            "tglpembayaran",
            "tanggalcair",
            "tglcair",
            "tanggalpengajuan",
            "tglpengajuan",
        ),
        "row_number": SYNONYMS["row_number"],
    }
)

# Status texts by Jaring's status, as whole words of the folded text (lower case, letters only).
_STATUS_WORDS: dict[str, tuple[str, ...]] = {
    PAID: ("dibayar", "sudahdibayar", "terbayar", "telahdibayar", "lunas", "selesai", "paid", "bayar", "cair",
           "sudahcair", "dicairkan", "ditransfer"),
    REJECTED: ("ditolak", "tolak", "rejected", "batal", "dibatalkan", "gagal", "tidaklayak"),
    SUBMITTED: ("diajukan", "pengajuan", "proses", "diproses", "dalamproses", "sedangdiproses", "verifikasi",
                "menunggu", "pending", "submitted", "baru", "diterima"),
}  # fmt: skip
STATUS_OF = {word: status for status, words in _STATUS_WORDS.items() for word in words}

# Why a row cannot be recorded: a code and the Indonesian text stored beside it (with the row's own
# values), which `reason_text` gives in English too.
NO_KEY = Template(
    "no_key", "Tanpa NIK 16 angka atau KPJ untuk mencari orangnya.", "No 16-digit NIK or KPJ to find the person by."
)
PROGRAM_MISSING = Template("program_missing", "Program klaim kosong.", "The claim's program is empty.")
PROGRAM_UNKNOWN = Template(
    "program_unknown",
    "Program klaim “{}” tidak dikenal; tulis mis. JKM, JKK atau Beasiswa SD.",
    "Claim program “{}” not recognised; write e.g. JKM, JKK or Beasiswa SD.",
)
DATE_MISSING = Template("date_missing", "Tanggal kejadian kosong.", "The date of the event is empty.")
DATE_INVALID = Template(
    "date_invalid",
    "Tanggal kejadian “{}” tidak dikenali; tulis sebagai hari-bulan-tahun, mis. 17-08-2027.",
    "Date of the event “{}” not recognised; write it as day-month-year, e.g. 17-08-2027.",
)
DATE_FUTURE = Template(
    "date_future", "Tanggal kejadian {} di masa depan.", "The date of the event {} is in the future."
)
AMOUNT_MISSING = Template("amount_missing", "Nominal klaim kosong.", "The claim's amount is empty.")
AMOUNT_NEGATIVE_ROW = Template("amount_negative", "Nominal klaim “{}” negatif.", "The claim's amount “{}” is negative.")
AMOUNT_FRACTION_ROW = Template(
    "amount_fraction",
    "Nominal klaim “{}” bukan rupiah bulat (ada sen).",
    "The claim's amount “{}” is not whole rupiah (it has cents).",
)
AMOUNT_INVALID_ROW = Template(
    "amount_invalid",
    "Nominal klaim “{}” tidak terbaca; tulis mis. 42000000 atau 42.000.000.",
    "The claim's amount “{}” cannot be read; write e.g. 42000000 or 42.000.000.",
)
STATUS_UNKNOWN = Template(
    "status_unknown",
    "Status klaim “{}” tidak dikenal; tulis Dibayar, Diajukan atau Ditolak.",
    "Claim status “{}” not recognised; write Dibayar (paid), Diajukan (submitted) or Ditolak (rejected).",
)
NUMBER_TWICE = Template(
    "number_twice",
    "Nomor klaim {} sudah ada di baris sebelumnya berkas ini.",
    "Claim number {} is already on an earlier row of this file.",
)
# Refused by the app, from what the database knows.
PERSON_UNKNOWN = Template(
    "person_unknown",
    "Belum ada orang di wilayah ini dengan NIK atau KPJ ini.",
    "No person of this region has this NIK or KPJ yet.",
)
NEVER_ENROLLED = Template(
    "never_enrolled",
    "Orang ini tidak pernah menjadi peserta program mana pun: klaimnya tidak dicatat.",
    "This person was never a member through any program: the claim is not recorded.",
)
BEFORE_BIRTH = Template(
    "before_birth",
    "Tanggal kejadian {} sebelum tanggal lahir ({}).",
    "The date of the event {} is before the birth date ({}).",
)
NUMBER_OTHER_PERSON = Template(
    "number_other_person",
    "Nomor klaim {} sudah tercatat untuk orang lain.",
    "Claim number {} is already recorded for someone else.",
)
REASONS = (
    NO_KEY,
    PROGRAM_MISSING,
    PROGRAM_UNKNOWN,
    DATE_MISSING,
    DATE_INVALID,
    DATE_FUTURE,
    AMOUNT_MISSING,
    AMOUNT_NEGATIVE_ROW,
    AMOUNT_FRACTION_ROW,
    AMOUNT_INVALID_ROW,
    STATUS_UNKNOWN,
    NUMBER_TWICE,
    PERSON_UNKNOWN,
    NEVER_ENROLLED,
    BEFORE_BIRTH,
    NUMBER_OTHER_PERSON,
)
REASON_LABELS = {
    NO_KEY.code: Label("Tanpa NIK atau KPJ", "No NIK or KPJ"),
    PROGRAM_MISSING.code: Label("Program kosong", "Program empty"),
    PROGRAM_UNKNOWN.code: Label("Program tidak dikenal", "Program not recognised"),
    DATE_MISSING.code: Label("Tanggal kejadian kosong", "Date of the event empty"),
    DATE_INVALID.code: Label("Tanggal kejadian tidak dikenali", "Date of the event not recognised"),
    DATE_FUTURE.code: Label("Tanggal kejadian di masa depan", "Date of the event in the future"),
    AMOUNT_MISSING.code: Label("Nominal kosong", "Amount empty"),
    AMOUNT_NEGATIVE_ROW.code: Label("Nominal negatif", "Negative amount"),
    AMOUNT_FRACTION_ROW.code: Label("Nominal bukan rupiah bulat", "Amount with cents"),
    AMOUNT_INVALID_ROW.code: Label("Nominal tidak terbaca", "Amount cannot be read"),
    STATUS_UNKNOWN.code: Label("Status tidak dikenal", "Status not recognised"),
    NUMBER_TWICE.code: Label("Nomor klaim ganda dalam berkas", "Claim number twice in the file"),
    PERSON_UNKNOWN.code: Label("Orang tidak ditemukan", "Person not found"),
    NEVER_ENROLLED.code: Label("Tidak pernah menjadi peserta", "Never a member"),
    BEFORE_BIRTH.code: Label("Tanggal kejadian sebelum lahir", "Date of the event before birth"),
    NUMBER_OTHER_PERSON.code: Label("Nomor klaim milik orang lain", "Claim number of someone else"),
}

CLAIM_ROWS_SCHEMA = pl.Schema(
    {
        "sheet": pl.String,
        "row": pl.Int64,
        "nik_text": pl.String,  # as written
        "nik": pl.String,  # 16 digits, else null
        "kpj": pl.String,
        "name": pl.String,
        "program_text": pl.String,
        "program": pl.String,  # CLAIM_PROGRAMS
        "level": pl.String,  # SCHOLARSHIP_LEVELS, or null
        "cause": pl.String,  # expected.CLAIM_CAUSES read from the program's text, or null
        "event_date": pl.Date,
        "amount": pl.Int64,
        "status": pl.String,  # CLAIM_STATUSES
        "claim_number": pl.String,
        "reason_code": pl.String,  # null: the row can be recorded
        "reason": pl.String,
    }
)
_PROGRAMS_SCHEMA = {
    "program_text": pl.String,
    "_program": pl.String,
    "_text_level": pl.String,
    "_cause": pl.String,
}


def reason_label(code: str, language: str | None) -> str:
    label = REASON_LABELS.get(code)
    if label is None:
        return code
    return label.en if is_english(language) else label.id


def reason_text(code: str, reason: str, language: str | None) -> str:
    """A stored reason as the reader reads it: Indonesian as stored, or its English form."""
    if not reason or not is_english(language):
        return reason
    for template in REASONS:
        values = template.values_of(reason)
        if template.code == code and values is not None:
            return template.format_en(*values)
    # Several reasons in one text: the first one's name, and the words as stored.
    return f"{reason_label(code, language)} ({reason})"


def claim_cause_of(text: str, program: str | None) -> str | None:
    """The cause a claim's program text names ("JKK - Meninggal Dunia" → work_accident_death), or None.

    A JKK death is a work-accident death; a scholarship's cause is read only when the text says which
    death it follows (JKK or a work accident, JKM or not a work accident) or a total disability.
    """
    words = f" {' '.join(re.findall(r'[a-z0-9]+', text.lower()))} "
    disabled = any(f" {p} " in words for p in ("cacat total", "cacat total tetap", "cacat tetap total", "ctt"))
    died = any(f" {p} " in words for p in ("meninggal", "kematian", "wafat", "md"))
    if program == "jkk":
        if disabled:
            return TOTAL_DISABILITY
        if any(f" {p} " in words for p in ("stmb", "tidak mampu bekerja", "sementara tidak mampu")):
            return TEMPORARY_INABILITY
        return WORK_ACCIDENT_DEATH if died else None
    if program == "beasiswa":
        if disabled:
            return TOTAL_DISABILITY
        if any(f" {p} " in words for p in ("bukan kecelakaan", "jkm")):
            return NON_WORK_DEATH
        if any(f" {p} " in words for p in ("kecelakaan kerja", "jkk")):
            return WORK_ACCIDENT_DEATH
    return None


def _dmy(column: pl.Expr) -> pl.Expr:
    return column.dt.strftime("%d-%m-%Y")


def _text(template: Template, *values: pl.Expr) -> pl.Expr:
    """The Indonesian text of `template` with each row's values."""
    return format_str(template.id, *values) if values else pl.lit(template.id)


def _programs(texts: pl.Series) -> pl.DataFrame:
    """Program, level and cause of each distinct program text (`claim_program_of`, `claim_cause_of`)."""
    rows = []
    for text in texts.drop_nulls().unique().to_list():
        program, level = claim_program_of(text)
        rows.append({"program_text": text, "_program": program, "_text_level": level,
                     "_cause": claim_cause_of(text, program)})  # fmt: skip
    return pl.DataFrame(rows, schema=_PROGRAMS_SCHEMA)


def _levels(texts: pl.Series) -> pl.DataFrame:
    """The school level each distinct JENJANG text names ("SD", "Perguruan Tinggi"), or null."""
    rows = [{"level_text": text, "_column_level": claim_program_of(f"beasiswa {text}")[1]}
            for text in texts.drop_nulls().unique().to_list()]  # fmt: skip
    return pl.DataFrame(rows, schema={"level_text": pl.String, "_column_level": pl.String})


def normalise_claims(rows: pl.DataFrame, *, on: dt.date) -> pl.DataFrame:
    """Typed claim-report rows (CLAIM_ROWS_SCHEMA), those that cannot be recorded with their reasons.

    `rows` is what `list_read` gives with CLAIM_REPORT (sheet, row and the fields found); `on` is today:
    an event after it is refused.
    """
    for name in ("sheet", "nik", "kpj", "name", "program", "level", "event_date", "amount", "status", "claim_number"):
        if name not in rows.columns:
            rows = rows.with_columns(pl.lit(None, dtype=pl.String).alias(name))
    texts = ("nik", "kpj", "name", "program", "level", "event_date", "amount", "status", "claim_number")
    frame = rows.with_columns(
        pl.col(name).cast(pl.String).str.strip_chars().replace("", None) for name in texts
    ).rename({"program": "program_text", "level": "level_text", "amount": "amount_text", "status": "status_text"})
    nik = digits_only(pl.col("nik").str.strip_chars("'`’ "))
    kpj = digits_only(pl.col("kpj").str.strip_chars("'`’ "))
    status_key = pl.col("status_text").str.to_lowercase().str.replace_all(r"[^a-z]+", "")
    frame = (
        frame.join(_programs(frame.get_column("program_text")), on="program_text", how="left", maintain_order="left")
        .join(_levels(frame.get_column("level_text")), on="level_text", how="left", maintain_order="left")
        .with_columns(
            _nik=pl.when(nik.str.len_chars() == 16).then(nik),
            _kpj=pl.when(kpj.str.len_chars().is_between(8, 13)).then(kpj),
            _date=parse_date_expr(pl.col("event_date"), on),
            _amount=amount_expr(pl.col("amount_text")),
            _amount_problem=amount_problem_expr(pl.col("amount_text")),
            _status=pl.when(pl.col("status_text").is_null())
            .then(pl.lit(PAID))
            .otherwise(status_key.replace_strict(STATUS_OF, default=None)),
        )
    )
    first_number = pl.col("claim_number").is_null() | pl.col("claim_number").is_first_distinct()
    date_text, amount_text = pl.col("event_date"), pl.col("amount_text")
    checks = [
        (NO_KEY, pl.col("_nik").is_null() & pl.col("_kpj").is_null(), ()),
        (PROGRAM_MISSING, pl.col("program_text").is_null(), ()),
        (
            PROGRAM_UNKNOWN,
            pl.col("program_text").is_not_null() & pl.col("_program").is_null(),
            (pl.col("program_text"),),
        ),
        (DATE_MISSING, date_text.is_null(), ()),
        (DATE_INVALID, date_text.is_not_null() & pl.col("_date").is_null(), (date_text,)),
        (DATE_FUTURE, pl.col("_date") > pl.lit(on), (_dmy(pl.col("_date")),)),
        (AMOUNT_MISSING, amount_text.is_null() & (pl.col("_status") == PAID), ()),
        (AMOUNT_NEGATIVE_ROW, pl.col("_amount_problem") == AMOUNT_NEGATIVE, (amount_text,)),
        (AMOUNT_FRACTION_ROW, pl.col("_amount_problem") == AMOUNT_FRACTION, (amount_text,)),
        (
            AMOUNT_INVALID_ROW,
            pl.col("_amount_problem").is_not_null()
            & ~pl.col("_amount_problem").is_in([AMOUNT_NEGATIVE, AMOUNT_FRACTION]),
            (amount_text,),
        ),
        (STATUS_UNKNOWN, pl.col("status_text").is_not_null() & pl.col("_status").is_null(), (pl.col("status_text"),)),
        (NUMBER_TWICE, ~first_number, (pl.col("claim_number"),)),
    ]  # fmt: skip
    failed = [
        pl.when(condition.fill_null(False)).then(_text(template, *values)) for template, condition, values in checks
    ]
    codes = [pl.when(condition.fill_null(False)).then(pl.lit(template.code)) for template, condition, _ in checks]
    frame = frame.with_columns(
        reason=pl.concat_str(failed, separator=" ", ignore_nulls=True).replace("", None),
        reason_code=pl.coalesce(codes),
    )
    return frame.select(
        pl.col("sheet").cast(pl.String),
        pl.col("row").cast(pl.Int64),
        nik_text=pl.col("nik"),
        nik=pl.col("_nik"),
        kpj=pl.col("_kpj"),
        name=pl.col("name").str.replace_all(r"\s+", " ").str.to_uppercase(),
        program_text=pl.col("program_text"),
        program=pl.col("_program"),
        level=pl.when(pl.col("_program") == "beasiswa").then(pl.coalesce("_text_level", "_column_level")),
        cause=pl.col("_cause"),
        event_date=pl.col("_date"),
        amount=pl.when(amount_text.is_null()).then(pl.lit(0, dtype=pl.Int64)).otherwise(pl.col("_amount")),
        status=pl.col("_status"),
        claim_number=pl.col("claim_number"),
        reason_code=pl.col("reason_code"),
        reason=pl.col("reason"),
    ).cast(CLAIM_ROWS_SCHEMA)


def with_refusal(rows: pl.DataFrame, condition: pl.Expr, template: Template, *values: pl.Expr) -> pl.DataFrame:
    """`rows` (CLAIM_ROWS_SCHEMA and more) with the rows still recordable where `condition` holds refused
    by `template` (filled with each row's `values`): what the app refuses from what the database knows."""
    refuse = pl.col("reason_code").is_null() & condition.fill_null(False)
    return rows.with_columns(
        reason_code=pl.when(refuse).then(pl.lit(template.code)).otherwise(pl.col("reason_code")),
        reason=pl.when(refuse).then(_text(template, *values)).otherwise(pl.col("reason")),
    )
