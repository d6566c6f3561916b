"""The words of every row validation problem, in Indonesian and English, in one place.

An import stores each issue as code, severity and an Indonesian message, built from the Indonesian
template of a `Template` here (`records.py` and `nik.py` take their texts from this module, so the
two cannot drift). Nothing else is stored per row. To show a message in English, the values are
read back out of the stored text with a pattern derived from the same Indonesian template (its
literal text escaped, each "{}" a group) and put into the English template, whose "{}" stand for
the same values in the same order.

Pure Python: the core never imports Django. `language` is a Django language code ("id", "en",
"en-gb"): anything starting with "en" is English, everything else Indonesian.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

PLACEHOLDER = "{}"


@dataclass(frozen=True)
class Label:
    """The short name of an issue code, for counts on screens and in reports."""

    id: str
    en: str


@dataclass(frozen=True)
class Template:
    """One form of the message of an issue code.

    `id` builds the stored text; `en` has the same "{}" for the same values, in the same order.
    `en_values` optionally gives, per "{}", how a value written in Indonesian reads in English
    (a month abbreviation, "wilayah lain"); values it does not know pass unchanged.
    """

    code: str
    id: str
    en: str
    en_values: tuple[Callable[[str], str] | None, ...] = ()
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        count = self.id.count(PLACEHOLDER)
        if self.en.count(PLACEHOLDER) != count:
            raise ValueError(f"{self.code}: {self.id!r} and {self.en!r} have different numbers of placeholders")
        if self.en_values and len(self.en_values) != count:
            raise ValueError(f"{self.code}: en_values needs one entry per placeholder")
        regex = "(.*?)".join(re.escape(literal) for literal in self.id.split(PLACEHOLDER))
        object.__setattr__(self, "pattern", re.compile(regex, re.DOTALL))

    @property
    def placeholders(self) -> int:
        return self.id.count(PLACEHOLDER)

    def format_id(self, *values: object) -> str:
        """The Indonesian text, as an import stores it."""
        return self._fill(self.id, values)

    def format_en(self, *values: object) -> str:
        """The English text for the values of an Indonesian one."""
        texts = [str(value) for value in values]
        if self.en_values:
            texts = [
                text if convert is None else convert(text) for text, convert in zip(texts, self.en_values, strict=True)
            ]
        return self._fill(self.en, texts)

    def values_of(self, message: str) -> tuple[str, ...] | None:
        """The values `message` was built from with this template, or None when it was not."""
        found = self.pattern.fullmatch(message)
        return found.groups() if found else None

    def _fill(self, template: str, values: Sequence[object]) -> str:
        # Split rather than str.format: the values may hold braces, the literal text holds none.
        parts = template.split(PLACEHOLDER)
        if len(parts) != len(values) + 1:
            raise ValueError(f"{self.code}: {len(parts) - 1} placeholders for {len(values)} values")
        out = [parts[0]]
        for value, literal in zip(values, parts[1:], strict=True):
            out += [str(value), literal]
        return "".join(out)


# --- English forms of values written in Indonesian ---------------------------------------------------

_MONTHS_EN = {"Mei": "May", "Agu": "Aug", "Okt": "Oct", "Des": "Dec"}
_MONTH_WORD = re.compile(rf"\b({'|'.join(_MONTHS_EN)})\b")
_SHEET_ROW = re.compile(r" baris (\d+)(?=, |$)")


def _date_en(text: str) -> str:
    """ "21 Agu 2026" -> "21 Aug 2026"."""
    return _MONTH_WORD.sub(lambda found: _MONTHS_EN[found[1]], text)


def _sex_en(text: str) -> str:
    return {"L": "L (male)", "P": "P (female)"}.get(text, text)


def _region_en(text: str) -> str:
    return "another region" if text == "wilayah lain" else text


def _rows_en(text: str) -> str:
    """ "Data baris 2, Data baris 3" -> "Data row 2, Data row 3"."""
    return _SHEET_ROW.sub(r" row \1", text)


# --- the catalogue ---------------------------------------------------------------------------------

NAME_MISSING = Template("name.missing", "Nama kosong.", "Name is empty.")
BIRTH_DATE_INVALID = Template(
    "birth_date.invalid",
    "Tanggal lahir “{}” tidak dikenali; tulis sebagai hari-bulan-tahun, mis. 17-08-1975.",
    "Birth date “{}” not recognised; write it as day-month-year, e.g. 17-08-1975.",
)
BIRTH_DATE_FROM_NIK_EMPTY = Template(
    "birth_date.from_nik",
    "Tanggal lahir kosong; diambil dari NIK: {}.",
    "Birth date is empty; taken from the NIK: {}.",
)
BIRTH_DATE_FROM_NIK_UNREADABLE = Template(
    "birth_date.from_nik",
    "Tanggal lahir “{}” tidak dikenali; diambil dari NIK: {}.",
    "Birth date “{}” not recognised; taken from the NIK: {}.",
)
BIRTH_DATE_FUTURE = Template(
    "birth_date.future", "Tanggal lahir {} berada di masa depan.", "Birth date {} is in the future."
)
BIRTH_DATE_MISSING = Template(
    "birth_date.missing",
    "Tanggal lahir kosong dan tidak bisa dibaca dari NIK.",
    "Birth date is empty and cannot be read from the NIK.",
)
NIK_BIRTH_DATE_MISMATCH = Template(
    "nik.birth_date_mismatch",
    "Tanggal lahir {} berbeda dengan tanggal di NIK ({}). Periksa dengan KTP.",
    "Birth date {} differs from the date in the NIK ({}). Check it against the KTP.",
)
NIK_SEX_MISMATCH = Template(
    "nik.sex_mismatch",
    "Jenis kelamin {} berbeda dengan yang tersirat di NIK ({}). Periksa dengan KTP.",
    "The sex written, {}, differs from the sex the NIK implies, {}. Check it against the KTP.",
    (_sex_en, _sex_en),
)
SEX_INVALID = Template(
    "sex.invalid",
    "Jenis kelamin “{}” tidak dikenali; gunakan L atau P.",
    "Sex “{}” not recognised; use L (male) or P (female).",
)
AGE_IMPOSSIBLE = Template(
    "age.impossible",
    "Umur {} tahun pada {} tidak mungkin; periksa tanggal lahir.",
    "An age of {} years on {} is impossible; check the birth date.",
)
AGE_OUT_OF_RANGE = Template(
    "age.out_of_range",
    "Umur {} tahun pada {}, di luar {}–{} tahun; baris tetap diterima, syarat umur ditentukan tiap program.",
    "Age {} years on {}, outside {}–{} years; the row is still accepted, each program sets its own age rules.",
)
NIK_OUTSIDE_REGION = Template(
    "nik.outside_region",
    "KTP luar daerah: NIK diterbitkan di {} ({}); domisili dibaca dari alamat.",
    "KTP from another region: the NIK was issued in {} ({}); the domicile is read from the address.",
    (_region_en, None),
)
PHONE_INVALID = Template("phone.invalid", "Nomor HP “{}” tidak valid.", "Phone number “{}” is not valid.")
ADDRESS_OUTSIDE_REGION = Template(
    "address.outside_region",
    "Kecamatan “{}” tidak ada di {}; domisili di luar wilayah.",
    "Kecamatan (district) “{}” is not in {}; the domicile is outside the region.",
)
ADDRESS_KELURAHAN_UNKNOWN = Template(
    "address.kelurahan_unknown",
    "Kelurahan/desa “{}” tidak ditemukan di {}.",
    "Kelurahan/desa (village) “{}” was not found in {}.",
)
OCCUPATION_UNKNOWN = Template(
    "occupation.unknown",
    "Pekerjaan “{}” tidak ada di katalog; dicatat sebagai Lainnya.",
    "Occupation “{}” is not in the catalogue; recorded as Other.",
)
DESIL_INVALID = Template(
    "desil.invalid",
    "Desil “{}” tidak dikenali; tulis angka 1–10, mis. 3 atau Desil 3. Baris tetap diterima tanpa desil.",
    "Desil “{}” not recognised; write a number from 1 to 10, e.g. 3 or Desil 3. The row is still accepted, "
    "without a desil.",
)
NIK_DUPLICATE_IN_FILE = Template(
    "nik.duplicate_in_file",
    "NIK yang sama muncul lebih dari sekali di berkas ini: {}.",
    "The same NIK appears more than once in this file: {}.",
    (_rows_en,),
)
DUPLICATE_ROW = "{} baris {}"  # a sheet and row number, as NIK_DUPLICATE_IN_FILE lists them

NIK_MISSING = Template("nik.missing", "NIK kosong.", "NIK is empty.")
# "-", "belum ada", "KTP hilang", "0": the list says there is no NIK, in words.
NIK_MISSING_WRITTEN = Template("nik.missing", "NIK belum ada (tertulis «{}»).", "No NIK yet (the cell says «{}»).")
NIK_NOT_A_NUMBER = Template("nik.not_numeric", "NIK harus berupa angka.", "The NIK must be a number.")
NIK_STRANGE_CHARACTERS = Template(
    "nik.not_numeric",
    "NIK hanya boleh berisi angka; ada karakter lain: «{}».",
    "The NIK may contain digits only; other characters found: «{}».",
)
NIK_NOT_INTEGER = Template(
    "nik.not_numeric",
    "NIK harus bilangan bulat 16 digit, bukan {}.",
    "The NIK must be a whole number of 16 digits, not {}.",
)
NIK_WRONG_LENGTH = Template(
    "nik.length",
    "NIK harus {} digit, yang tertulis {} digit ({}).",
    "The NIK must have {} digits; the one written has {} digits ({}).",
)
NIK_EXCEL_DAMAGE = Template(
    "nik.excel_damage",
    "NIK tersimpan sebagai angka dan berakhir dengan 0. Excel hanya menyimpan 15 digit, jadi digit terakhir "
    "mungkin berubah menjadi 0. Cocokkan dengan KTP dan simpan kolom NIK sebagai Teks.",
    "The NIK was stored as a number and ends in 0. Excel keeps only 15 digits, so the last digit may have "
    "become 0. Compare it with the KTP and store the NIK column as Text.",
)
NIK_SCIENTIFIC_NOTATION = Template(
    "nik.scientific_notation",
    "NIK tertulis dalam notasi ilmiah ({}) sehingga digit aslinya hilang. Ubah format kolom NIK menjadi Teks "
    "lalu ketik ulang NIK dari KTP.",
    "The NIK is written in scientific notation ({}), so its original digits are lost. Format the NIK column "
    "as Text and type the NIK again from the KTP.",
)
NIK_PROVINCE_UNKNOWN = Template(
    "nik.province_unknown",
    "Kode provinsi {} di NIK tidak dikenal.",
    "Province code {} in the NIK is unknown.",
)
NIK_REGENCY_UNKNOWN = Template(
    "nik.regency_unknown",
    "Kode kabupaten/kota {} di NIK tidak ada di data Kemendagri, baik yang berlaku maupun kode lama.",
    "Regency/city code {} in the NIK is not in the Kemendagri data, neither among current nor old codes.",
)
NIK_REGENCY_LEGACY = Template(
    "nik.regency_legacy",
    "Kode kabupaten/kota {} di NIK adalah kode lama {}; sekarang {} ({}) sejak {}. NIK tetap berlaku.",
    "Regency/city code {} in the NIK is the old code of {}; now {} ({}) since {}. The NIK remains valid.",
)
NIK_DISTRICT_UNKNOWN = Template(
    "nik.district_unknown",
    "Kode kecamatan {} di NIK tidak ada di data Kemendagri terbaru (mungkin kode lama sebelum pemekaran). "
    "Periksa dengan KTP.",
    "Kecamatan (district) code {} in the NIK is not in the latest Kemendagri data (perhaps an old code from "
    "before a split). Check it against the KTP.",
)
NIK_BIRTH_DATE_INVALID_WOMAN = Template(
    "nik.birth_date_invalid",
    "Bagian tanggal lahir di NIK ({}) bukan tanggal yang ada (untuk perempuan tanggal ditambah 40).",
    "The birth-date part of the NIK ({}) is not a real date (for women the day has 40 added).",
)
NIK_BIRTH_DATE_INVALID = Template(
    "nik.birth_date_invalid",
    "Bagian tanggal lahir di NIK ({}) bukan tanggal yang ada.",
    "The birth-date part of the NIK ({}) is not a real date.",
)
NIK_BIRTH_DATE_OUT_OF_RANGE = Template(
    "nik.birth_date_out_of_range",
    "Tanggal lahir di NIK ({}) membuat umur di luar 0–{} tahun pada {}.",
    "The birth date in the NIK ({}) gives an age outside 0–{} years on {}.",
    (None, None, _date_en),
)
NIK_SERIAL_ZERO = Template(
    "nik.serial_zero",
    "Nomor urut NIK (4 digit terakhir) tidak boleh 0000.",
    "The NIK serial number (its last 4 digits) cannot be 0000.",
)

ALL_TEMPLATES = (
    NAME_MISSING,
    BIRTH_DATE_INVALID,
    BIRTH_DATE_FROM_NIK_EMPTY,
    BIRTH_DATE_FROM_NIK_UNREADABLE,
    BIRTH_DATE_FUTURE,
    BIRTH_DATE_MISSING,
    NIK_BIRTH_DATE_MISMATCH,
    NIK_SEX_MISMATCH,
    SEX_INVALID,
    AGE_IMPOSSIBLE,
    AGE_OUT_OF_RANGE,
    NIK_OUTSIDE_REGION,
    PHONE_INVALID,
    ADDRESS_OUTSIDE_REGION,
    ADDRESS_KELURAHAN_UNKNOWN,
    OCCUPATION_UNKNOWN,
    DESIL_INVALID,
    NIK_DUPLICATE_IN_FILE,
    NIK_MISSING_WRITTEN,
    NIK_MISSING,
    NIK_NOT_A_NUMBER,
    NIK_STRANGE_CHARACTERS,
    NIK_NOT_INTEGER,
    NIK_WRONG_LENGTH,
    NIK_EXCEL_DAMAGE,
    NIK_SCIENTIFIC_NOTATION,
    NIK_PROVINCE_UNKNOWN,
    NIK_REGENCY_UNKNOWN,
    NIK_REGENCY_LEGACY,
    NIK_DISTRICT_UNKNOWN,
    NIK_BIRTH_DATE_INVALID_WOMAN,
    NIK_BIRTH_DATE_INVALID,
    NIK_BIRTH_DATE_OUT_OF_RANGE,
    NIK_SERIAL_ZERO,
)
# Per code, its forms in the order they are tried: a more specific form before one it could contain.
TEMPLATES: dict[str, tuple[Template, ...]] = {}
for _template in ALL_TEMPLATES:
    TEMPLATES[_template.code] = (*TEMPLATES.get(_template.code, ()), _template)
del _template

LABELS: dict[str, Label] = {
    "nik.missing": Label("NIK kosong", "NIK empty"),
    "nik.not_numeric": Label("NIK bukan angka", "NIK not a number"),
    "nik.scientific_notation": Label(
        "NIK rusak oleh Excel (notasi ilmiah)", "NIK damaged by Excel (scientific notation)"
    ),
    "nik.length": Label("NIK tidak 16 digit", "NIK not 16 digits"),
    "nik.province_unknown": Label("Kode provinsi NIK tidak dikenal", "Unknown province code in NIK"),
    "nik.regency_unknown": Label("Kode kabupaten/kota NIK tidak dikenal", "Unknown regency/city code in NIK"),
    "nik.regency_legacy": Label("Kode wilayah NIK kode lama", "Old region code in NIK"),
    "nik.district_unknown": Label("Kode kecamatan NIK tidak dikenal", "Unknown district code in NIK"),
    "nik.birth_date_invalid": Label("Tanggal lahir di NIK tidak ada", "Birth date in NIK does not exist"),
    "nik.birth_date_out_of_range": Label(
        "Tanggal lahir di NIK di luar rentang umur", "Birth date in NIK outside the age range"
    ),
    "nik.serial_zero": Label("Nomor urut NIK 0000", "NIK serial number 0000"),
    "nik.excel_damage": Label("NIK mungkin diubah Excel", "NIK possibly changed by Excel"),
    "nik.birth_date_mismatch": Label("Tanggal lahir berbeda dengan NIK", "Birth date differs from NIK"),
    "nik.sex_mismatch": Label("Jenis kelamin berbeda dengan NIK", "Sex differs from NIK"),
    "nik.duplicate_in_file": Label("NIK ganda dalam berkas", "NIK repeated in the file"),
    "name.missing": Label("Nama kosong", "Name empty"),
    "birth_date.invalid": Label("Tanggal lahir tidak dikenali", "Birth date not recognised"),
    "birth_date.future": Label("Tanggal lahir di masa depan", "Birth date in the future"),
    "birth_date.missing": Label("Tanggal lahir kosong", "Birth date empty"),
    "sex.invalid": Label("Jenis kelamin tidak dikenali", "Sex not recognised"),
    "age.out_of_range": Label("Umur di luar 15–65 (program yang menentukan)", "Age outside 15–65 (programs decide)"),
    "age.impossible": Label("Umur tidak mungkin", "Impossible age"),
    "birth_date.from_nik": Label("Tanggal lahir diambil dari NIK", "Birth date taken from NIK"),
    "nik.outside_region": Label("KTP luar daerah", "KTP from another region"),
    "phone.invalid": Label("Nomor HP tidak valid", "Invalid phone number"),
    "address.outside_region": Label("Domisili di luar wilayah", "Domicile outside the region"),
    "address.kelurahan_unknown": Label("Kelurahan/desa tidak ditemukan", "Kelurahan/desa not found"),
    "occupation.unknown": Label("Pekerjaan di luar katalog", "Occupation not in the catalogue"),
    "desil.invalid": Label("Desil tidak dikenali", "Desil not recognised"),
}
OTHER_PROBLEM = Label("Masalah lain", "Other problem")


def is_english(language: str | None) -> bool:
    return bool(language and language.lower().startswith("en"))


def issue_label(code: str, language: str | None) -> str:
    """The short name of an issue code; an unknown code gets a generic name, never the code itself."""
    label = LABELS.get(code, OTHER_PROBLEM)
    return label.en if is_english(language) else label.id


def match_template(code: str, message: str) -> Template | None:
    """The form of `code` the stored `message` was built from, or None (an unknown code or older text)."""
    for template in TEMPLATES.get(code, ()):
        if template.values_of(message) is not None:
            return template
    return None


def issue_message(code: str, message: str | None, language: str | None) -> str:
    """A stored issue message as the user reads it.

    Indonesian: the stored text unchanged. English: the English form of the same message; a text no
    template matches (written by an older version) gives the English label with the original text
    in parentheses. Never raises.
    """
    if not message:
        return issue_label(code, language)
    if not is_english(language):
        return message
    for template in TEMPLATES.get(code, ()):
        values = template.values_of(message)
        if values is not None:
            return template.format_en(*values)
    return f"{issue_label(code, language)} ({message})"


# Why a whole file was refused (core.tabular.FileRejected codes), for readers of English. The
# Indonesian message, with the file's own details, is what the core writes.
FILE_REJECTIONS_EN = {
    "file.empty": "The file is empty.",
    "file.too_large": "The file is larger than the limit; split the list into several files.",
    "file.type_mismatch": (
        "The file's content is not the spreadsheet its name says; save it again from Excel with "
        "“Save As” in the right format."
    ),
    "file.sheet_missing": "That sheet is not in the file.",
    "file.no_data": "The file holds no data.",
    "file.too_many_rows": "A sheet has more rows than the limit; split the list into several files.",
    "file.corrupt": (
        "The file is damaged or not a readable spreadsheet; open it in Excel, save it again and upload it again."
    ),
    "file.encoding": "The letters in the file cannot be read; save it as CSV UTF-8.",
    "file.zip_bomb": "The file grows far too large when opened; it is refused for safety.",
    "file.password_protected": (
        "The file is protected by a password; open it in Excel, remove the password, save it and upload it again."
    ),
    "file.no_header": (
        "No header row was found: none of the first rows has a NIK or Name column beside other known columns "
        "(birth date, sex, address, ...)."
    ),
}


def file_rejection_text(code: str, message: str, language: str | None) -> str:
    """Why a file was refused, in the reader's language (the core's Indonesian message carries the details)."""
    if not is_english(language):
        return message
    return FILE_REJECTIONS_EN.get(code, "The file cannot be read.")
