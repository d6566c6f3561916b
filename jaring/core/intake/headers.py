"""Find the header row of a worker list, map its columns to our fields, and pick out the data rows.

Lists arrive with title rows above the header, numbering columns, repeated headers on every
printed page and totals or signature blocks below the table. The header is the row among the first
rows whose cells best match the known column names; data rows are those below it that are not
blank, not a repeated header and not part of the footer. Everything is frame operations.
"""

import functools
import re
from dataclasses import dataclass, field

import polars as pl
from rapidfuzz import fuzz, process

from jaring.core.intake.messages import is_english
from jaring.core.intake.tabular import ROW, FileRejected, Sheet

HEADER_SCAN_ROWS = 30
FUZZY_MIN_SCORE = 85

# Field -> column names seen in OPD lists, as keys (lowercase letters and digits only).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "nik": (
        "nik",
        "noktp",
        "nomorktp",
        "nomorindukkependudukan",
        "nonik",
        "nomornik",
        "niknoktp",
        "noidentitas",
        "nomoridentitas",
        "ktp",
        "nikktp",
    ),
    "name": ("nama", "namalengkap", "namapekerja", "namapeserta", "namatenagakerja", "namasesuaiktp", "namaanggota"),
    "birth_place": ("tempatlahir", "tmplahir", "tmptlahir", "tempat"),
    "birth_date": ("tgllahir", "tanggallahir", "tgllhr", "tanggallhr", "tglahir", "lahir", "tanggal"),
    "birth_place_date": ("ttl", "tempattanggallahir", "tempattgllahir", "tempattgllhr", "tmptgllahir", "tmptgllahir"),
    "sex": ("jk", "lp", "jeniskelamin", "kelamin", "sex", "gender", "jnskelamin", "jenkel"),
    "address": ("alamat", "alamatlengkap", "alamatdomisili", "domisili", "alamatrumah", "jalan", "alamatsesuaiktp"),
    "rt": ("rt",),
    "rw": ("rw",),
    "rt_rw": ("rtrw",),
    "kelurahan": ("kelurahan", "desa", "keldesa", "kelurahandesa", "desakelurahan", "kel", "kelds"),
    "kecamatan": ("kecamatan", "kec"),
    "phone": (
        "nohp",
        "notelp",
        "wa",
        "nowa",
        "nohpwa",
        "telepon",
        "telp",
        "hp",
        "nomorhp",
        "nomortelepon",
        "notelepon",
        "nomorwa",
        "whatsapp",
        "nohandphone",
        "handphone",
        "notlp",
        "tlp",
        "nohptelp",
    ),
    "occupation": (
        "pekerjaan",
        "jenispekerjaan",
        "profesi",
        "segmenpekerjaan",
        "jenisusaha",
        "bidangpekerjaan",
        "kategori",
        "kategoripekerjaan",
    ),
    "note": ("keterangan", "ket", "catatan"),
    # The DTSEN (formerly DTKS) welfare decile Dinsos lists carry, 1 (poorest) to 10.
    "desil": (
        "desil",
        "desildtsen",
        "desildtks",
        "dtsendesil",
        "dtksdesil",
        "peringkatdesil",
        "desilkesejahteraan",
        "kelompokdesil",
        "statusdesil",
    ),
    "row_number": ("no", "nomor", "nourut", "urut"),
    # Written by Jaring into the problems file, so a corrected row finds the row it corrects.
    "record_id": ("idjaring", "idbarisjaring"),
    # Jaring's own explanation columns of the problems file (both languages): kept in the raw row, never read
    # as data and never reported as unknown when the file comes back corrected.
    "jaring_column": (
        "lembarasal",
        "barisasal",
        "statusjaring",
        "masalahmenurutjaring",
        "originalsheet",
        "originalrow",
        "jaringstatus",
        "problemsfoundbyjaring",
    ),
}
# Fields matched only by their exact names, never by a close spelling ("Status" is not "Status Jaring").
EXACT_ONLY = frozenset({"record_id", "jaring_column"})
# Fields that say where a row is or what Jaring wrote, not what a person is.
NOT_CONTENT = frozenset({"row_number", "record_id", "jaring_column"})
FIELD_LABELS = {
    "nik": "NIK",
    "name": "Nama",
    "birth_place": "Tempat Lahir",
    "birth_date": "Tanggal Lahir",
    "birth_place_date": "Tempat, Tanggal Lahir",
    "sex": "Jenis Kelamin",
    "address": "Alamat",
    "rt": "RT",
    "rw": "RW",
    "rt_rw": "RT/RW",
    "kelurahan": "Kelurahan/Desa",
    "kecamatan": "Kecamatan",
    "phone": "No HP",
    "occupation": "Pekerjaan",
    "note": "Keterangan",
    "desil": "Desil DTSEN",
    "row_number": "No",
    "record_id": "ID Jaring",
    "jaring_column": "Kolom penjelasan Jaring",
}
FIELD_LABELS_EN = {
    "nik": "NIK",
    "name": "Name",
    "birth_place": "Birth place",
    "birth_date": "Birth date",
    "birth_place_date": "Birth place and date",
    "sex": "Sex",
    "address": "Address",
    "rt": "RT",
    "rw": "RW",
    "rt_rw": "RT/RW",
    "kelurahan": "Kelurahan/village",
    "kecamatan": "Kecamatan",
    "phone": "Phone",
    "occupation": "Occupation",
    "note": "Note",
    "desil": "DTSEN desil",
    "row_number": "No",
    "record_id": "Jaring ID",
    "jaring_column": "Jaring's explanation column",
}
PERSON_FIELDS = ("nik", "name")


