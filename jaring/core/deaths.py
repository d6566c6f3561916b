"""Death lists (Dukcapil's, a kelurahan's): read their rows, say which can be used, match them to persons.

A death list names the dead by NIK, name and date of death. Each row gets one outcome: `refused`
(it cannot be used, and the reason says why in Indonesian), `unmatched` (no person of the region
holds the NIK, yet), `check` (the NIK is a person's but the name is clearly someone else's, or the
NIK is several persons'; a person looks before anyone is marked) or `matched` (the person died).
A person holds a NIK when it is their golden record's or one of their linked rows' NIK; names are
compared without titles and with spellings folded (`core.names`). Pure Polars and rapidfuzz.
"""

import datetime as dt

import polars as pl
from rapidfuzz import fuzz

from jaring.core.frames import format_str
from jaring.core.intake import messages
from jaring.core.intake.headers import SYNONYMS, Vocabulary
from jaring.core.intake.messages import Label, Template
from jaring.core.intake.nik import parse_nik_frame
from jaring.core.intake.records import parse_date_expr
from jaring.core.names import comparison_name, joined_name

MATCHED, UNMATCHED, CHECK, REFUSED = "matched", "unmatched", "check", "refused"
OUTCOMES = (MATCHED, UNMATCHED, CHECK, REFUSED)
# Below this similarity (0-100) the name on the death list is not the person's, whatever the NIK says.
NAME_MIN_SCORE = 60
# How a death was matched to its person.
BY_NIK, BY_RECORD_NIK = "nik", "record_nik"

DEATH_LIST = Vocabulary(
    {
        "nik": SYNONYMS["nik"],
        "name": (*SYNONYMS["name"], "namaalmarhum", "namaalmarhumah", "namajenazah", "namayangmeninggal"),
        "death_date": (
            "tanggalmeninggal",
            "tglmeninggal",
            "tanggalmeninggaldunia",
            "tglmeninggaldunia",
            "meninggal",
            "meninggaldunia",
            "tanggalkematian",
            "tglkematian",
            "kematian",
            "tanggalwafat",
            "tglwafat",
            "wafat",
            "tanggalmati",
            "tglmati",
            "tanggalkejadian",
            "tanggal",
            "tgl",
        ),
        # Known so that it is never taken for the date of death; not read.
        "birth_date": tuple(key for key in SYNONYMS["birth_date"] if key != "tanggal"),
        "note": (
            "keterangan",
            "ket",
            "catatan",
            "sebab",
            "sebabkematian",
            "sebabmeninggal",
            "penyebab",
            "penyebabkematian",
            "penyebabmeninggal",
        ),
        "row_number": SYNONYMS["row_number"],
    }
)

# Why a row was refused or not matched: a code, and the Indonesian text stored beside it (with the row's
# own values), which `reason_text` gives in English too.
NO_NIK_NO_NAME = Template("nik_name_missing", "Baris tanpa NIK dan tanpa nama.", "A row with neither NIK nor name.")
NIK_INVALID = Template("nik_invalid", "NIK tidak valid: {}", "Invalid NIK: {}", (lambda text: _nik_issue_en(text),))
DATE_MISSING = Template("date_missing", "Tanggal meninggal kosong.", "The date of death is empty.")
DATE_INVALID = Template(
    "date_invalid",
    "Tanggal meninggal “{}” tidak dikenali; tulis sebagai hari-bulan-tahun, mis. 17-08-2025.",
    "Date of death “{}” not recognised; write it as day-month-year, e.g. 17-08-2025.",
)
DATE_FUTURE = Template("date_future", "Tanggal meninggal {} di masa depan.", "The date of death {} is in the future.")
DATE_BEFORE_BIRTH = Template(
    "date_before_birth",
    "Tanggal meninggal {} sebelum tanggal lahir di NIK ({}).",
    "The date of death {} is before the birth date in the NIK ({}).",
)
NIK_MISSING = Template(
    "nik_missing",
    "Tanpa NIK: hanya NIK yang dicocokkan dengan orang di Jaring.",
    "No NIK: only a NIK is matched to a person in Jaring.",
)
NOT_FOUND = Template(
    "not_found", "Belum ada orang di wilayah ini dengan NIK ini.", "No person of this region has this NIK yet."
)
NAME_DIFFERS = Template(
    "name_differs",
    "NIK cocok tetapi nama berbeda: periksa (di Jaring: {}).",
    "The NIK matches but the name differs: check (in Jaring: {}).",
)
SEVERAL_PERSONS = Template(
    "several_persons",
    "NIK ini milik lebih dari satu orang di Jaring: periksa.",
    "This NIK belongs to more than one person in Jaring: check.",
)
REASONS = (
    NO_NIK_NO_NAME,
    NIK_INVALID,
    DATE_MISSING,
    DATE_INVALID,
    DATE_FUTURE,
    DATE_BEFORE_BIRTH,
    NIK_MISSING,
    NOT_FOUND,
    NAME_DIFFERS,
    SEVERAL_PERSONS,
)
# The short name of each reason code, for counts (Indonesian, English).
REASON_LABELS = {
    NO_NIK_NO_NAME.code: Label("NIK dan nama kosong", "No NIK and no name"),
    NIK_INVALID.code: Label("NIK tidak valid", "Invalid NIK"),
    DATE_MISSING.code: Label("Tanggal meninggal kosong", "Date of death empty"),
    DATE_INVALID.code: Label("Tanggal meninggal tidak dikenali", "Date of death not recognised"),
    DATE_FUTURE.code: Label("Tanggal meninggal di masa depan", "Date of death in the future"),
    DATE_BEFORE_BIRTH.code: Label("Tanggal meninggal sebelum tanggal lahir", "Date of death before birth"),
    NIK_MISSING.code: Label("Tanpa NIK", "No NIK"),
    NOT_FOUND.code: Label("Belum ada orang dengan NIK ini", "No person with this NIK yet"),
    NAME_DIFFERS.code: Label("NIK cocok tetapi nama berbeda", "NIK matches, name differs"),
    SEVERAL_PERSONS.code: Label("NIK milik beberapa orang", "NIK of several persons"),
}


