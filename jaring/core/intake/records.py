"""Normalise and validate the data rows of worker lists, as frame operations.

Input: the frame `headers.extract_rows` gives (raw text per field, `row`, `sheet`). Output: the same
rows with typed, normalised fields, a list of issues per row (code, severity, Indonesian message)
and a status. Columns with few distinct values (dates, occupations, place names, NIKs repeated
across sheets) are worked out once per distinct value and joined back.
"""

import datetime as dt
import re

import polars as pl

from jaring.core import regions
from jaring.core.frames import digits_only, format_str
from jaring.core.intake.address import RegionPlaces, with_address
from jaring.core.intake.checks import Rules, duplicate_issues, with_checks
from jaring.core.intake.expressions import ISSUE, attach_lookup
from jaring.core.intake.nik import parse_nik_frame
from jaring.core.names import PREFIX_TITLES
from jaring.core.occupations import OTHER, occupation_patterns

ACCEPTED, ACCEPTED_WITH_WARNINGS, REJECTED = "accepted", "accepted_with_warnings", "rejected"

_MONTHS = {
    "01": ("januari", "jan"),
    "02": ("februari", "pebruari", "feb", "peb"),
    "03": ("maret", "mar"),
    "04": ("april", "apr"),
    "05": ("mei",),
    "06": ("juni", "jun"),
    "07": ("juli", "jul"),
    "08": ("agustus", "agu", "agt", "ags", "aug"),
    "09": ("september", "sep", "sept"),
    "10": ("oktober", "okt", "oct"),
    "11": ("november", "nopember", "nov", "nop"),
    "12": ("desember", "des", "dec"),
}
_PREFIX_TITLES = f"(?:{'|'.join(sorted(PREFIX_TITLES, key=len, reverse=True))})"
_DEGREE = r"(?:[a-z]{1,4}\.\s?)*[a-z]{1,4}\.?"
_SEX = {
    "L": ("l", "lk", "laki", "lakilaki", "pria", "m", "male", "1"),
    "P": ("p", "pr", "pr.", "perempuan", "wanita", "w", "f", "female", "2"),
}


def normalise_records(
    rows: pl.DataFrame, *, rules: Rules, places: RegionPlaces, extra_occupations: dict[str, list[str]] | None = None
) -> pl.DataFrame:
    # The raw cells ride along untouched; kept out of the joins below, which would copy them each time.
    raw = rows.get_column("raw") if "raw" in rows.columns else None
    frame = _ensure_columns(rows.drop("raw", strict=False)).with_row_index("_i")
    frame, nik_issues = _with_nik(frame, rules.on)
    frame = _with_name(frame)
    frame = _with_birth(frame, rules.on)
    frame = _with_sex(frame)
    frame = _with_phone(frame)
    frame = with_address(frame, places)
    frame = _with_occupation(frame, extra_occupations)
    frame = _with_desil(frame)
    # Without a birth-date column at all, every date comes from the NIK and needs no warning per row.
    dated = bool({"birth_date", "birth_place_date"} & set(rows.columns))
    frame, checks = with_checks(frame, rules, places, dated=dated)
    # Issues are gathered in long form (one row per issue): most rows have none, and a dozen struct
    # columns a million rows long would cost far more than stacking the few issues that exist.
    long = pl.concat(
        [
            frame.select("_i", "_nik_key").join(nik_issues, on="_nik_key").select("_i", "issue"),
            *[frame.filter(applies).select("_i", issue.cast(ISSUE).alias("issue")) for applies, issue in checks],
            duplicate_issues(frame).cast({"issue": ISSUE}),
        ]
    )
    per_row = long.group_by("_i").agg("issue")
    # Joined onto a narrow frame of row numbers, not onto the wide rows, which would copy every column.
    aligned = (
        frame.select("_i")
        .join(per_row, on="_i", how="left", maintain_order="left")
        .get_column("issue")
        .fill_null(pl.lit([], dtype=pl.List(ISSUE)))
    )
    frame = frame.with_columns(issues=aligned)
    severities = pl.col("issues").list.eval(pl.element().struct.field("severity"))
    frame = frame.with_columns(
        status=pl.when(severities.list.contains("error"))
        .then(pl.lit(REJECTED))
        .when(severities.list.len() > 0)
        .then(pl.lit(ACCEPTED_WITH_WARNINGS))
        .otherwise(pl.lit(ACCEPTED))
    )
    frame = frame.drop([column for column in frame.columns if column.startswith("_")])
    return frame.with_columns(raw=raw) if raw is not None else frame


FIELDS = (
    "nik",
    "name",
    "birth_place",
    "birth_date",
    "birth_place_date",
    "sex",
    "address",
    "rt",
    "rw",
    "rt_rw",
    "kelurahan",
    "kecamatan",
    "phone",
    "occupation",
    "note",
    "desil",
    "record_id",
)