def field_label(name: str, language: str | None) -> str:
    """The label of one of our fields in the reader's language ("en..." is English, else Indonesian)."""
    labels = FIELD_LABELS_EN if is_english(language) else FIELD_LABELS
    return labels.get(name, name)


@dataclass(frozen=True)
class Vocabulary:
    """The column names a kind of list uses, by field."""

    synonyms: dict[str, tuple[str, ...]]

    @functools.cached_property
    def by_key(self) -> dict[str, str]:
        return {synonym: name for name, synonyms in self.synonyms.items() for synonym in synonyms}

    @functools.cached_property
    def fuzzy_keys(self) -> list[str]:
        return [key for key, name in self.by_key.items() if name not in EXACT_ONLY]


WORKER_LIST = Vocabulary(SYNONYMS)
# BPJS Ketenagakerjaan's participant roster for a region.
ROSTER = Vocabulary(
    {
        "kpj": ("kpj", "nokpj", "nomorkpj", "nopeserta", "nomorpeserta", "nokartu"),
        "nik": SYNONYMS["nik"],
        "name": (*SYNONYMS["name"], "namatk"),
        "birth_date": SYNONYMS["birth_date"],
        "segment": ("segmen", "segmenpeserta", "jenispeserta", "kategoripeserta", "segment"),
        "bpjs_status": ("status", "statuskepesertaan", "statuspeserta", "statusaktif"),
        "cover_end": (
            "tglakhir",
            "tanggalakhir",
            "akhirkepesertaan",
            "masaberlaku",
            "masaberlakuhingga",
            "berlakuhingga",
            "tglakhirkepesertaan",
            "tglakhiriuran",
            "iuranterakhir",
            "periodeakhir",
        ),
    }
)
_FOOTER = re.compile(
    r"^(jumlah|total|grand total|sub ?total|mengetahui|menyetujui|ttd|tanda tangan|kepala|lurah|camat|nip[ .:]|"
    r"dibuat oleh|diketahui|catatan\s*:|keterangan\s*:|[a-z ]+, \d{1,2} [a-z]+ \d{4})",
    re.IGNORECASE,
)