def _nik_issue_en(text: str) -> str:
    for template in messages.ALL_TEMPLATES:
        values = template.values_of(text) if template.code.startswith("nik.") else None
        if values is not None:
            return template.format_en(*values)
    return text


def reason_label(code: str, language: str | None) -> str:
    label = REASON_LABELS.get(code)
    if label is None:
        return code
    return label.en if messages.is_english(language) else label.id


def reason_text(code: str, reason: str, language: str | None) -> str:
    """A stored reason as the reader reads it: Indonesian as stored, or its English form."""
    if not reason or not messages.is_english(language):
        return reason
    for template in REASONS:
        values = template.values_of(reason)
        if template.code == code and values is not None:
            return template.format_en(*values)
    # Several reasons in one text: the first one's name, and the words as stored.
    return f"{reason_label(code, language)} ({reason})"


DEATHS_SCHEMA = pl.Schema(
    {
        "sheet": pl.String,
        "row": pl.Int64,
        "nik_text": pl.String,  # as written
        "nik": pl.String,  # 16 digits, only when valid
        "name": pl.String,
        "death_date": pl.Date,
        "death_date_text": pl.String,
        "note": pl.String,
        "raw": pl.String,
        "outcome": pl.String,  # REFUSED, or null: still to match
        "reason_code": pl.String,
        "reason": pl.String,
    }
)
CANDIDATES_SCHEMA = pl.Schema({"nik": pl.String, "person_id": pl.Int64, "name": pl.String, "via": pl.String})
MATCH_SCHEMA = pl.Schema(
    {
        "index": pl.Int64,
        "person_id": pl.Int64,
        "match": pl.String,
        "outcome": pl.String,
        "reason_code": pl.String,
        "reason": pl.String,
    }
)


def _dmy(column: pl.Expr) -> pl.Expr:
    return column.dt.strftime("%d-%m-%Y")


def _text(template: Template, *values: pl.Expr) -> pl.Expr:
    """The Indonesian text of `template` with each row's values."""
    return format_str(template.id, *values) if values else pl.lit(template.id)


def normalise_deaths(rows: pl.DataFrame, *, on: dt.date) -> pl.DataFrame:
    """Typed death-list rows (DEATHS_SCHEMA), the rows that cannot be used marked REFUSED with their reasons.

    `rows` is what `list_read` gives with DEATH_LIST (sheet, row, raw and the fields found); `on` is
    today: a date of death after it is refused, and it settles the century of a NIK's birth date.
    """
    for name in ("sheet", "nik", "name", "death_date", "note", "raw"):
        if name not in rows.columns:
            rows = rows.with_columns(pl.lit(None, dtype=pl.String).alias(name))
    text = {name: pl.col(name).str.strip_chars().replace("", None) for name in ("nik", "name", "death_date", "note")}
    rows = rows.with_columns(**text)
    fields, issues = parse_nik_frame(rows.get_column("nik"), on=on)
    errors = (
        issues.filter(pl.col("severity") == "error")
        .group_by("value", maintain_order=True)
        .agg(_nik_error=pl.col("message").first())
    )
    niks = fields.select("value", _nik_valid=pl.col("nik"), _nik_birth=pl.col("birth_date")).join(
        errors, on="value", how="left"
    )
    frame = rows.join(niks, left_on="nik", right_on="value", how="left", nulls_equal=True, maintain_order="left")
    frame = frame.with_columns(
        _nik_ok=pl.col("_nik_error").is_null() & pl.col("_nik_valid").is_not_null(),
        _date=parse_date_expr(pl.col("death_date"), on),
        _name=pl.col("name").str.replace_all(r"\s+", " ").str.to_uppercase(),
    )
    date_text = pl.col("death_date")
    checks = [
        (NO_NIK_NO_NAME, pl.col("nik").is_null() & pl.col("_name").is_null(), ()),
        (NIK_INVALID, pl.col("nik").is_not_null() & ~pl.col("_nik_ok"), (pl.col("_nik_error").fill_null("?"),)),
        (DATE_MISSING, date_text.is_null(), ()),
        (DATE_INVALID, date_text.is_not_null() & pl.col("_date").is_null(), (date_text,)),
        (DATE_FUTURE, pl.col("_date") > pl.lit(on), (_dmy(pl.col("_date")),)),
        (
            DATE_BEFORE_BIRTH,
            pl.col("_nik_ok") & (pl.col("_date") < pl.col("_nik_birth")),
            (_dmy(pl.col("_date")), _dmy(pl.col("_nik_birth"))),
        ),
    ]
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
        nik=pl.when(pl.col("_nik_ok")).then(pl.col("_nik_valid")),
        name=pl.col("_name"),
        death_date=pl.when(pl.col("reason").is_null()).then(pl.col("_date")),
        death_date_text=date_text,
        note=pl.col("note"),
        raw=pl.col("raw").cast(pl.String),
        outcome=pl.when(pl.col("reason").is_not_null()).then(pl.lit(REFUSED)),
        reason_code=pl.col("reason_code"),
        reason=pl.col("reason"),
    ).cast(DEATHS_SCHEMA)


