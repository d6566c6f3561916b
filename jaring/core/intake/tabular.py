"""Read the spreadsheets and CSV files people actually send into plain text grids.

Every cell becomes text (or null when empty) in a Polars frame with columns `c0`, `c1`, ... and
`row`, the spreadsheet row number as the user sees it. A number typed into a cell keeps a visible
trace of having been a number ("3573011508900001.0"), which the NIK rules need to spot Excel damage.
Formulas are never evaluated: a cell holds the value Excel last saved for it.

The format is decided by the file's content, not its name, and whatever cannot be read is refused
with a `FileRejected` that says why in Indonesian.
"""

import codecs
import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from python_calamine import CalamineError, CalamineWorkbook, PasswordError

ROW = "row"

# A cell as the spreadsheet reader gives it, before it becomes text.
Cell = int | float | str | bool | dt.time | dt.date | dt.datetime | dt.timedelta

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OOXML_MARKER = "EncryptionInfo".encode("utf-16-le")
_CSV_ENCODINGS = ("utf-8-sig", "cp1252")
_CSV_DELIMITERS = ",;\t|"
_SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


@dataclass(frozen=True)
class ReadLimits:
    max_bytes: int = 256 * 1024 * 1024
    max_rows_per_sheet: int = 1_040_000
    # A zip that inflates to more than this, or more than `max_zip_ratio` times its size, is a bomb.
    max_unzipped_bytes: int = 2 * 1024 * 1024 * 1024
    max_zip_ratio: int = 200


