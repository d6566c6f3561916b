"""NIK (Nomor Induk Kependudukan): undo what people and Excel do to it, then check its structure.

A NIK is `PP KK CC DDMMYY SSSS`: province, kabupaten/kota and kecamatan where it was first issued,
birth date (day + 40 for women) and a serial from 0001. There is no check digit, so a structure
check can reject numbers that cannot be a NIK but cannot prove one was issued by Dukcapil.

The region codes in a NIK never change, so a code replaced by a later decree (Papua 2022,
Kalimantan Utara 2012) is a warning, not an error.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from jaring.core import regions
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
    region_code: str | None = None  # kecamatan code as encoded, e.g. "35.73.01"
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
            "issues": [issue.to_dict() for issue in self.issues],
        }


def mask_nik(nik: str | None) -> str:
    """Show only the region and serial of a NIK, for logs and lists: `3573********0001`."""
    if not nik:
        return ""
    if len(nik) != NIK_LENGTH:
        return "*" * len(nik)
    return f"{nik[:4]}{'*' * 8}{nik[12:]}"


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
        result.issues.append(
            _error(
                "nik.length",
                f"NIK harus {NIK_LENGTH} digit, yang tertulis {len(digits)} digit ({digits}).",
            )
        )
        return result
    result.nik = digits
    if result.from_number and digits.endswith("0"):
        result.issues.append(
            _warning(
                "nik.excel_damage",
                "NIK tersimpan sebagai angka dan berakhir dengan 0. Excel hanya menyimpan 15 digit, "
                "jadi digit terakhir mungkin berubah menjadi 0. Cocokkan dengan KTP dan simpan kolom NIK "
                "sebagai Teks.",
            )
        )
    _check_region(digits, result, directory)
    _check_birth_date(digits, result, on)
    if digits[12:] == "0000":
        result.issues.append(_error("nik.serial_zero", "Nomor urut NIK (4 digit terakhir) tidak boleh 0000."))
    return result


def _normalise(value: object, result: NikResult) -> str | None:
    """Digits of the NIK, or None after recording why there are none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        result.issues.append(_error("nik.missing", "NIK kosong."))
        return None
    if isinstance(value, bool):
        result.issues.append(_error("nik.not_numeric", "NIK harus berupa angka."))
        return None
    if isinstance(value, int | float | Decimal):
        return _digits_of_number(value, result)

    text = str(value).strip().lstrip(_LEADING_QUOTES).strip()
    scientific = _SCIENTIFIC.match(text)
    if scientific:
        significant = (scientific["int"] + (scientific["frac"] or "")).lstrip("0")
        # Excel shows at most 15 significant digits; fewer means the digits are gone for good.
        if len(significant) < EXCEL_SIGNIFICANT_DIGITS:
            result.from_number = True
            result.issues.append(
                _error(
                    "nik.scientific_notation",
                    f"NIK tertulis dalam notasi ilmiah ({text}) sehingga digit aslinya hilang. Ubah format "
                    "kolom NIK menjadi Teks lalu ketik ulang NIK dari KTP.",
                )
            )
            return None
        return _digits_of_number(Decimal(text.replace(",", ".")), result)
    float_text = _FLOAT_TEXT.match(text)
    if float_text:
        result.from_number = True
        return float_text["digits"]

    digits = _SEPARATORS.sub("", text)
    if not digits.isascii() or not digits.isdigit():
        strange = "".join(sorted({ch for ch in digits if not (ch.isascii() and ch.isdigit())}))
        result.issues.append(
            _error("nik.not_numeric", f"NIK hanya boleh berisi angka; ada karakter lain: «{strange}».")
        )
        return None
    return digits


def _digits_of_number(value: int | float | Decimal, result: NikResult) -> str | None:
    result.from_number = True
    try:
        number = value if isinstance(value, Decimal) else Decimal(value)
    except (InvalidOperation, ValueError):
        number = Decimal("NaN")
    if not number.is_finite() or number < 0 or number != number.to_integral_value():
        result.issues.append(_error("nik.not_numeric", f"NIK harus bilangan bulat 16 digit, bukan {value}."))
        return None
    return str(int(number))


def _check_region(digits: str, result: NikResult, directory: RegionDirectory) -> None:
    province, regency, district = (
        digits[:2],
        f"{digits[:2]}.{digits[2:4]}",
        f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}",
    )
    if directory.region_name(province) is None:
        result.issues.append(_error("nik.province_unknown", f"Kode provinsi {province} di NIK tidak dikenal."))
        return
    result.region_code = district
    if directory.region_name(regency) is None:
        legacy = directory.legacy_regency(regency)
        if legacy is None:
            result.issues.append(
                _error(
                    "nik.regency_unknown",
                    f"Kode kabupaten/kota {regency} di NIK tidak ada di data Kemendagri, baik yang berlaku "
                    "maupun kode lama.",
                )
            )
            return
        new_name = directory.region_name(legacy.new_code) or legacy.new_code
        result.issues.append(
            _warning(
                "nik.regency_legacy",
                f"Kode kabupaten/kota {regency} di NIK adalah kode lama {legacy.old_name}; "
                f"sekarang {new_name} ({legacy.new_code}) sejak {legacy.replaced_by}. NIK tetap berlaku.",
            )
        )
        return  # kecamatan codes under a replaced kabupaten cannot be checked against the current decree
    if directory.region_name(district) is None:
        result.issues.append(
            _warning(
                "nik.district_unknown",
                f"Kode kecamatan {district} di NIK tidak ada di data Kemendagri terbaru "
                "(mungkin kode lama sebelum pemekaran). Periksa dengan KTP.",
            )
        )


def _check_birth_date(digits: str, result: NikResult, on: dt.date) -> None:
    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    sex = "P" if day > 40 else "L"
    if sex == "P":
        day -= 40
    written = f"{digits[6:8]}-{digits[8:10]}-{digits[10:12]}"

    candidates = [date for date in (_date_or_none(century + yy, month, day) for century in (2000, 1900)) if date]
    if not candidates:
        result.issues.append(
            _error(
                "nik.birth_date_invalid",
                f"Bagian tanggal lahir di NIK ({written}) bukan tanggal yang ada"
                + (" (untuk perempuan tanggal ditambah 40)." if sex == "P" else "."),
            )
        )
        return
    plausible = [date for date in candidates if date <= on and _age_on(date, on) <= MAX_AGE_YEARS]
    if not plausible:
        result.issues.append(
            _error(
                "nik.birth_date_out_of_range",
                f"Tanggal lahir di NIK ({written}) membuat umur di luar 0–{MAX_AGE_YEARS} tahun "
                f"pada {on.day} {_MONTHS[on.month]} {on.year}.",
            )
        )
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


def _error(code: str, message: str) -> Issue:
    return Issue(code, Severity.ERROR, message)


def _warning(code: str, message: str) -> Issue:
    return Issue(code, Severity.WARNING, message)
