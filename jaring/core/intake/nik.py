"""NIK (Nomor Induk Kependudukan): undo what people and Excel do to it, then check its structure.

A NIK is `PP KK CC DDMMYY SSSS`: province, kabupaten/kota and kecamatan where it was first issued,
birth date (day + 40 for women) and a serial from 0001. There is no check digit, so a structure
check can reject numbers that cannot be a NIK but cannot prove one was issued by Dukcapil.

The region codes in a NIK never change, so a code replaced by a later decree (Papua 2022,
Kalimantan Utara 2012) is a warning, not an error.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

import polars as pl

from jaring.core import regions
from jaring.core.frames import format_str
from jaring.core.intake import messages
from jaring.core.issues import Issue, Severity

NIK_LENGTH = 16
MAX_AGE_YEARS = 100
# Excel keeps 15 significant digits, so the 16th digit of a NIK typed as a number becomes 0.
EXCEL_SIGNIFICANT_DIGITS = 15

_SCIENTIFIC = re.compile(r"^[+]?(?P<int>\d+)(?:[.,](?P<frac>\d+))?[eE][+]?(?P<exp>\d+)$")
_FLOAT_TEXT = re.compile(r"^(?P<digits>\d+)[.,]0+$")
_SEPARATORS = re.compile(r"[\s.\-_]+")
_LEADING_QUOTES = "'‘’`\""
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


class RegionDirectory(Protocol):
    """What the parser needs to know about region codes; `jaring.core.regions` is the default."""

    def region_name(self, code: str) -> str | None: ...

    def legacy_regency(self, code: str) -> regions.LegacyRegency | None: ...


@dataclass(slots=True)
class NikResult:
    input: str
    nik: str | None = None
    sex: str | None = None  # "L" laki-laki, "P" perempuan
    birth_date: dt.date | None = None
    region_code: str | None = None  # kecamatan code as encoded, e.g. "35.73.01"; empty when the regency is unknown
    province_name: str | None = None
    regency_name: str | None = None  # for a replaced code, its name then
    district_name: str | None = None
    current_regency_code: str | None = None  # for a replaced code, the kabupaten/kota's code now
    from_number: bool = False  # the value reached us as a number (an Excel numeric cell)
    issues: list[Issue] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(issue.is_error for issue in self.issues)

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "nik": self.nik,
            "valid": self.valid,
            "sex": self.sex,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "region_code": self.region_code,
            "province": self.province_name,
            "regency": self.regency_name,
            "district": self.district_name,
            "current_regency_code": self.current_regency_code,
            "issues": [issue.to_dict() for issue in self.issues],
        }


def mask_nik(nik: str | None) -> str:
    """Show only the region and serial of a NIK, for logs and lists: `3573********0001`."""
    if not nik:
        return ""
    if len(nik) != NIK_LENGTH:
        return "*" * len(nik)
    return f"{nik[:4]}{'*' * 8}{nik[12:]}"


def excel_copies(nik: pl.Expr) -> list[pl.Expr]:
    """What Excel makes of a 16-digit NIK typed as a number: rounded to 15 significant digits
    (…0428 → …0430) or cut after the 15th (…0428 → …0420). A NIK equal to one of these forms of
    another NIK of the same person is that NIK damaged, not a second person's."""
    rounded = ((nik.cast(pl.Int64, strict=False) + 5) // 10 * 10).cast(pl.String).str.zfill(NIK_LENGTH)
    return [rounded, nik.str.slice(0, EXCEL_SIGNIFICANT_DIGITS) + pl.lit("0")]


def parse_nik(value: object, *, on: dt.date, directory: RegionDirectory = regions) -> NikResult:
    """Normalise `value` (text, int, float or Decimal as read from a file) and validate it as a NIK.

    `on` is the reference date for the century rule: of 19YY and 20YY we take the year that makes
    the person between 0 and 100 years old on that day.
    """
    result = NikResult(input="" if value is None else str(value))
    digits = _normalise(value, result)
    if digits is None:
        return result
    if len(digits) != NIK_LENGTH:
        result.issues.append(_error(messages.NIK_WRONG_LENGTH, NIK_LENGTH, len(digits), digits))
        return result
    result.nik = digits
    if result.from_number and digits.endswith("0"):
        result.issues.append(_warning(messages.NIK_EXCEL_DAMAGE))
    _check_region(digits, result, directory)
    _check_birth_date(digits, result, on)
    if digits[12:] == "0000":
        result.issues.append(_error(messages.NIK_SERIAL_ZERO))
    return result


def _normalise(value: object, result: NikResult) -> str | None:
    """Digits of the NIK, or None after recording why there are none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        result.issues.append(_error(messages.NIK_MISSING))
        return None
    if isinstance(value, bool):
        result.issues.append(_error(messages.NIK_NOT_A_NUMBER))
        return None
    if isinstance(value, int | float | Decimal):
        return _digits_of_number(value, result)

    text = str(value).strip().lstrip(_LEADING_QUOTES).strip()
    float_text = _FLOAT_TEXT.match(text)
    if _says_none(text, float_text["digits"] if float_text else _SEPARATORS.sub("", text)):
        result.issues.append(_error(messages.NIK_MISSING_WRITTEN, text))
        return None
    scientific = _SCIENTIFIC.match(text)
    if scientific:
        significant = (scientific["int"] + (scientific["frac"] or "")).lstrip("0")
        # Excel shows at most 15 significant digits; fewer means the digits are gone for good.
        if len(significant) < EXCEL_SIGNIFICANT_DIGITS:
            result.from_number = True
            result.issues.append(_error(messages.NIK_SCIENTIFIC_NOTATION, text))
            return None
        return _digits_of_number(Decimal(text.replace(",", ".")), result)
    if float_text:
        result.from_number = True
        return float_text["digits"]

    digits = _SEPARATORS.sub("", text)
    if not digits.isascii() or not digits.isdigit():
        strange = "".join(sorted({ch for ch in digits if not (ch.isascii() and ch.isdigit())}))
        result.issues.append(_error(messages.NIK_STRANGE_CHARACTERS, strange))
        return None
    return digits


def _digits_of_number(value: int | float | Decimal, result: NikResult) -> str | None:
    result.from_number = True
    try:
        number = value if isinstance(value, Decimal) else Decimal(value)
    except (InvalidOperation, ValueError):
        number = Decimal("NaN")
    if not number.is_finite() or number < 0 or number != number.to_integral_value():
        result.issues.append(_error(messages.NIK_NOT_INTEGER, value))
        return None
    if number == 0:
        result.issues.append(_error(messages.NIK_MISSING_WRITTEN, "0"))
        return None
    return str(int(number))


def _says_none(text: str, digits: str) -> bool:
    """A cell that stands for "no NIK": no digit at all ("-", "belum ada", "KTP hilang") or only zeros."""
    return not any(ch.isdigit() for ch in text) or (digits.isascii() and digits.isdigit() and not digits.strip("0"))


def _check_region(digits: str, result: NikResult, directory: RegionDirectory) -> None:
    province, regency, district = (
        digits[:2],
        f"{digits[:2]}.{digits[2:4]}",
        f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}",
    )
    if directory.region_name(province) is None:
        result.issues.append(_error(messages.NIK_PROVINCE_UNKNOWN, province))
        return
    result.province_name = directory.region_name(province)
    if directory.region_name(regency) is None:
        legacy = directory.legacy_regency(regency)
        if legacy is None:
            result.issues.append(_error(messages.NIK_REGENCY_UNKNOWN, regency))
            return
        new_name = directory.region_name(legacy.new_code) or legacy.new_code
        result.region_code, result.regency_name, result.current_regency_code = (
            district,
            legacy.old_name,
            legacy.new_code,
        )
        result.issues.append(
            _warning(
                messages.NIK_REGENCY_LEGACY, regency, legacy.old_name, new_name, legacy.new_code, legacy.replaced_by
            )
        )
        return  # kecamatan codes under a replaced kabupaten cannot be checked against the current decree
    result.region_code, result.regency_name = district, directory.region_name(regency)
    result.district_name = directory.region_name(district)
    if result.district_name is None:
        result.issues.append(_warning(messages.NIK_DISTRICT_UNKNOWN, district))


def _check_birth_date(digits: str, result: NikResult, on: dt.date) -> None:
    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    sex = "P" if day > 40 else "L"
    if sex == "P":
        day -= 40
    written = f"{digits[6:8]}-{digits[8:10]}-{digits[10:12]}"

    candidates = [date for date in (_date_or_none(century + yy, month, day) for century in (2000, 1900)) if date]
    if not candidates:
        template = messages.NIK_BIRTH_DATE_INVALID_WOMAN if sex == "P" else messages.NIK_BIRTH_DATE_INVALID
        result.issues.append(_error(template, written))
        return
    plausible = [date for date in candidates if date <= on and _age_on(date, on) <= MAX_AGE_YEARS]
    if not plausible:
        on_text = f"{on.day} {_MONTHS[on.month]} {on.year}"
        result.issues.append(_error(messages.NIK_BIRTH_DATE_OUT_OF_RANGE, written, MAX_AGE_YEARS, on_text))
        return
    result.birth_date = plausible[0]  # 20YY is tried first: when both fit, the younger person
    result.sex = sex


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _error(template: messages.Template, *values: object) -> Issue:
    return Issue(template.code, Severity.ERROR, template.format_id(*values))


def _warning(template: messages.Template, *values: object) -> Issue:
    return Issue(template.code, Severity.WARNING, template.format_id(*values))


# --- the same rules over a whole column -------------------------------------------------------------

NIK_FIELDS = pl.Schema(
    {"value": pl.String, "nik": pl.String, "sex": pl.String, "birth_date": pl.Date, "region_code": pl.String}
)
NIK_ISSUES = pl.Schema({"value": pl.String, "code": pl.String, "severity": pl.String, "message": pl.String})
_ISSUE_ORDER = {"excel": 0, "region": 1, "birth": 2, "serial": 3}


def parse_nik_frame(
    values: pl.Series, *, on: dt.date, directory: RegionDirectory = regions
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`parse_nik` for a column of text, as frames: (fields per distinct value, issues per distinct value).

    Fields: value, nik, sex, birth_date, region_code. Issues: value, code, severity, message, in the
    order `parse_nik` reports them. The text is cleaned with Polars; the region and birth-date rules
    run once per distinct NIK prefix and date part, so a million rows cost a few thousand checks.
    Values written in scientific notation or with characters beyond ASCII (rare, and full of corner
    cases) go through `parse_nik` itself. A test holds the two to the same answers.
    """
    distinct = pl.DataFrame({"value": values.cast(pl.String)}).unique(maintain_order=True)
    text = pl.col("value").str.strip_chars().str.strip_chars_start(_LEADING_QUOTES).str.strip_chars()
    frame = distinct.with_columns(_text=text)
    rare = (
        pl.col("_text").str.contains(_SCIENTIFIC.pattern) | ~pl.col("value").str.contains(r"^[\x00-\x7F]*$")
    ).fill_null(False)
    scalar_values = frame.filter(rare).get_column("value").to_list()
    frame = frame.filter(~rare)

    missing = pl.col("value").is_null() | (pl.col("value").str.strip_chars() == "")
    float_digits = pl.col("_text").str.extract(_FLOAT_TEXT.pattern, 1)
    frame = frame.with_columns(
        _missing=missing,
        _from_number=float_digits.is_not_null() & ~missing,
        _digits=pl.coalesce(float_digits, pl.col("_text").str.replace_all(_SEPARATORS.pattern, "")),
    ).with_columns(_numeric=pl.col("_digits").str.contains(r"^[0-9]+$"))
    # "-", "belum ada", "KTP hilang", "0": no digit at all, or only zeros (as _says_none)
    frame = frame.with_columns(
        _says_none=~pl.col("_missing")
        & (~pl.col("_text").str.contains("[0-9]") | pl.col("_digits").str.contains(r"^0+$")),
    )
    strange = pl.col("_digits").str.replace_all("[0-9]", "").str.split("").list.unique().list.sort().list.join("")
    length = pl.col("_digits").str.len_chars()
    sixteen = ~pl.col("_missing") & ~pl.col("_says_none") & pl.col("_numeric") & (length == NIK_LENGTH)
    frame = frame.with_columns(nik=pl.when(sixteen).then(pl.col("_digits")))
    early = [
        frame.filter(pl.col("_missing")).select(
            "value", code=pl.lit(messages.NIK_MISSING.code), message=pl.lit(messages.NIK_MISSING.id)
        ),
        frame.filter(pl.col("_says_none")).select(
            "value",
            code=pl.lit(messages.NIK_MISSING_WRITTEN.code),
            message=format_str(messages.NIK_MISSING_WRITTEN.id, "_text"),
        ),
        frame.filter(~pl.col("_missing") & ~pl.col("_says_none") & ~pl.col("_numeric")).select(
            "value",
            code=pl.lit(messages.NIK_STRANGE_CHARACTERS.code),
            message=format_str(messages.NIK_STRANGE_CHARACTERS.id, strange.fill_null("")),
        ),
        frame.filter(~pl.col("_missing") & ~pl.col("_says_none") & pl.col("_numeric") & (length != NIK_LENGTH)).select(
            "value",
            code=pl.lit(messages.NIK_WRONG_LENGTH.code),
            message=format_str(messages.NIK_WRONG_LENGTH.id.replace("{}", str(NIK_LENGTH), 1), length, "_digits"),
        ),
    ]
    issues = [
        pl.concat(early).with_columns(severity=pl.lit(Severity.ERROR.value), _order=pl.lit(-1)),
        _column_issues(
            frame.filter(pl.col("_from_number") & pl.col("nik").str.ends_with("0")),
            "excel",
            _warning(messages.NIK_EXCEL_DAMAGE),
        ),
    ]
    valid = frame.filter(pl.col("nik").is_not_null()).with_columns(
        _part_region=pl.col("nik").str.slice(0, 6), _part_birth=pl.col("nik").str.slice(6, 6)
    )
    region_parts = _part_checks(valid, 0, 6, lambda digits, result: _check_region(digits, result, directory), "region")
    birth_parts = _part_checks(valid, 6, 12, lambda digits, result: _check_birth_date(digits, result, on), "birth")
    valid = valid.join(region_parts[0], on="_part_region", how="left").join(
        birth_parts[0], on="_part_birth", how="left"
    )
    issues += [
        valid.select("value", "_part_region").join(region_parts[1], on="_part_region").drop("_part_region"),
        valid.select("value", "_part_birth").join(birth_parts[1], on="_part_birth").drop("_part_birth"),
        _column_issues(valid.filter(pl.col("nik").str.slice(12) == "0000"), "serial", _error(messages.NIK_SERIAL_ZERO)),
    ]
    fields = pl.concat(
        [
            frame.filter(pl.col("nik").is_null())
            .select("value", "nik")
            .with_columns(
                sex=pl.lit(None, pl.String), birth_date=pl.lit(None, pl.Date), region_code=pl.lit(None, pl.String)
            ),
            valid.select("value", "nik", "sex", "birth_date", "region_code"),
        ]
    ).cast(NIK_FIELDS)
    found = pl.concat([issue.select("value", "code", "severity", "message", "_order") for issue in issues])
    found = found.with_columns(pl.col("_order").cast(pl.Int32)).sort("_order", maintain_order=True).drop("_order")
    if scalar_values:
        fields_rare, issues_rare = _scalar_frames(scalar_values, on=on, directory=directory)
        fields, found = pl.concat([fields, fields_rare]), pl.concat([found.cast(NIK_ISSUES), issues_rare])
    return fields, found.cast(NIK_ISSUES)


def _column_issues(rows: pl.DataFrame, order: str, issue: Issue) -> pl.DataFrame:
    """`issue` for each row of `rows`."""
    return rows.select(
        "value",
        code=pl.lit(issue.code),
        severity=pl.lit(issue.severity.value),
        message=pl.lit(issue.message),
        _order=pl.lit(_ISSUE_ORDER[order]),
    )


def _part_checks(
    valid: pl.DataFrame, start: int, end: int, check: Callable[[str, NikResult], None], name: str
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Run a scalar rule once per distinct slice of the NIK: (fields per slice, issues per slice)."""
    column = f"_part_{name}"
    parts = valid.get_column(column).unique()
    results = []
    for part in parts.to_list():
        result = NikResult(input="")
        check("0" * start + part + "0" * (NIK_LENGTH - end), result)
        results.append(result)
    fields = pl.DataFrame(
        {
            column: parts,
            "region_code": [result.region_code for result in results],
            "sex": [result.sex for result in results],
            "birth_date": [result.birth_date for result in results],
        },
        schema={column: pl.String, "region_code": pl.String, "sex": pl.String, "birth_date": pl.Date},
    )
    fields = fields.select(column, "region_code") if name == "region" else fields.select(column, "sex", "birth_date")
    found = [(part, issue) for part, result in zip(parts.to_list(), results, strict=True) for issue in result.issues]
    issues = pl.DataFrame(
        {
            column: [part for part, _issue in found],
            "code": [issue.code for _part, issue in found],
            "severity": [issue.severity.value for _part, issue in found],
            "message": [issue.message for _part, issue in found],
            "_order": [_ISSUE_ORDER[name]] * len(found),
        },
        schema={column: pl.String, "code": pl.String, "severity": pl.String, "message": pl.String, "_order": pl.Int32},
    )
    return fields, issues


def _scalar_frames(
    values: list[object], *, on: dt.date, directory: RegionDirectory
) -> tuple[pl.DataFrame, pl.DataFrame]:
    parsed = [parse_nik(value, on=on, directory=directory) for value in values]
    fields = pl.DataFrame(
        {
            "value": values,
            "nik": [result.nik for result in parsed],
            "sex": [result.sex for result in parsed],
            "birth_date": [result.birth_date for result in parsed],
            "region_code": [result.region_code for result in parsed],
        },
        schema=NIK_FIELDS,
    )
    found = [(value, issue) for value, result in zip(values, parsed, strict=True) for issue in result.issues]
    issues = pl.DataFrame(
        {
            "value": [value for value, _issue in found],
            "code": [issue.code for _value, issue in found],
            "severity": [issue.severity.value for _value, issue in found],
            "message": [issue.message for _value, issue in found],
        },
        schema=NIK_ISSUES,
    )
    return fields, issues
