"""Normalise and validate the data rows of worker lists, as frame operations.

Input: the frame `headers.extract_rows` gives (raw text per field, `row`, `sheet`). Output: the same
rows with typed, normalised fields, a list of issues per row (code, severity, Indonesian message)
and a status. Columns with few distinct values (dates, occupations, place names, NIKs repeated
across sheets) are worked out once per distinct value and joined back.
"""

import datetime as dt
import re
from dataclasses import dataclass

import polars as pl
from rapidfuzz import fuzz, process

from jaring.core import messages, regions
from jaring.core.frames import age_on, digits_only, format_str
from jaring.core.names import PREFIX_TITLES
from jaring.core.nik import parse_nik_frame
from jaring.core.occupations import OTHER, occupation_patterns

ACCEPTED, ACCEPTED_WITH_WARNINGS, REJECTED = "accepted", "accepted_with_warnings", "rejected"
ISSUE = pl.Struct({"code": pl.String, "severity": pl.String, "message": pl.String})
PLACE_FUZZY_MIN_SCORE = 85

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


@dataclass(frozen=True)
class RegionPlaces:
    """The kecamatan and kelurahan/desa of the region a list comes from, as plain frames."""

    region_code: str
    region_name: str
    districts: pl.DataFrame  # code, name, name_key
    villages: pl.DataFrame  # code, name, name_key, district_code


