"""BPJS Ketenagakerjaan's monthly bill for a program (tagihan iuran), read as the branch sends it.

One line per person and month: KPJ, NIK, name, the month billed (PERIODE), JKK, JKM, JHT and the
line's total. Above the header the branch writes its wadah code and often the bill's total; below
the lines a TOTAL row and a signature. Lines are read as text and typed here, vectorised: a line
whose amount is negative or has cents, whose month is not a month, or that names no NIK and no KPJ
is kept and flagged `unreadable` with its reason — never dropped, never guessed.
"""

import datetime as dt
import re

import polars as pl

from jaring.core.frames import digits_only, format_str
from jaring.core.intake.headers import _FOOTER, SYNONYMS, TableLayout, Vocabulary
from jaring.core.intake.records import _MONTHS
from jaring.core.intake.tabular import ROW, Sheet

INVOICE = Vocabulary(
    {
        "kpj": ("kpj", "nokpj", "nomorkpj", "nopeserta", "nomorpeserta", "nokartu", "nokartupeserta"),
        "nik": SYNONYMS["nik"],
        "name": (*SYNONYMS["name"], "namapeserta", "namatk"),
        "month": (
            "periode",
            "periodeiuran",
            "bulaniuran",
            "bulan",
            "masaiuran",
            "periodetagihan",
            "bulantagihan",
            "blniuran",
            "thnbln",
        ),
        "jkk": ("jkk", "iuranjkk", "jkkrp", "premijkk"),
        "jkm": ("jkm", "iuranjkm", "jkmrp", "premijkm"),
        "jht": ("jht", "iuranjht", "jhtrp", "premijht"),
        "total": (
            "total",
            "totaliuran",
            "jumlahiuran",
            "jumlah",
            "iuran",
            "totaltagihan",
            "jumlahtagihan",
            "tagihan",
            "nominal",
        ),
        "row_number": SYNONYMS["row_number"],
    }
)
AMOUNTS = ("jkk", "jkm", "jht", "total")
KPJ_LENGTH = 11
# Why a line cannot be reconciled as it stands (class `unreadable`), in the order they are judged.
AMOUNT_NEGATIVE, AMOUNT_FRACTION, AMOUNT_INVALID = "amount_negative", "amount_fraction", "amount_invalid"
MONTH_INVALID, NIK_MISSING, TOTAL_PARTS = "month_invalid", "nik_missing", "total_parts"
LINE_PROBLEMS = {
    AMOUNT_NEGATIVE: ("Jumlah iuran negatif", "A negative amount"),
    AMOUNT_FRACTION: ("Jumlah iuran bukan rupiah bulat (ada sen)", "An amount with cents"),
    AMOUNT_INVALID: ("Jumlah iuran tidak terbaca", "An amount that cannot be read"),
    MONTH_INVALID: ("Bulan tagihan tidak dikenali", "The month billed is not recognised"),
    NIK_MISSING: ("Tanpa NIK dan tanpa KPJ yang sah", "No valid NIK and no valid KPJ"),
    TOTAL_PARTS: ("Total baris tidak sama dengan JKK + JKM + JHT", "The line's total is not JKK + JKM + JHT"),
}
_WADAH = re.compile(r"(?i)kode\s*wadah\s*[:=]?\s*([A-Z]{2}[-A-Z0-9./ ]*[0-9A-Z])")
_STATED_TOTAL = re.compile(r"(?i)^\s*(?:total|jumlah|grand total)(?:\s+(?:tagihan|iuran))*\s*[:=]?\s*(.*)$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def month_expr(column: pl.Expr) -> pl.Expr:
    """The first day of the month a cell names: "2026-07", "07/2026", "JUL-2026", "Juli 2026", a date, a serial."""
    text = column.cast(pl.String).str.strip_chars().str.to_lowercase()
    for number, names in _MONTHS.items():
        text = text.str.replace_all(rf"\b(?:{'|'.join(names)})\b\.?", f"-{number}-")
    text = text.str.replace_all(r"[\s./,_-]+", "-").str.strip_chars("-")
    year_first = text.str.extract_groups(r"^(?P<y>\d{4})-(?P<m>\d{1,2})(?:-\d{1,2})?(?:-\d{2}:.*|-00-00-00)?$")
    month_first = text.str.extract_groups(r"^(?:\d{1,2}-)?(?P<m>\d{1,2})-(?P<y>\d{4})$")
    year = pl.coalesce(year_first.struct.field("y"), month_first.struct.field("y")).cast(pl.Int32, strict=False)
    month = pl.coalesce(year_first.struct.field("m"), month_first.struct.field("m")).cast(pl.Int32, strict=False)
    written = (
        pl.when(month.is_between(1, 12) & year.is_between(2000, 2100))
        .then(format_str("{}-{}-01", year, month.cast(pl.String).str.zfill(2)))
        .str.to_date("%Y-%m-%d", strict=False)
    )
    serial = column.cast(pl.String).str.extract(r"^(\d{5})(?:\.0+)?$", 1).cast(pl.Int64, strict=False)
    from_serial = (
        pl.when(serial.is_between(36_526, 73_051)).then(pl.lit(_EXCEL_EPOCH) + pl.duration(days=serial)).cast(pl.Date)
    )
    return pl.coalesce(written, from_serial.dt.month_start())


def amount_expr(column: pl.Expr) -> pl.Expr:
    """Whole rupiah of a cell: 16800, "16.800", "Rp 16.800,00", 16800.0 (a number cell); null when it is not."""
    text = column.cast(pl.String).str.strip_chars().str.replace(r"(?i)^rp\.?\s*", "").str.replace_all(r"\s", "")
    number_cell = text.str.extract(r"^(\d+)(?:\.0+)?$", 1)
    grouped = text.str.extract(r"^(\d{1,3}(?:\.\d{3})+)(?:,0+|,-)?$", 1).str.replace_all(r"\.", "")
    plain = text.str.extract(r"^(\d+)(?:,0+|,-)$", 1)
    # Thousands grouped by dots first: "10.000" is ten thousand rupiah, never ten with three decimals.
    return pl.coalesce(grouped, number_cell, plain).cast(pl.Int64, strict=False)


def amount_problem_expr(column: pl.Expr) -> pl.Expr:
    """Why a non-empty amount cell is not whole rupiah (a LINE_PROBLEMS code), null when it is or is empty."""
    text = column.cast(pl.String).str.strip_chars().str.replace(r"(?i)^rp\.?\s*", "").str.replace_all(r"\s", "")
    return (
        pl.when(text.is_null() | (text == "") | amount_expr(column).is_not_null())
        .then(None)
        .when(text.str.starts_with("-") | text.str.starts_with("−") | text.str.starts_with("("))
        .then(pl.lit(AMOUNT_NEGATIVE))
        .when(text.str.contains(r"^[\d.]*\d[.,]\d{1,2}$") | text.str.contains(r"^\d+\.\d*[1-9]\d*$"))
        .then(pl.lit(AMOUNT_FRACTION))
        .otherwise(pl.lit(AMOUNT_INVALID))
    )


def normalise_invoice_lines(rows: pl.DataFrame) -> pl.DataFrame:
    """Typed lines: row, sheet, kpj, nik, name, month, jkk, jkm, jht, total (ints), problem (code or null).

    The total is the TOTAL column, or JKK + JKM + JHT when the bill has none; a line whose total is not
    its parts' sum is flagged, as BPJS must say which is right. Months and amounts are read once per
    distinct cell (a million lines hold a few hundred), the NIK and KPJ once per line.
    """
    for name in ("kpj", "nik", "name", "month", *AMOUNTS, "sheet"):
        if name not in rows.columns:
            rows = rows.with_columns(pl.lit(None, dtype=pl.String).alias(name))
    rows = rows.with_columns(pl.col(name).cast(pl.String) for name in ("month", *AMOUNTS))
    months = _distinct(rows, ["month"]).with_columns(_month=month_expr(pl.col("value")))
    amounts = _distinct(rows, list(AMOUNTS)).with_columns(
        _amount=amount_expr(pl.col("value")), _amount_problem=amount_problem_expr(pl.col("value"))
    )
    typed = rows.join(
        months.rename({"value": "month", "_month": "_month_typed"}), on="month", how="left", nulls_equal=True
    )
    for name in AMOUNTS:
        typed = typed.join(
            amounts.rename({"value": name, "_amount": f"_{name}", "_amount_problem": f"_{name}_problem"}),
            on=name,
            how="left",
            nulls_equal=True,
        )
    nik = digits_only(pl.col("nik").str.strip_chars().str.strip_chars("'`’ "))
    kpj = digits_only(pl.col("kpj").str.strip_chars().str.strip_chars("'`’ "))
    typed = typed.with_columns(
        nik_text=pl.col("nik"),
        nik=pl.when(nik.str.len_chars() == 16).then(nik),
        kpj=pl.when(kpj.str.len_chars().is_between(8, 13)).then(kpj),
        name=pl.col("name").str.strip_chars().str.to_uppercase(),
        month=pl.col("_month_typed"),
        _problem=pl.coalesce(pl.col(f"_{name}_problem") for name in AMOUNTS),
        _stated=pl.col("_total"),
        jkk=pl.col("_jkk").fill_null(0),
        jkm=pl.col("_jkm").fill_null(0),
        jht=pl.col("_jht").fill_null(0),
    )
    sum_of_parts = pl.col("jkk") + pl.col("jkm") + pl.col("jht")
    has_parts = pl.any_horizontal(pl.col(name) > 0 for name in ("jkk", "jkm", "jht"))
    typed = typed.with_columns(total=pl.coalesce("_stated", sum_of_parts))
    problem = (
        pl.when(pl.col("_problem").is_not_null())
        .then(pl.col("_problem"))
        .when(pl.col("month").is_null())
        .then(pl.lit(MONTH_INVALID))
        .when(pl.col("nik").is_null() & pl.col("kpj").is_null())
        .then(pl.lit(NIK_MISSING))
        .when(has_parts & pl.col("_stated").is_not_null() & (pl.col("_stated") != sum_of_parts))
        .then(pl.lit(TOTAL_PARTS))
        .otherwise(None)
    )
    return typed.with_columns(problem=problem).select(
        pl.col(ROW).cast(pl.Int64),
        pl.col("sheet").cast(pl.String),
        "kpj",
        "nik",
        pl.col("nik_text").cast(pl.String),
        "name",
        "month",
        pl.col("jkk").cast(pl.Int64),
        pl.col("jkm").cast(pl.Int64),
        pl.col("jht").cast(pl.Int64),
        pl.col("total").fill_null(0).cast(pl.Int64),
        "problem",
    )


def _distinct(rows: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """The distinct cells of `columns`, as one column `value`."""
    return pl.concat([rows.select(pl.col(name).alias("value")) for name in columns]).unique()


def stated_total(sheet: Sheet, layout: TableLayout) -> int | None:
    """The bill's total as the branch wrote it: the TOTAL row's amount below the lines, or "TOTAL TAGIHAN: Rp..."
    above the header; None when the file states none."""
    total_column = layout.fields.get("total")
    below = sheet.frame.filter(pl.col(ROW) > layout.header_row)
    first_text = pl.coalesce([pl.col(match.column) for match in layout.columns])
    is_footer = first_text.str.contains(f"(?i){_FOOTER.pattern}").fill_null(False)
    nik_column = layout.fields.get("nik")
    if nik_column:
        is_footer = is_footer & (digits_only(pl.col(nik_column)).fill_null("").str.len_chars() < 10)
    if total_column:
        footer = below.filter(is_footer & first_text.str.contains(r"(?i)^\s*(total|jumlah|grand)").fill_null(False))
        amounts = footer.select(amount_expr(pl.col(total_column))).to_series().drop_nulls()
        if amounts.len():
            return int(amounts[0])
    above = sheet.frame.filter(pl.col(ROW) < layout.header_row)
    for row in above.drop(ROW).iter_rows():
        cells = [cell for cell in row if cell is not None and str(cell).strip()]
        text = " ".join(str(cell) for cell in cells)
        stated = _STATED_TOTAL.match(text)
        if stated:
            amount = pl.select(amount_expr(pl.lit(_amount_text(stated[1])))).item()
            if amount is not None:
                return int(amount)
    return None


def stated_period(sheet: Sheet, layout: TableLayout) -> dt.date | None:
    """The month the title rows name ("PERIODE : JULI 2026"), None when they name none."""
    above = sheet.frame.filter(pl.col(ROW) < layout.header_row)
    for row in above.drop(ROW).iter_rows():
        text = " ".join(str(cell) for cell in row if cell is not None).lower()
        if "periode" in text or "bulan" in text:
            tail = text.split(":", 1)[-1] if ":" in text else text.split("periode", 1)[-1]
            month = pl.select(month_expr(pl.lit(tail.strip()))).item()
            if isinstance(month, dt.date):
                return month
    return None


def wadah_code(sheet: Sheet, layout: TableLayout) -> str:
    """The wadah (the paying body's group at BPJS) the title rows name, "" when none."""
    above = sheet.frame.filter(pl.col(ROW) < layout.header_row)
    for row in above.drop(ROW).iter_rows():
        found = _WADAH.search(" ".join(str(cell) for cell in row if cell is not None))
        if found:
            return found[1].strip().upper()
    return ""


def _amount_text(text: str) -> str:
    """The amount in "Rp 1.234.567,00 (satu juta ...)": its first number-like run."""
    found = re.search(r"(?i)(rp\.?\s*)?[0-9][0-9.,]*", text)
    return found[0].strip().rstrip(".,") if found else ""