def name_score(a: str | None, b: str | None) -> float:
    """How alike two names are (0-100), without titles and with spellings folded; 100 when either is empty."""
    left, right = comparison_name(a), comparison_name(b)
    if not left or not right:
        return 100.0
    return max(fuzz.token_ratio(left, right), fuzz.ratio(joined_name(a), joined_name(b)))


def match_deaths(deaths: pl.DataFrame, candidates: pl.DataFrame) -> pl.DataFrame:
    """The outcome of each death still to match (MATCH_SCHEMA), by its `index`.

    `deaths` has index, nik, name and outcome (REFUSED rows are left out); `candidates` (CANDIDATES_SCHEMA)
    are the region's persons holding a NIK: their golden record's (via BY_NIK) or a linked row's
    (via BY_RECORD_NIK), each with the name it goes with. A person whose names are all clearly not the
    death list's is no match; of the others there must be exactly one.
    """
    todo = deaths.filter(pl.col("outcome").is_null() | (pl.col("outcome") != REFUSED)).select(
        pl.col("index").cast(pl.Int64), "nik", "name"
    )
    if todo.is_empty():
        return pl.DataFrame(schema=MATCH_SCHEMA)
    pairs = todo.filter(pl.col("nik").is_not_null()).join(
        candidates.cast(CANDIDATES_SCHEMA).rename({"name": "person_name"}), on="nik", how="inner"
    )
    scores = [
        name_score(death, person)
        for death, person in zip(pairs.get_column("name"), pairs.get_column("person_name"), strict=True)
    ]
    per_person = (
        pairs.with_columns(score=pl.Series(scores, dtype=pl.Float64))
        .group_by("index", "person_id")
        .agg(
            score=pl.col("score").max(),
            match=pl.when((pl.col("via") == BY_NIK).any()).then(pl.lit(BY_NIK)).otherwise(pl.lit(BY_RECORD_NIK)),
            names=pl.col("person_name").drop_nulls().unique().sort().str.join(" / "),
        )
        .with_columns(agrees=pl.col("score") >= NAME_MIN_SCORE)
    )
    per_death = per_person.group_by("index").agg(
        agreeing=pl.col("agrees").sum(),
        person_id=pl.col("person_id").filter(pl.col("agrees")).first(),
        match=pl.col("match").filter(pl.col("agrees")).first(),
        closest=pl.col("person_id").sort_by("score", descending=True).first(),
        closest_match=pl.col("match").sort_by("score", descending=True).first(),
        closest_names=pl.col("names").sort_by("score", descending=True).first(),
    )
    frame = todo.join(per_death, on="index", how="left", maintain_order="left")
    none = pl.col("agreeing").is_null()
    one = pl.col("agreeing") == 1
    several = pl.col("agreeing") > 1
    return frame.select(
        "index",
        person_id=pl.when(one).then("person_id").when(~none & ~several).then("closest"),
        match=pl.when(one).then("match").when(~none & ~several).then("closest_match"),
        outcome=pl.when(one).then(pl.lit(MATCHED)).when(none).then(pl.lit(UNMATCHED)).otherwise(pl.lit(CHECK)),
        reason_code=pl.when(one)
        .then(pl.lit(None, dtype=pl.String))
        .when(none & pl.col("nik").is_null())
        .then(pl.lit(NIK_MISSING.code))
        .when(none)
        .then(pl.lit(NOT_FOUND.code))
        .when(several)
        .then(pl.lit(SEVERAL_PERSONS.code))
        .otherwise(pl.lit(NAME_DIFFERS.code)),
        reason=pl.when(one)
        .then(pl.lit(None, dtype=pl.String))
        .when(none & pl.col("nik").is_null())
        .then(_text(NIK_MISSING))
        .when(none)
        .then(_text(NOT_FOUND))
        .when(several)
        .then(_text(SEVERAL_PERSONS))
        .otherwise(_text(NAME_DIFFERS, pl.col("closest_names"))),
    ).cast(MATCH_SCHEMA)