class FileRejected(Exception):
    """The whole file cannot be read; `code` is stable, `message` is for the person who sent it."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Sheet:
    name: str
    frame: pl.DataFrame  # c0..cN as nullable text, plus ROW


def read_table_file(
    data: bytes, *, file_name: str, sheet: str | None = None, limits: ReadLimits = ReadLimits()
) -> list[Sheet]:
    """The sheets of a spreadsheet, or the one table of a CSV file, that contain any data."""
    if not data:
        raise FileRejected("file.empty", f"Berkas {file_name} kosong (0 byte).")
    if len(data) > limits.max_bytes:
        raise FileRejected(
            "file.too_large",
            f"Berkas {file_name} berukuran {_megabytes(len(data))}, melebihi batas {_megabytes(limits.max_bytes)}. "
            "Pecah daftar menjadi beberapa berkas.",
        )
    suffix = Path(file_name).suffix.lower()
    if data.startswith(_ZIP_MAGIC):
        _check_zip(data, file_name, limits)
        sheets = _read_workbook(data, file_name, limits)
    elif data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_OOXML_MARKER in data[:1_000_000]:
            raise _password_protected(file_name)
        sheets = _read_workbook(data, file_name, limits)
    else:
        if suffix in _SPREADSHEET_SUFFIXES:
            raise FileRejected(
                "file.type_mismatch",
                f"Berkas {file_name} bernama {suffix} tetapi isinya bukan lembar kerja Excel/ODS. "
                "Simpan ulang dari Excel dengan “Save As” ke format yang benar.",
            )
        sheets = [_read_csv(data, file_name, limits)]
    if sheet is not None:
        chosen = [item for item in sheets if item.name == sheet]
        if not chosen:
            names = ", ".join(item.name for item in sheets) or "-"
            raise FileRejected("file.sheet_missing", f"Lembar “{sheet}” tidak ada di {file_name}. Yang ada: {names}.")
        sheets = chosen
    sheets = [item for item in sheets if _has_data(item.frame)]
    if not sheets:
        raise FileRejected("file.no_data", f"Berkas {file_name} tidak berisi data.")
    return sheets


def _read_workbook(data: bytes, file_name: str, limits: ReadLimits) -> list[Sheet]:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for name in workbook.sheet_names:
            calamine_sheet = workbook.get_sheet_by_name(name)
            if calamine_sheet.height > limits.max_rows_per_sheet:
                raise FileRejected(
                    "file.too_many_rows",
                    f"Lembar “{name}” di {file_name} berisi {_thousands(calamine_sheet.height)} baris, melebihi "
                    f"batas {_thousands(limits.max_rows_per_sheet)} baris. Pecah daftar menjadi beberapa berkas.",
                )
            rows = calamine_sheet.to_python(skip_empty_area=False)
            _fill_vertical_merges(rows, calamine_sheet.merged_cell_ranges or [])
            sheets.append(Sheet(name=name, frame=_frame_from_rows(rows)))
        return sheets
    except PasswordError as exc:
        raise _password_protected(file_name) from exc
    except CalamineError as exc:
        raise FileRejected(
            "file.corrupt",
            f"Berkas {file_name} rusak atau bukan lembar kerja yang bisa dibaca ({exc}). "
            "Buka di Excel, simpan ulang, lalu unggah lagi.",
        ) from exc


def _fill_vertical_merges(rows: list[list[Cell]], merged: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """A cell merged down over several rows (one kelurahan for a block of people) belongs to each row."""
    for (first_row, column), (last_row, _last_column) in merged:
        if last_row <= first_row or first_row >= len(rows) or column >= len(rows[first_row]):
            continue
        value = rows[first_row][column]
        for row in rows[first_row + 1 : last_row + 1]:
            if column < len(row):
                row[column] = value


def _frame_from_rows(rows: list[list[Cell]]) -> pl.DataFrame:
    width = max((len(row) for row in rows), default=0)
    columns = list(zip(*(row + [""] * (width - len(row)) for row in rows), strict=True)) if rows else []
    frame = pl.DataFrame(
        [
            pl.Series(f"c{index}", column, dtype=None, strict=False).cast(pl.String)
            for index, column in enumerate(columns)
        ]
    )
    return _tidy(frame.with_row_index(ROW, offset=1))


def _read_csv(data: bytes, file_name: str, limits: ReadLimits) -> Sheet:
    if b"\x00" in data[:4096]:
        raise FileRejected(
            "file.type_mismatch",
            f"Berkas {file_name} bukan teks CSV maupun lembar kerja Excel/ODS yang dikenal.",
        )
    # UTF-8 (the usual case) goes to Polars as it is: decoding a large file to text first would
    # hold it twice more in memory. Other encodings are decoded and handed over as UTF-8.
    utf8 = _is_utf8(data)
    text = data if utf8 else _decode(data, file_name).encode("utf-8")
    sample = text[:65536].decode("utf-8", errors="ignore").removeprefix("\ufeff")
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=_CSV_DELIMITERS).delimiter
    except csv.Error:
        # One column, or a sample the sniffer cannot decide on: take the most frequent candidate.
        delimiter = max(_CSV_DELIMITERS, key=sample.count)
    try:
        frame = pl.read_csv(
            io.BytesIO(text.removeprefix(b"\xef\xbb\xbf")),
            separator=delimiter,
            has_header=False,
            infer_schema=False,
            truncate_ragged_lines=True,
            quote_char='"',
        )
    except pl.exceptions.PolarsError as exc:
        raise FileRejected("file.corrupt", f"Berkas {file_name} tidak bisa dibaca sebagai CSV ({exc}).") from exc
    if frame.height > limits.max_rows_per_sheet:
        raise FileRejected(
            "file.too_many_rows",
            f"Berkas {file_name} berisi {_thousands(frame.height)} baris, melebihi batas "
            f"{_thousands(limits.max_rows_per_sheet)} baris. Pecah daftar menjadi beberapa berkas.",
        )
    frame = frame.rename({name: f"c{index}" for index, name in enumerate(frame.columns)})
    return Sheet(name=Path(file_name).stem, frame=_tidy(frame.with_row_index(ROW, offset=1)))


def _is_utf8(data: bytes) -> bool:
    """Whether `data` is valid UTF-8, checked in slices so no decoded copy of a large file is kept."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for offset in range(0, len(data), 1 << 22):
            decoder.decode(data[offset : offset + (1 << 22)])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _decode(data: bytes, file_name: str) -> str:
    for encoding in _CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRejected("file.encoding", f"Huruf di berkas {file_name} tidak bisa dibaca; simpan sebagai CSV UTF-8.")


def _check_zip(data: bytes, file_name: str, limits: ReadLimits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(entry.file_size for entry in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise FileRejected(
            "file.corrupt",
            f"Berkas {file_name} rusak (arsip tidak utuh). Simpan ulang dari Excel lalu unggah lagi.",
        ) from exc
    if inflated > limits.max_unzipped_bytes or inflated > limits.max_zip_ratio * len(data):
        raise FileRejected(
            "file.zip_bomb",
            f"Berkas {file_name} mengembang menjadi {_megabytes(inflated)} saat dibuka; ditolak demi keamanan.",
        )


def _tidy(frame: pl.DataFrame) -> pl.DataFrame:
    """Trim every text cell; empty text becomes null."""
    cells = [name for name in frame.columns if name != ROW]
    return frame.with_columns(pl.col(cells).str.strip_chars().replace("", None) if cells else [])


def _has_data(frame: pl.DataFrame) -> bool:
    cells = [name for name in frame.columns if name != ROW]
    return bool(cells) and frame.select(pl.any_horizontal(pl.col(cells).is_not_null()).any()).item()


def _password_protected(file_name: str) -> FileRejected:
    return FileRejected(
        "file.password_protected",
        f"Berkas {file_name} dilindungi kata sandi. Buka di Excel, hapus kata sandinya, simpan, lalu unggah lagi.",
    )


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