def _ensure_columns(frame: pl.DataFrame) -> pl.DataFrame:
    missing = [name for name in FIELDS if name not in frame.columns]
    return frame.with_columns([pl.lit(None, dtype=pl.String).alias(name) for name in missing]).rename(
        {name: f"{name}_text" for name in FIELDS}
    )


# --- NIK: the rules over the column (jaring.core.intake.nik.parse_nik_frame) -------------------------------


def _with_nik(frame: pl.DataFrame, on: dt.date) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The NIK fields joined onto the rows, and the NIK issues in long form keyed by the NIK text."""
    frame = frame.with_columns(_nik_key=pl.col("nik_text").fill_null(""))
    fields, issues = parse_nik_frame(frame.get_column("_nik_key"), on=on)
    lookup = fields.select(
        _nik_key=pl.col("value"),
        nik=pl.col("nik"),
        _nik_sex=pl.col("sex"),
        _nik_birth_date=pl.col("birth_date"),
        _nik_region=pl.col("region_code"),
    )
    regencies = lookup.get_column("_nik_region").str.slice(0, 5).drop_nulls().unique().to_list()
    names = pl.DataFrame(
        {"_regency": regencies, "_nik_regency_name": [_regency_name(code) for code in regencies]},
        schema={"_regency": pl.String, "_nik_regency_name": pl.String},
    )
    lookup = lookup.with_columns(_regency=pl.col("_nik_region").str.slice(0, 5)).join(names, on="_regency", how="left")
    issues = issues.select(_nik_key=pl.col("value"), issue=pl.struct("code", "severity", "message"))
    return attach_lookup(frame, lookup.drop("_regency"), on=["_nik_key"]), issues


def _regency_name(code: str) -> str | None:
    """The kabupaten/kota a NIK was issued in, by its current name (a replaced code by its old one)."""
    legacy = regions.legacy_regency(code)
    return legacy.old_name if legacy else regions.region_name(code)


# --- names -----------------------------------------------------------------------------------------


def _with_name(frame: pl.DataFrame) -> pl.DataFrame:
    text = pl.col("name_text").str.replace_all(r"\s+", " ").str.strip_chars()
    prefix = text.str.extract(rf"(?i)^((?:{_PREFIX_TITLES}\.?\s+)+)", 1)
    suffix = text.str.extract(rf"(?i),\s*({_DEGREE}(?:\s*,\s*{_DEGREE})*)\s*$", 1)
    bare = (
        text.str.replace(rf"(?i)^(?:{_PREFIX_TITLES}\.?\s+)+", "")
        .str.replace(rf"(?i),\s*{_DEGREE}(?:\s*,\s*{_DEGREE})*\s*$", "")
        .str.strip_chars(" .,;-")
        .str.to_uppercase()
    )
    titles = pl.concat_str([prefix.str.strip_chars(), suffix.str.strip_chars()], separator=" ", ignore_nulls=True)
    return frame.with_columns(
        name=bare.replace("", None),
        name_titles=pl.when(titles.str.len_chars() > 0).then(titles).otherwise(None),
    )


# --- dates -----------------------------------------------------------------------------------------


def parse_date_expr(column: pl.Expr, on: dt.date) -> pl.Expr:
    """Dates as people and Excel write them: dd-mm-yyyy, dd/mm/yy, yyyy-mm-dd, "17 Agustus 1975", serials."""
    text = column.str.strip_chars().str.to_lowercase()
    for number, names in _MONTHS.items():
        text = text.str.replace_all(rf"\b(?:{'|'.join(names)})\b\.?", f"-{number}-")
    text = text.str.replace_all(r"[\s./,-]+", "-").str.strip_chars("-")
    iso = text.str.extract_groups(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:-\d{2}:|$|-\d{1,2}-\d{2})")
    dmy = text.str.extract_groups(r"^(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})$")
    dmyy = text.str.extract_groups(r"^(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{2})$")
    yy = dmyy.struct.field("y").cast(pl.Int32, strict=False)
    year = pl.coalesce(
        iso.struct.field("y").cast(pl.Int32, strict=False),
        dmy.struct.field("y").cast(pl.Int32, strict=False),
        pl.when(yy + 2000 > on.year).then(yy + 1900).otherwise(yy + 2000),
    )
    month = pl.coalesce(iso.struct.field("m"), dmy.struct.field("m"), dmyy.struct.field("m")).cast(
        pl.Int32, strict=False
    )
    day = pl.coalesce(iso.struct.field("d"), dmy.struct.field("d"), dmyy.struct.field("d")).cast(pl.Int32, strict=False)
    written = format_str(
        "{}-{}-{}", year, month.cast(pl.String).str.zfill(2), day.cast(pl.String).str.zfill(2)
    ).str.to_date("%Y-%m-%d", strict=False)
    serial = column.str.extract(r"^(\d{4,5})(?:\.0+)?$", 1).cast(pl.Int64, strict=False)
    from_serial = pl.when(serial.is_between(1, 60_000)).then(pl.lit(dt.date(1899, 12, 30)) + pl.duration(days=serial))
    return pl.coalesce(written, from_serial.cast(pl.Date))


def _with_birth(frame: pl.DataFrame, on: dt.date) -> pl.DataFrame:
    combined = pl.col("birth_place_date_text")
    # "Malang, 17-08-1975", "Malang / 17-08-1975" or "Malang 17 Agustus 1975": the date follows the place.
    split = combined.str.extract_groups(r"^(?P<place>[^,/;0-9]*?)[,/;\s]*(?P<date>\d.*)$")
    frame = frame.with_columns(
        _birth_place=pl.coalesce(pl.col("birth_place_text"), split.struct.field("place").str.strip_chars(" ,/;")),
        _birth_text=pl.coalesce(pl.col("birth_date_text"), split.struct.field("date"), combined),
    )
    unique = frame.select(pl.col("_birth_text").unique()).with_columns(
        _birth_parsed=parse_date_expr(pl.col("_birth_text"), on)
    )
    frame = attach_lookup(frame, unique, on=["_birth_text"], nulls_equal=True)
    # An empty or unreadable date is taken from a valid NIK, which carries it (with a warning).
    return frame.with_columns(
        birth_place=pl.col("_birth_place").replace("", None).str.to_uppercase(),
        birth_date=pl.coalesce("_birth_parsed", "_nik_birth_date"),
    )


# --- sex, phone ------------------------------------------------------------------------------------


def _with_sex(frame: pl.DataFrame) -> pl.DataFrame:
    key = pl.col("sex_text").str.to_lowercase().str.replace_all(r"[^a-z0-9]", "")
    stated = pl.when(key.is_in(list(_SEX["L"]))).then(pl.lit("L")).when(key.is_in(list(_SEX["P"]))).then(pl.lit("P"))
    return frame.with_columns(_sex_stated=stated).with_columns(sex=pl.coalesce("_sex_stated", "_nik_sex"))


def phone_e164_expr(column: pl.Expr) -> pl.Expr:
    digits = digits_only(column)
    national = (
        pl.when(digits.str.starts_with("62"))
        .then(digits.str.slice(2))
        .when(digits.str.starts_with("0"))
        .then(digits.str.slice(1))
        .otherwise(digits)
    )
    valid = national.str.contains(r"^(?:8\d{8,11}|[2-7]\d{6,10})$")
    return pl.when(valid).then(pl.lit("+62") + national)


def _with_phone(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(phone=phone_e164_expr(pl.col("phone_text")))


# --- occupation ------------------------------------------------------------------------------------


def _with_occupation(frame: pl.DataFrame, extra: dict[str, list[str]] | None) -> pl.DataFrame:
    patterns = [(re.compile(pattern), code) for pattern, code in occupation_patterns(extra)]
    texts = frame.select(pl.col("occupation_text").drop_nulls().unique()).get_column("occupation_text").to_list()
    codes = [next((code for pattern, code in patterns if pattern.search(text.lower())), OTHER) for text in texts]
    lookup = pl.DataFrame(
        {"occupation_text": texts, "occupation": codes}, schema={"occupation_text": pl.String, "occupation": pl.String}
    )
    return attach_lookup(frame, lookup, on=["occupation_text"])


# --- DTSEN desil ----------------------------------------------------------------------------------

# "3", "03", "3.0" (an Excel number), "Desil 3", "DESIL-3", "D3", "d 3", "Desil ke-3", "Desil 1 (Sangat Miskin)".
_DESIL = r"^(?:desil|d)?\s*(?:ke)?[\s._:-]*0*(\d{1,2})(?:[.,]0+)?(?:\s*[(:,-]?\s*[a-z][a-z\s]*\)?)?$"


def _with_desil(frame: pl.DataFrame) -> pl.DataFrame:
    """`desil` (Int8, 1-10) from the DTSEN desil as written; `_desil_given` where a cell says something.

    A cell of punctuation only ("-") says nothing; any other value outside 1-10 is no desil (a warning).
    """
    if frame.get_column("desil_text").null_count() == frame.height:  # most lists have no desil column
        return frame.with_columns(desil=pl.lit(None, dtype=pl.Int8), _desil_given=pl.lit(False))
    texts = frame.select(pl.col("desil_text").drop_nulls().unique())
    number = (
        pl.col("desil_text").str.strip_chars().str.to_lowercase().str.extract(_DESIL, 1).cast(pl.Int16, strict=False)
    )
    lookup = texts.with_columns(
        desil=pl.when(number.is_between(1, 10)).then(number).cast(pl.Int8),
        _desil_given=pl.col("desil_text").str.contains(r"[0-9A-Za-z]"),
    )
    return attach_lookup(frame, lookup, on=["desil_text"])