@dataclass(frozen=True)
class Rules:
    on: dt.date  # reference date for ages
    min_age: int = 15  # outside these ages a row gets a warning: programs decide who is eligible
    max_age: int = 65
    max_possible_age: int = 120  # beyond this the birth date is wrong: an error


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
    frame = _with_address(frame, places)
    frame = _with_occupation(frame, extra_occupations)
    frame = _with_desil(frame)
    # Without a birth-date column at all, every date comes from the NIK and needs no warning per row.
    dated = bool({"birth_date", "birth_place_date"} & set(rows.columns))
    frame, checks = _with_checks(frame, rules, places, dated=dated)
    # Issues are gathered in long form (one row per issue): most rows have none, and a dozen struct
    # columns a million rows long would cost far more than stacking the few issues that exist.
    long = pl.concat(
        [
            frame.select("_i", "_nik_key").join(nik_issues, on="_nik_key").select("_i", "issue"),
            *[frame.filter(applies).select("_i", issue.cast(ISSUE).alias("issue")) for applies, issue in checks],
            _duplicate_issues(frame).cast({"issue": ISSUE}),
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


def _issue(condition: pl.Expr, code: str, severity: str, message: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """A check: the rows it applies to, and the issue it gives them."""
    return condition.fill_null(False), pl.struct(code=pl.lit(code), severity=pl.lit(severity), message=message)


@dataclass(frozen=True)
class _Fixed:
    """A value the same for every row (the reference date, the region's name): written into the text once."""

    text: str


def _text(template: messages.Template, *values: pl.Expr | str | _Fixed) -> pl.Expr:
    """The Indonesian message of `template` with its values (column names, expressions or fixed texts) filled in.

    Fixed values go into the template before the expression is built, so a million rows do not each
    concatenate the same date and region name.
    """
    parts = template.id.split("{}")
    if len(parts) != len(values) + 1:
        raise ValueError(f"{template.code}: {len(parts) - 1} placeholders for {len(values)} values")
    text, per_row = parts[0], []
    for value, literal in zip(values, parts[1:], strict=True):
        if isinstance(value, _Fixed):
            text += value.text.replace("{}", "( )") + literal
        else:
            text += "{}" + literal
            per_row.append(value)
    return format_str(text, *per_row) if per_row else pl.lit(text)


def _attach(frame: pl.DataFrame, lookup: pl.DataFrame, *, on: list[str], nulls_equal: bool = False) -> pl.DataFrame:
    """The columns of `lookup` (one row per key) beside each row of `frame`, in the frame's order.

    Joined onto the key columns alone: a join onto the wide frame would copy every column of a
    million rows each time.
    """
    found = frame.select(on).join(lookup, on=on, how="left", maintain_order="left", nulls_equal=nulls_equal)
    if found.height != frame.height:
        raise ValueError(f"lookup on {on} has repeated keys")
    return frame.hstack(found.drop(on).get_columns())


# --- NIK: the rules over the column (jaring.core.nik.parse_nik_frame) -------------------------------


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
    return _attach(frame, lookup.drop("_regency"), on=["_nik_key"]), issues


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
    # "Malang, 17-08-1975" or "Malang 17 Agustus 1975": the date is what follows the place.
    split = combined.str.extract_groups(r"^(?P<place>[^,0-9]*?)[,\s]*(?P<date>\d.*)$")
    frame = frame.with_columns(
        _birth_place=pl.coalesce(pl.col("birth_place_text"), split.struct.field("place").str.strip_chars(" ,")),
        _birth_text=pl.coalesce(pl.col("birth_date_text"), split.struct.field("date"), combined),
    )
    unique = frame.select(pl.col("_birth_text").unique()).with_columns(
        _birth_parsed=parse_date_expr(pl.col("_birth_text"), on)
    )
    frame = _attach(frame, unique, on=["_birth_text"], nulls_equal=True)
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


# --- address ---------------------------------------------------------------------------------------


def name_key_expr(column: pl.Expr) -> pl.Expr:
    """`regions.region_name_key` as an expression."""
    text = column.str.replace_all(r"\s+", " ").str.strip_chars()
    text = text.str.replace(r"(?i)^(?:kabupaten|kab)(?:\.\s*|\s+)", "kabupaten ")
    text = text.str.replace(r"(?i)^(?:kotamadya|kodya|kota)(?:\.\s*|\s+)", "kota ")
    text = text.str.replace(r"(?i)^(?:kecamatan|kec|kelurahan|kel|desa|ds|distrik)(?:\.\s*|\s+)", "")
    return text.str.to_lowercase().str.replace_all(r"[^0-9a-z]+", "")


_KEL_WORD = r"(?:kelurahan|kel|desa|ds)"
_KEC_WORD = r"(?:kecamatan|kec)"
_PLACE = r"[a-z][a-z0-9'\-]*(?:\s+[a-z][a-z0-9'\-]*)*?"  # one or more words, as few as needed
_PLACE_END = rf"\s*(?:[,.;]|\b{_KEC_WORD}\b|\bkab(?:upaten)?\b|\bkota\b|\d|$)"


def _with_address(frame: pl.DataFrame, places: RegionPlaces) -> pl.DataFrame:
    address = pl.col("address_text")
    in_address = address.str.extract_groups(
        r"(?i)\brt\.?\s*(?P<rt>\d{1,3})\s*(?:/|,|\s)\s*(?:rw\.?\s*)?(?P<rw>\d{1,3})\b"
    )
    combined = pl.col("rt_rw_text").str.extract_groups(r"(?P<rt>\d{1,3})\D+(?P<rw>\d{1,3})")
    rt = pl.coalesce(
        pl.col("rt_text").str.extract(r"(\d{1,3})", 1), combined.struct.field("rt"), in_address.struct.field("rt")
    )
    rw = pl.coalesce(
        pl.col("rw_text").str.extract(r"(\d{1,3})", 1), combined.struct.field("rw"), in_address.struct.field("rw")
    )
    # A free-text address names its kelurahan and kecamatan after a word that says which is which;
    # read only where the list has no column for them (most rows of most lists have one).
    unnamed = frame.filter(
        address.is_not_null() & (pl.col("kelurahan_text").is_null() | pl.col("kecamatan_text").is_null())
    ).select(
        "_i",
        _marked_kel=address.str.extract(rf"(?i)\b{_KEL_WORD}\.?\s*(?:{_KEL_WORD}\.?\s*)?({_PLACE}){_PLACE_END}", 1),
        _marked_kec=address.str.extract(rf"(?i)\b{_KEC_WORD}\.?\s*({_PLACE}){_PLACE_END}", 1),
    )
    frame = _attach(frame, unnamed, on=["_i"])
    marked_kel, marked_kec = pl.col("_marked_kel"), pl.col("_marked_kec")
    street = (
        address.str.replace(r"(?i)[,\s]*\brt\.?\s*\d{1,3}\s*(?:/|,|\s)\s*(?:rw\.?\s*)?\d{1,3}\b", "")
        .str.replace(rf"(?i)[,\s]*\b(?:{_KEL_WORD}|{_KEC_WORD}|kab|kabupaten|kota)\b\.?.*$", "")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars(" ,")
    )
    frame = frame.with_columns(
        street=street.replace("", None),
        rt=rt.cast(pl.Int32, strict=False).cast(pl.String).str.zfill(3),
        rw=rw.cast(pl.Int32, strict=False).cast(pl.String).str.zfill(3),
        _kec_key=name_key_expr(pl.coalesce(pl.col("kecamatan_text"), marked_kec)),
        _kel_key=name_key_expr(pl.coalesce(pl.col("kelurahan_text"), marked_kel)),
    )
    district_of = _place_lookup(frame, "_kec_key", places.districts)
    frame = _attach(frame, district_of.rename({"code": "kecamatan_code"}), on=["_kec_key"])
    # Kelurahan names repeat across kecamatan; inside a known kecamatan the name is unambiguous.
    villages = places.villages
    frame = _attach(
        frame,
        villages.select(_kel_key="name_key", kecamatan_code="district_code", _kel_in_district=pl.col("code")).unique(
            ["_kel_key", "kecamatan_code"], keep="none"
        ),
        on=["_kel_key", "kecamatan_code"],
    )
    unique_names = villages.group_by("name_key").agg(pl.col("code").first(), pl.len().alias("_n"))
    shared = set(unique_names.filter(pl.col("_n") > 1).get_column("name_key").to_list())
    anywhere = _place_lookup(frame, "_kel_key", unique_names.filter(pl.col("_n") == 1).drop("_n"), shared=shared)
    frame = _attach(frame, anywhere.rename({"code": "_kel_anywhere"}), on=["_kel_key"])
    frame = frame.with_columns(kelurahan_code=pl.coalesce("_kel_in_district", "_kel_anywhere"))
    frame = _attach(frame, _unmarked_kelurahan(frame, places), on=["_i"])
    frame = frame.with_columns(kelurahan_code=pl.coalesce("kelurahan_code", "_kel_unmarked"))
    return frame.with_columns(
        kecamatan_code=pl.coalesce(pl.col("kecamatan_code"), pl.col("kelurahan_code").str.slice(0, 8))
    )


def _unmarked_kelurahan(frame: pl.DataFrame, places: RegionPlaces) -> pl.DataFrame:
    """_i, _kel_unmarked: the kelurahan an address names without "Kel."/"Desa" ("… RT 3/5 Sumbersari Lowokwaru").

    What follows the street and RT/RW is read against the region's own kelurahan and kecamatan, once
    per distinct text: a kecamatan said last narrows the kelurahan to its own, and close spellings
    count (rapidfuzz), as for a Kelurahan column.
    """
    todo = frame.filter(
        pl.col("kelurahan_code").is_null() & pl.col("kelurahan_text").is_null() & pl.col("address_text").is_not_null()
    ).select("_i", "kecamatan_code", "_nik_region", _tail=_address_tail(pl.col("address_text")))
    empty = pl.DataFrame(schema={"_i": pl.UInt32, "_kel_unmarked": pl.String})
    todo = todo.filter(pl.col("_tail") != "")
    if todo.is_empty() or places.villages.is_empty():
        return empty
    reader = _TailReader(places)
    # Most people live in the kecamatan their KTP was issued in: a name several kecamatan share is
    # read as the one of the NIK's kecamatan, when the address names no kecamatan.
    todo = todo.with_columns(_hint=pl.col("_nik_region").str.slice(0, 8))
    keys = ["_tail", "kecamatan_code", "_hint"]
    distinct = todo.select(keys).unique()
    codes = [reader.kelurahan(tail, district, hint) for tail, district, hint in distinct.iter_rows()]
    found = distinct.with_columns(_kel_unmarked=pl.Series(codes, dtype=pl.String))
    return todo.join(found, on=keys, how="left", nulls_equal=True).select("_i", "_kel_unmarked").cast({"_i": pl.UInt32})


def _address_tail(address: pl.Expr) -> pl.Expr:
    """The words after the street, its house number and the RT/RW, in lowercase."""
    text = address.str.to_lowercase()
    after_rt = text.str.extract(r"\brt\.?\s*\d{1,3}\s*(?:/|,|\s)\s*(?:rw\.?\s*)?\d{1,3}\b(.*)$", 1)
    after_number = text.str.extract(r"\bno\.?\s*\d+[a-z]?\b(.*)$", 1)
    tail = pl.coalesce(after_rt, after_number, pl.lit(""))
    return tail.str.replace_all(r"[^a-z0-9]+", " ").str.strip_chars()


class _TailReader:
    """Reads "sumbersri lowokwaru" as a kelurahan (and its kecamatan) of one region."""

    WINDOW = 3  # a place name has at most this many words

    def __init__(self, places: RegionPlaces):
        self.districts = dict(places.districts.select("name_key", "code").iter_rows())
        self.villages: dict[str, list[tuple[str, str]]] = {}
        for key, code, district in places.villages.select("name_key", "code", "district_code").iter_rows():
            self.villages.setdefault(key, []).append((code, district))
        self._choices: dict[str | None, dict[str, list[str]]] = {}  # per kecamatan, built when first needed

    def kelurahan(self, tail: str, district: str | None, hint: str | None = None) -> str | None:
        words = tail.split()
        rest = words
        if district is None:
            # A kecamatan said after the kelurahan; some words must be left for the kelurahan.
            for size in range(min(self.WINDOW, len(words) - 1), 0, -1):
                code = self._match(self.districts, "".join(words[-size:]), cutoff=80)
                if code is not None:
                    district, rest = code, words[:-size]
                    break
        best: tuple[float, int, str] | None = None
        for start in range(len(rest)):
            for size in range(1, self.WINDOW + 1):
                if start + size > len(rest):
                    break
                key = "".join(rest[start : start + size])
                for score, code in self._villages(key, district, hint):
                    if best is None or (score, start) > best[:2]:
                        best = (score, start, code)
        return best[2] if best else None

    def _villages(self, key: str, district: str | None, hint: str | None) -> list[tuple[float, str]]:
        if district not in self._choices:
            within = {
                name: [code for code, parent in entries if district is None or parent == district]
                for name, entries in self.villages.items()
            }
            self._choices[district] = {name: codes for name, codes in within.items() if codes}
        choices = self._choices[district]
        if key in choices:
            name, score = key, 100.0
        elif len(key) < 5 or not choices:
            return []
        else:
            found = process.extractOne(key, list(choices), scorer=fuzz.ratio, score_cutoff=PLACE_FUZZY_MIN_SCORE)
            if found is None:
                return []
            name, score = found[0], found[1]
        codes = choices[name]
        if len(codes) > 1 and hint is not None:
            codes = [code for code in codes if code.startswith(f"{hint}.")]
        # A name several kelurahan share is no answer without its kecamatan.
        return [(score, codes[0])] if len(codes) == 1 else []

    @staticmethod
    def _match(table: dict[str, str], key: str, *, cutoff: float) -> str | None:
        if key in table:
            return table[key]
        if len(key) < 5:
            return None
        found = process.extractOne(key, list(table), scorer=fuzz.ratio, score_cutoff=cutoff)
        return table[found[0]] if found else None


def _place_lookup(
    frame: pl.DataFrame, key_column: str, places: pl.DataFrame, *, shared: set[str] = frozenset()
) -> pl.DataFrame:
    """key -> code for every distinct key in the frame: exact name first, then a close spelling.

    A key that is exactly a name several places share (`shared`) gets no close spelling instead.
    """
    keys = frame.select(pl.col(key_column).drop_nulls().unique()).get_column(key_column).to_list()
    exact = dict(places.select("name_key", "code").iter_rows())
    choices = list(exact)
    codes = []
    for key in keys:
        code = exact.get(key)
        if code is None and choices and len(key) >= 4 and key not in shared:
            best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=PLACE_FUZZY_MIN_SCORE)
            code = exact[best[0]] if best else None
        codes.append(code)
    return pl.DataFrame({key_column: keys, "code": codes}, schema={key_column: pl.String, "code": pl.String})


# --- occupation ------------------------------------------------------------------------------------


def _with_occupation(frame: pl.DataFrame, extra: dict[str, list[str]] | None) -> pl.DataFrame:
    patterns = [(re.compile(pattern), code) for pattern, code in occupation_patterns(extra)]
    texts = frame.select(pl.col("occupation_text").drop_nulls().unique()).get_column("occupation_text").to_list()
    codes = [next((code for pattern, code in patterns if pattern.search(text.lower())), OTHER) for text in texts]
    lookup = pl.DataFrame(
        {"occupation_text": texts, "occupation": codes}, schema={"occupation_text": pl.String, "occupation": pl.String}
    )
    return _attach(frame, lookup, on=["occupation_text"])


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
    return _attach(frame, lookup, on=["desil_text"])


# --- checks ----------------------------------------------------------------------------------------


def _with_checks(
    frame: pl.DataFrame, rules: Rules, places: RegionPlaces, *, dated: bool
) -> tuple[pl.DataFrame, list[tuple[pl.Expr, pl.Expr]]]:
    on = rules.on
    birth = pl.col("birth_date")  # as written, else from the NIK
    stated = pl.col("_birth_parsed")
    age = age_on(birth, on)
    date_text = pl.coalesce("birth_date_text", "birth_place_date_text")
    on_text = _Fixed(f"{on:%d-%m-%Y}")
    region_name = _Fixed(places.region_name)
    return frame, [
        _issue(pl.col("name").is_null(), "name.missing", "error", _text(messages.NAME_MISSING)),
        _issue(
            date_text.is_not_null() & stated.is_null() & birth.is_null(),
            "birth_date.invalid",
            "error",
            _text(messages.BIRTH_DATE_INVALID, date_text),
        ),
        _issue(
            pl.lit(dated) & stated.is_null() & birth.is_not_null(),
            "birth_date.from_nik",
            "warning",
            pl.when(date_text.is_null())
            .then(_text(messages.BIRTH_DATE_FROM_NIK_EMPTY, birth.dt.strftime("%d-%m-%Y")))
            .otherwise(_text(messages.BIRTH_DATE_FROM_NIK_UNREADABLE, date_text, birth.dt.strftime("%d-%m-%Y"))),
        ),
        _issue(
            stated > pl.lit(on),
            "birth_date.future",
            "error",
            _text(messages.BIRTH_DATE_FUTURE, stated.dt.strftime("%d-%m-%Y")),
        ),
        _issue(
            birth.is_null() & date_text.is_null(),
            "birth_date.missing",
            "error",
            _text(messages.BIRTH_DATE_MISSING),
        ),
        _issue(
            stated.is_not_null() & pl.col("_nik_birth_date").is_not_null() & (stated != pl.col("_nik_birth_date")),
            "nik.birth_date_mismatch",
            "warning",
            _text(
                messages.NIK_BIRTH_DATE_MISMATCH,
                stated.dt.strftime("%d-%m-%Y"),
                pl.col("_nik_birth_date").dt.strftime("%d-%m-%Y"),
            ),
        ),
        _issue(
            pl.col("_sex_stated").is_not_null()
            & pl.col("_nik_sex").is_not_null()
            & (pl.col("_sex_stated") != pl.col("_nik_sex")),
            "nik.sex_mismatch",
            "warning",
            _text(messages.NIK_SEX_MISMATCH, pl.col("_sex_stated"), pl.col("_nik_sex")),
        ),
        _issue(
            pl.col("sex_text").is_not_null() & pl.col("_sex_stated").is_null(),
            "sex.invalid",
            "warning",
            _text(messages.SEX_INVALID, pl.col("sex_text")),
        ),
        # Age decides eligibility per program, not whether a row is kept: only an impossible age is an error.
        _issue(
            (birth <= pl.lit(on)) & (age > rules.max_possible_age),
            "age.impossible",
            "error",
            _text(messages.AGE_IMPOSSIBLE, age, on_text),
        ),
        _issue(
            (birth <= pl.lit(on)) & ~age.is_between(rules.min_age, rules.max_age) & (age <= rules.max_possible_age),
            "age.out_of_range",
            "warning",
            _text(messages.AGE_OUT_OF_RANGE, age, on_text, _Fixed(str(rules.min_age)), _Fixed(str(rules.max_age))),
        ),
        _issue(
            pl.col("_nik_region").is_not_null()
            & ~(pl.col("_nik_region") + pl.lit(".")).str.starts_with(f"{places.region_code}."),
            "nik.outside_region",
            "warning",
            _text(
                messages.NIK_OUTSIDE_REGION,
                pl.col("_nik_regency_name").fill_null("wilayah lain"),
                pl.col("_nik_region").str.slice(0, 5),
            ),
        ),
        _issue(
            pl.col("phone_text").is_not_null() & pl.col("phone").is_null(),
            "phone.invalid",
            "warning",
            _text(messages.PHONE_INVALID, pl.col("phone_text")),
        ),
        _issue(
            pl.col("kecamatan_text").is_not_null() & pl.col("kecamatan_code").is_null(),
            "address.outside_region",
            "error",
            _text(messages.ADDRESS_OUTSIDE_REGION, pl.col("kecamatan_text"), region_name),
        ),
        _issue(
            pl.col("kelurahan_text").is_not_null() & pl.col("kelurahan_code").is_null(),
            "address.kelurahan_unknown",
            "warning",
            _text(messages.ADDRESS_KELURAHAN_UNKNOWN, pl.col("kelurahan_text"), region_name),
        ),
        _issue(
            pl.col("occupation_text").is_not_null() & (pl.col("occupation") == OTHER),
            "occupation.unknown",
            "warning",
            _text(messages.OCCUPATION_UNKNOWN, pl.col("occupation_text")),
        ),
        _issue(
            pl.col("_desil_given") & pl.col("desil").is_null(),
            "desil.invalid",
            "warning",
            # An Excel number as the sender typed it: "11", not "11.0".
            _text(messages.DESIL_INVALID, pl.col("desil_text").str.strip_chars().str.replace(r"^(\d+)\.0+$", "$1")),
        ),
    ]


def _duplicate_issues(frame: pl.DataFrame) -> pl.DataFrame:
    """`_i`, issue: a warning on each row whose NIK appears again in the same file, naming the rows."""
    repeated = (
        frame.filter(pl.col("nik").is_not_null())
        .select("_i", "nik", place=format_str(messages.DUPLICATE_ROW, "sheet", "row"))
        .filter(pl.len().over("nik") > 1)
    )
    return (
        repeated.group_by("nik")
        .agg("_i", places=pl.col("place").str.join(", "))
        .explode("_i")
        .select(
            "_i",
            issue=pl.struct(
                code=pl.lit("nik.duplicate_in_file"),
                severity=pl.lit("warning"),
                message=_text(messages.NIK_DUPLICATE_IN_FILE, "places"),
            ),
        )
    )