def column_key(label: str | None) -> str:
    return re.sub(r"[^0-9a-z]+", "", (label or "").lower())


@dataclass(frozen=True)
class ColumnMatch:
    column: str  # c0, c1, ...
    label: str  # as written in the file
    field: str | None  # our field, or None when not understood
    certain: bool


@dataclass
class TableLayout:
    sheet: str
    header_row: int  # spreadsheet row number of the header
    columns: list[ColumnMatch]
    fields: dict[str, str] = field(default_factory=dict)  # field -> column

    @property
    def uncertain(self) -> list[ColumnMatch]:
        return [match for match in self.columns if match.field and not match.certain]

    @property
    def unknown(self) -> list[ColumnMatch]:
        return [match for match in self.columns if match.field is None]


def excel_column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _label(value: str | None, column: str) -> str:
    return value if value is not None else f"Kolom {excel_column_letter(int(column[1:]))}"


def match_label(label: str | None, vocabulary: Vocabulary = WORKER_LIST) -> tuple[str | None, bool]:
    """Our field for a column label and whether the match is exact, e.g. ("nik", True)."""
    key = column_key(label)
    if not key:
        return None, True
    if key in vocabulary.by_key:
        return vocabulary.by_key[key], True
    for prefix, name in (
        ("nik", "nik"),
        ("nama", "name"),
        ("alamat", "address"),
        ("pekerjaan", "occupation"),
        ("nohp", "phone"),
        ("kelurahan", "kelurahan"),
        ("kecamatan", "kecamatan"),
        ("desil", "desil"),
    ):
        if key.startswith(prefix) and name in vocabulary.synonyms:
            return name, False
    if len(key) >= 4:
        best = process.extractOne(key, vocabulary.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE)
        if best is not None:
            return vocabulary.by_key[best[0]], False
    return None, True


def detect_layout(
    sheet: Sheet, *, overrides: dict[str, str] | None = None, vocabulary: Vocabulary = WORKER_LIST
) -> TableLayout:
    """The header row and column mapping of a sheet; `overrides` (column -> field or "") correct it."""
    cells = [name for name in sheet.frame.columns if name != ROW]
    best: TableLayout | None = None
    best_score = 0.0
    for values in sheet.frame.head(HEADER_SCAN_ROWS).iter_rows(named=True):
        matches = [
            ColumnMatch(column, _label(values[column], column), *match_label(values[column], vocabulary))
            for column in cells
        ]
        found = {match.field for match in matches if match.field and match.field not in ("row_number", "jaring_column")}
        score = len(found) + sum(1 for match in matches if match.field and match.certain) / 100
        if found & set(PERSON_FIELDS) and len(found) >= 2 and score > best_score:
            best, best_score = TableLayout(sheet.name, values[ROW], matches), score
    if best is None:
        raise FileRejected(
            "file.no_header",
            f"Baris judul kolom tidak ditemukan di lembar “{sheet.name}”: dalam {HEADER_SCAN_ROWS} baris pertama "
            "tidak ada baris dengan kolom NIK atau Nama beserta kolom lain yang dikenal (Tgl Lahir, JK, Alamat, ...).",
        )
    if overrides:
        best.columns = [
            ColumnMatch(match.column, match.label, overrides[match.column] or None, True)
            if match.column in overrides
            else match
            for match in best.columns
        ]
    for match in best.columns:
        if match.field and match.field not in best.fields:  # the first column of a field wins
            best.fields[match.field] = match.column
    return best


@dataclass(frozen=True)
class DataRows:
    frame: pl.DataFrame  # ROW, one column per mapped field (raw text), and `raw` (JSON of every cell)
    skipped: dict[str, int]  # blank, header, footer


def extract_rows(sheet: Sheet, layout: TableLayout, *, raw: bool = True) -> DataRows:
    """Rows below the header that describe people, with blank, header-again and footer rows counted apart.

    `raw=False` leaves out the JSON of every cell (a list whose typed columns are all it keeps, a bill)."""
    frame = sheet.frame.filter(pl.col(ROW) > layout.header_row)
    content = [match.column for match in layout.columns if match.field not in NOT_CONTENT]
    nik_column = layout.fields.get("nik")
    first_text = pl.coalesce([pl.col(match.column) for match in layout.columns])
    frame = frame.with_columns(
        _blank=~pl.any_horizontal([pl.col(column).is_not_null() for column in content]) if content else pl.lit(True),
        _footer_mark=first_text.str.contains(f"(?i){_FOOTER.pattern}").fill_null(False),
    )
    # The header written again: most mapped cells say their column's label. Only rows whose cells are long
    # enough to say it are compared (a label's key is never longer than the cell it came from): a million
    # data rows are not lower-cased and stripped to find the two headers a merged file repeats.
    labels = [(match.column, column_key(match.label)) for match in layout.columns if match.field]
    needed = max(2, len(labels) - 1)
    if labels:
        long_enough = pl.sum_horizontal(
            [(pl.col(column).str.len_chars() >= len(key)).fill_null(False) for column, key in labels]
        )
        saying = pl.sum_horizontal(
            [
                (pl.col(column).str.to_lowercase().str.replace_all(r"[^0-9a-z]+", "") == key).fill_null(False)
                for column, key in labels
            ]
        )
        headers = frame.filter(long_enough >= needed).filter(saying >= needed).select(ROW, _header=pl.lit(True))
        frame = frame.join(headers, on=ROW, how="left").with_columns(pl.col("_header").fill_null(False))
    else:
        frame = frame.with_columns(_header=pl.lit(False))
    # Below a footer mark (TOTAL, a signature) rows are footer, unless they still hold a NIK.
    frame = frame.with_columns(_below_mark=pl.col("_footer_mark").cum_max())
    if nik_column:
        nik_like = pl.col(nik_column).str.replace_all(r"[^0-9]", "").str.len_chars() >= 10
        still_people = (
            frame.filter(pl.col("_below_mark")).filter(nik_like.fill_null(False)).select(ROW, _nik=pl.lit(True))
        )
        frame = frame.join(still_people, on=ROW, how="left").with_columns(pl.col("_nik").fill_null(False))
    else:
        frame = frame.with_columns(_nik=pl.lit(False))
    frame = frame.with_columns(_footer=pl.col("_below_mark") & ~pl.col("_nik"))
    frame = frame.with_columns(
        _skip=pl.when(pl.col("_blank"))
        .then(pl.lit("blank"))
        .when(pl.col("_header"))
        .then(pl.lit("header"))
        .when(pl.col("_footer"))
        .then(pl.lit("footer"))
        .otherwise(None)
    )
    counts = dict(frame.group_by("_skip").len().drop_nulls().iter_rows())
    kept = frame.filter(pl.col("_skip").is_null())
    cells = pl.struct(
        [pl.col(match.column).alias(label) for match, label in zip(layout.columns, raw_labels(layout), strict=True)]
    ).struct.json_encode()
    fields = [
        pl.col(column).alias(name)
        for name, column in layout.fields.items()
        if name not in ("row_number", "jaring_column")
    ]
    return DataRows(
        frame=kept.select(pl.col(ROW), *fields, *([cells.alias("raw")] if raw else [])),
        skipped={reason: counts.get(reason, 0) for reason in ("blank", "header", "footer")},
    )


def raw_labels(layout: TableLayout) -> list[str]:
    """Column labels as keys of the raw row: a second "Keterangan" becomes "Keterangan (2)"."""
    seen: dict[str, int] = {}
    labels = []
    for match in layout.columns:
        seen[match.label] = seen.get(match.label, 0) + 1
        labels.append(match.label if seen[match.label] == 1 else f"{match.label} ({seen[match.label]})")
    return labels
