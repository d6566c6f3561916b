"""BPJS Ketenagakerjaan's monthly bill (tagihan iuran) for a Pemda program, as a branch sends it, with the truth.

`invoice_case(members, period=...)` writes the bill a branch (Kantor Cabang Malang) sends for one
wadah: title rows, the header NO | NO KPJ | NIK | NAMA PESERTA | PERIODE | IURAN JKK | IURAN JKM |
IURAN JHT | TOTAL IURAN, one line per person and month, a TOTAL row (or the total above the header,
or a wrong one) and a signature. Lines look as DATA-REALITY.md says BPJS files do: NIKs as text,
some with a leading apostrophe or a space; KPJs as text with their leading zeros; PERIODE in five
forms ("2026-07", "07/2026", "JUL-2026", "Juli 2026", a date cell); amounts as numbers, or as text
"10.000" / "Rp 6.800"; names in capitals, some with a title.

Every kind of error a reconciliation must find is planted (`ErrorShares`), each planted line with
exactly one class, and `InvoiceCase.truth` says what each line is — and which expected member-months
no readable line bills. The classes and details are `jaring.core.billing.reconcile`'s:

- `not_enrolled`: fresh people (valid NIKs and KPJs no one in `members` or `others` has);
- `not_billed`: member-months left out (no line; `row` null). A member's line made `unreadable`
  leaves its member-month unbilled too, so it also has a `not_billed` row;
- `amount_differs`: `income_level` (JKK of a higher income level: +5,000 / +10,000 / +15,000),
  `discount` (JKK and JKM halved, 5,000 + 3,400: PP 50/2025 applied to public money), `jht`
  (JHT 20,000 billed where the member has none);
- `after_end` / `death`: billed for a month after the death month. Without `deaths`, a few members
  die in the month before `period` (returned in `InvoiceCase.deaths`: register them and the bill's
  line for `period` is `after_end`, and that member-month is no longer expected);
- `billed_twice`: `same_invoice` (the same person and month again, later in the file: the first line
  is `matched`), `two_kpj` (the same NIK and month under a second, fresh KPJ: the member's own KPJ's
  line is `matched`), `other_program` (a person of `others`, not a member here, billed for a month
  `others` covers);
- `kpj_nik_mismatch`: a member's line with another member's KPJ (it still bills that member-month);
- `unreadable`: `amount_negative` ("-16.800"), `amount_fraction` ("16800,50"), `month_invalid`
  ("BULAN 13", "13/2026", "2026-13"), `nik_missing` (a name with neither NIK nor KPJ).

Everything is drawn with Polars from one seed: a million csv lines take a few seconds.
"""

import datetime as dt
import io
from dataclasses import dataclass, fields

import polars as pl

from tests.files import xlsx_bytes
from tests.synthetic.people import Random, name_lists

BRANCH = "MALANG"
REGION = "3573"  # Kota Malang
HEADER = ("NO", "NO KPJ", "NIK", "NAMA PESERTA", "PERIODE", "IURAN JKK", "IURAN JKM", "IURAN JHT", "TOTAL IURAN")
SHEET = "TAGIHAN"
JKK, JKM, JHT = 10_000, 6_800, 20_000
MEMBER_SCHEMA = {
    "person_id": pl.Int64,
    "nik": pl.String,
    "kpj": pl.String,
    "name": pl.String,
    "month": pl.Date,
    "jkk": pl.Int64,
    "jkm": pl.Int64,
    "jht": pl.Int64,
}
TRUTH_SCHEMA = {
    "row": pl.Int64,
    "kpj": pl.String,
    "nik": pl.String,
    "month": pl.Date,
    "total": pl.Int64,
    "klass": pl.String,
    "detail": pl.String,
    "person_id": pl.Int64,  # null for a person who is no one's (not_enrolled)
}
HEADER_TOTALS = ("footer", "header", "wrong", "none")
WRONG_BY = 16_800  # header_total="wrong": the TOTAL row says one basic member-month more than the lines
UNREADABLE = ("amount_negative", "amount_fraction", "month_invalid", "nik_missing")
INCOME_STEPS = (5_000, 10_000, 15_000)  # JKK at Rp1.5, 2 or 2.5 juta instead of Rp1 juta
MONTH_NAMES = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober")
MONTH_NAMES += ("November", "Desember")
SHORT_MONTHS = ("JAN", "FEB", "MAR", "APR", "MEI", "JUN", "JUL", "AGU", "SEP", "OKT", "NOV", "DES")
TITLES = ("H. ", "HJ. ", "BPK. ", "IBU ", "SDR. ", "USTADZ ")
BAD_MONTHS = ("BULAN 13", "13/{year}", "{year}-13")
_PERSON_ID_BLOCK = 10_000_000  # members_frame(seed=s) numbers its people s * 10^7 + 1, ...
# index -> KPJ, a bijection of 0 .. 10^11 - 1 (the factor is prime to 10); index * factor stays below 2^63
_KPJ_FACTOR, _KPJ_OFFSET, _KPJ_SPACE = 790_738_119, 123_456_789, 10**11
_FRESH_BLOCK = 9_000_000_000  # KPJs of fresh people come from indices no members_frame person has
_FRESH_SERIAL = 9_000  # and their NIKs from serials 9000-9999 (a member's are below 1100)


@dataclass(frozen=True)
class ErrorShares:
    """How many lines of each kind to plant: a value below 1 is a share of the member-months (at least one
    line when above 0; at least one of each of the four kinds of `unreadable`), 1 or more a count."""

    not_enrolled: float = 0.02
    not_billed: float = 0.02
    income_level: float = 0.01
    discount: float = 0.015
    jht: float = 0.01
    after_end: float = 0.01
    same_invoice: float = 0.01
    two_kpj: float = 0.005
    other_program: float = 0.01
    kpj_nik_mismatch: float = 0.005
    unreadable: float = 0.01

    @classmethod
    def clean(cls) -> "ErrorShares":
        """No error at all: every member-month billed once, right."""
        return cls(**{field.name: 0 for field in fields(cls)})

    def count(self, name: str, member_months: int) -> int:
        value = getattr(self, name)
        if value <= 0:
            return 0
        if value >= 1:
            return int(value)
        least = len(UNREADABLE) if name == "unreadable" else 1
        return max(least, int(value * member_months + 0.5))

    def unreadable_counts(self, member_months: int) -> dict[str, int]:
        """The unreadable lines of each kind: the count shared out in UNREADABLE's order."""
        total = self.count("unreadable", member_months)
        return {kind: total // 4 + (1 if index < total % 4 else 0) for index, kind in enumerate(UNREADABLE)}


@dataclass(frozen=True)
class InvoiceCase:
    """The bill's bytes and the truth.

    - `truth` (TRUTH_SCHEMA): one row per line written, `row` the spreadsheet row as Excel shows it
      (csv: the line number), `nik` the true NIK, `kpj` the KPJ written, `month` the month billed (null
      when the cell is not a month), `total` the line's TOTAL IURAN (null when not whole rupiah); then one
      row per expected member-month no readable line bills (`row` null, `total` 0, klass not_billed).
    - `lines_total`: the sum of the TOTAL IURAN of the readable lines (every class but `unreadable`: what a
      reader adds up); the TOTAL row says the same unless header_total="wrong". `header_total`: the total
      the file states (None: it states none).
    - `deaths`: person_id, nik, death_date of the members who died (planted or given).
    - `first_line_row`: the row of the first line (the header is the row above it).
    """

    data: bytes
    file_name: str
    truth: pl.DataFrame
    lines_total: int
    header_total: int | None
    deaths: pl.DataFrame
    first_line_row: int
    wadah_code: str
    period: dt.date


def members_frame(n: int, *, period: dt.date, seed: int, months: int = 1, package_jht: bool = False) -> pl.DataFrame:
    """`n` people of Kota Malang, each a member for `months` months up to `period` (MEMBER_SCHEMA).

    NIK: 35 73, kecamatan 01-05, birth DDMMYY (women: day + 40), a serial (100 * (seed % 10) + 1, + 2, ...
    among people of one kecamatan, day and sex, so frames of different seeds rarely share a NIK). KPJ: 11
    digits (about one in ten with a leading zero), unique across seeds. person_id: seed * 10^7 + 1, + 2, ...
    (frames of different seeds share no person). JKK 10,000, JKM 6,800, JHT 20,000 with `package_jht`.
    """
    if not 0 < n < _PERSON_ID_BLOCK:
        raise ValueError(f"n must be between 1 and {_PERSON_ID_BLOCK - 1}")
    if not 0 <= seed < _FRESH_BLOCK // _PERSON_ID_BLOCK:
        raise ValueError("seed must be between 0 and 899")
    period = period.replace(day=1)
    people = _people(n, on=period, seed=seed, serial_from=100 * (seed % 10) + 1, index_from=seed * _PERSON_ID_BLOCK)
    month_list = pl.DataFrame({"month": [add_months(period, offset) for offset in range(1 - months, 1)]})
    return (
        people.with_columns(person_id=pl.col("_index") + 1)
        .join(month_list, how="cross")
        .with_columns(jkk=pl.lit(JKK), jkm=pl.lit(JKM), jht=pl.lit(JHT if package_jht else 0))
        .sort("person_id", "month")
        .select(*(pl.col(name).cast(dtype) for name, dtype in MEMBER_SCHEMA.items()))
    )


def invoice_case(
    members: pl.DataFrame,
    *,
    period: dt.date,
    seed: int = 18,
    others: pl.DataFrame | None = None,
    deaths: pl.DataFrame | None = None,
    errors: ErrorShares | None = None,
    fmt: str = "xlsx",
    wadah: str = "SG",
    header_total: str = "footer",
) -> InvoiceCase:
    """The bill a branch sends for `members` (MEMBER_SCHEMA: the member-months the payer expects), the
    errors of `errors` planted, as xlsx (xlsxwriter) or csv (";", as old Excel saves it)."""
    if fmt not in ("xlsx", "csv"):
        raise ValueError("fmt is xlsx or csv")
    if header_total not in HEADER_TOTALS:
        raise ValueError(f"header_total is one of {HEADER_TOTALS}")
    if not 0 <= seed < 10_000:
        raise ValueError("seed must be between 0 and 9999")
    errors = errors or ErrorShares()
    period = period.replace(day=1)
    members = _typed(members)
    n = members.height
    rnd = Random(seed)
    billed_months = members.get_column("month").unique().sort()
    people = members.sort("month", maintain_order=True).unique("person_id", keep="last", maintain_order=True)
    people = people.select("person_id", "nik", "kpj", "name", "jkk", "jkm", "jht")

    # Deaths: the members who died, and the lines billing them after their death month.
    if deaths is None:
        at_period = members.filter(pl.col("month") == period).unique("person_id", maintain_order=True)
        died = _pick(at_period, errors.count("after_end", n), rnd).select("person_id", "nik")
        before = add_months(period, -1)
        days = (period - before).days
        deaths_out = died.with_columns(
            death_date=pl.lit(before) + pl.duration(days=(rnd.uniform(died.height) * days).cast(pl.Int64))
        ).sort("person_id")
    else:
        deaths_out = (
            deaths.select(pl.col("person_id").cast(pl.Int64), pl.col("death_date").cast(pl.Date))
            .join(people.select("person_id", "nik"), on="person_id", how="left")
            .select("person_id", "nik", "death_date")
        )
    death_months = deaths_out.group_by("person_id").agg(death_month=pl.col("death_date").min().dt.month_start())
    after = (
        people.join(death_months, on="person_id")
        .join(pl.DataFrame({"month": billed_months}), how="cross")
        .filter(pl.col("month") > pl.col("death_month"))
        .sort("person_id", "month")
    )
    if deaths is not None:
        after = _pick(after, errors.count("after_end", n), rnd)
    dead_rows = members.join(death_months, on="person_id")
    before_death = dead_rows.filter(pl.col("month") <= pl.col("death_month")).drop("death_month")

    # Every other member-month gets at most one planted error, drawn in a seeded order.
    pool = members.join(death_months, on="person_id", how="anti", maintain_order="left")
    pool = pool.with_columns(_i=pl.int_range(pl.len(), dtype=pl.Int64), _key=rnd.uniform(pool.height))
    jht_picks = pool.filter(pl.col("jht") == 0).bottom_k(errors.count("jht", n), by="_key").select("_i")
    jht_picks = jht_picks.with_columns(plant=pl.lit("jht"))
    kinds = [(name, errors.count(name, n)) for name in ("not_billed", "income_level", "discount", "kpj_nik_mismatch")]
    kinds += list(errors.unreadable_counts(n).items())
    kinds += [(name, errors.count(name, n)) for name in ("same_invoice", "two_kpj")]
    names = [name for name, count in kinds for _ in range(count)]
    rest = pool.join(jht_picks, on="_i", how="anti").bottom_k(len(names), by="_key").sort("_key")
    picks = pl.concat([jht_picks, rest.select("_i", plant=pl.Series(names[: rest.height], dtype=pl.String))])
    pool = pool.join(picks, on="_i", how="left", maintain_order="left").drop("_i", "_key")
    planted = pool.get_column("plant")

    def rows_of(*names: str) -> pl.DataFrame:
        return pool.filter(planted.is_in(list(names)))

    fresh = _fresh(
        errors.count("not_enrolled", n) + errors.count("two_kpj", n),
        period=period,
        seed=seed,
        avoid=pl.concat([members, *([_typed(others)] if others is not None else [])]),
    )
    lines = [
        _lines(
            pl.concat([rows_of("same_invoice", "two_kpj"), pool.filter(planted.is_null())]).drop("plant"), "matched"
        ),
        _lines(before_death, "matched"),
        _amounts_differ(rows_of("income_level", "discount", "jht"), rnd),
        _mismatched(rows_of("kpj_nik_mismatch"), people.join(death_months, on="person_id", how="anti"), rnd),
        _lines(rows_of(*UNREADABLE).rename({"plant": "_bad"}), "unreadable", detail=pl.col("_bad")),
        _lines(after.drop("death_month"), "after_end", "death"),
        _lines(rows_of("same_invoice").drop("plant"), "billed_twice", "same_invoice", dup=True),
        _two_kpj(rows_of("two_kpj"), fresh.slice(errors.count("not_enrolled", n))),
        _other_program(members, others, errors.count("other_program", n), rnd),
        _not_enrolled(fresh.head(errors.count("not_enrolled", n)), billed_months, period, rnd),
    ]
    frame = pl.concat(lines, how="diagonal_relaxed")
    frame = _order(frame, rnd)
    frame = _written(frame, rnd)
    sums = frame.filter(pl.col("klass") != "unreadable").select(pl.col("jkk", "jkm", "jht", "total").sum()).row(0)
    lines_total = int(sums[3])
    stated = {"footer": lines_total, "header": lines_total, "wrong": lines_total + WRONG_BY, "none": None}[header_total]

    wadah_code = wadah if "-" in wadah else f"{wadah}-{REGION}-0001"
    titles = [
        f"BPJS KETENAGAKERJAAN KANTOR CABANG {BRANCH}",
        "TAGIHAN IURAN PESERTA BUKAN PENERIMA UPAH",
        f"KODE WADAH : {wadah_code}",
        f"PERIODE : {MONTH_NAMES[period.month - 1].upper()} {period.year}",
    ]
    if header_total == "header":
        titles.append(f"TOTAL TAGIHAN : Rp {rupiah(lines_total)}")
    first_line_row = len(titles) + 3  # the titles, a blank row, the header
    footer: list[list[object]] = []
    if header_total in ("footer", "wrong"):
        footer.append(["TOTAL", None, None, None, None, sums[0], sums[1], sums[2], stated])
    if _draw(seed, 1) < 0.75:
        sent = add_months(period, 1).replace(day=5)
        footer += [[], _right(f"Malang, {sent:%d} {MONTH_NAMES[sent.month - 1]} {sent.year}")]
        footer += [_right("Kepala Bidang Kepesertaan"), [], [], _right("( ................................ )")]
    file_name = f"TAGIHAN_{wadah}_{period:%Y-%m}.{fmt}"
    data = _csv(frame, titles, footer) if fmt == "csv" else _xlsx(frame, titles, footer)
    truth = _truth(frame, first_line_row, rows_of("not_billed", *UNREADABLE))
    return InvoiceCase(
        data=data,
        file_name=file_name,
        truth=truth,
        lines_total=lines_total,
        header_total=stated,
        deaths=deaths_out.select(pl.col("person_id").cast(pl.Int64), pl.col("nik"), pl.col("death_date")),
        first_line_row=first_line_row,
        wadah_code=wadah_code,
        period=period,
    )


def rupiah(amount: int) -> str:
    """1234567 -> "1.234.567"."""
    return f"{amount:,}".replace(",", ".")


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _people(n: int, *, on: dt.date, seed: int, serial_from: int, index_from: int) -> pl.DataFrame:
    """_index, nik, kpj, name of `n` people aged 18-65 on `on`."""
    male, female, last = name_lists()
    rnd = Random(seed * 7 + 3)
    frame = pl.DataFrame({"_index": pl.int_range(index_from, index_from + n, eager=True, dtype=pl.Int64)})
    is_male = rnd.uniform(n) < 0.5
    first = pl.when(is_male).then(rnd.choice(n, male)).otherwise(rnd.choice(n, female))
    middle = pl.when(rnd.uniform(n) < 0.4).then(
        pl.when(is_male).then(rnd.choice(n, male)).otherwise(rnd.choice(n, female))
    )
    surname = pl.when(rnd.uniform(n) < 0.8).then(rnd.choice(n, last))
    days_old = (rnd.uniform(n) * 47 * 365.25 + 18 * 365.25).cast(pl.Int64)
    frame = frame.with_columns(
        _male=is_male,
        _kec=((rnd.uniform(n) * 5).cast(pl.Int64) + 1).cast(pl.String).str.zfill(2),
        _birth=pl.lit(on) - pl.duration(days=days_old),
        name=pl.concat_str([first, middle, surname], separator=" ", ignore_nulls=True).str.to_uppercase(),
    )
    two = lambda value: value.cast(pl.String).str.zfill(2)  # noqa: E731
    serial = pl.int_range(pl.len()).over("_kec", "_birth", "_male") + serial_from
    day = pl.col("_birth").dt.day() + pl.when(pl.col("_male")).then(0).otherwise(40)
    birth = pl.col("_birth")
    return frame.with_columns(
        nik=pl.concat_str(
            [
                pl.lit(REGION),
                "_kec",
                two(day),
                two(birth.dt.month()),
                two(birth.dt.year() % 100),
                (serial % 10_000).cast(pl.String).str.zfill(4),
            ]
        ),
        kpj=_kpj(pl.col("_index")),
    ).select("_index", "nik", "kpj", "name")


def _kpj(index: pl.Expr) -> pl.Expr:
    return ((index * _KPJ_FACTOR + _KPJ_OFFSET) % _KPJ_SPACE).cast(pl.String).str.zfill(11)


def _fresh(count: int, *, period: dt.date, seed: int, avoid: pl.DataFrame) -> pl.DataFrame:
    """nik, kpj, name of `count` people whose NIK and KPJ no one in `avoid` has."""
    if count == 0:
        return pl.DataFrame(schema={"nik": pl.String, "kpj": pl.String, "name": pl.String})
    spare = count + 16
    people = _people(
        spare, on=period, seed=seed + 501, serial_from=_FRESH_SERIAL, index_from=_FRESH_BLOCK + seed * 100_000
    )
    people = (
        people.unique("nik", keep="first", maintain_order=True)
        .join(avoid.select("nik"), on="nik", how="anti")
        .join(avoid.select("kpj"), on="kpj", how="anti")
    )
    return people.head(count).select("nik", "kpj", "name")


def _typed(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(*(pl.col(name).cast(dtype) for name, dtype in MEMBER_SCHEMA.items()))


def _pick(frame: pl.DataFrame, count: int, rnd: Random) -> pl.DataFrame:
    """`count` rows of `frame` in a seeded order."""
    keyed = frame.with_columns(_key=rnd.uniform(frame.height))
    return keyed.bottom_k(count, by="_key").sort("_key").drop("_key")


def _lines(
    rows: pl.DataFrame, klass: str, detail: str | pl.Expr = "", *, dup: bool = False, extra: bool | None = None
) -> pl.DataFrame:
    """Lines billing `rows` (person_id, nik, kpj, name, month, jkk, jkm, jht) as they are."""
    return rows.with_columns(
        klass=pl.lit(klass),
        detail=detail if isinstance(detail, pl.Expr) else pl.lit(detail),
        _dup=pl.lit(dup),
        _extra=pl.lit(dup if extra is None else extra),
    )


def _amounts_differ(rows: pl.DataFrame, rnd: Random) -> pl.DataFrame:
    kind = pl.col("plant")
    step = pl.lit(pl.Series(INCOME_STEPS)).gather((rnd.uniform(rows.height) * len(INCOME_STEPS)).cast(pl.UInt32))
    return _lines(
        rows.with_columns(
            jkk=pl.when(kind == "income_level")
            .then(pl.col("jkk") + step)
            .when(kind == "discount")
            .then(pl.col("jkk") // 2)
            .otherwise(pl.col("jkk")),
            jkm=pl.when(kind == "discount").then(pl.col("jkm") // 2).otherwise(pl.col("jkm")),
            jht=pl.when(kind == "jht").then(pl.lit(JHT)).otherwise(pl.col("jht")),
        ).rename({"plant": "_kind"}),
        "amount_differs",
        pl.col("_kind"),
    ).drop("_kind")


def _mismatched(rows: pl.DataFrame, people: pl.DataFrame, rnd: Random) -> pl.DataFrame:
    """The member's NIK with another (living) member's KPJ: the j-th donor in a seeded order, or the next if
    that is the member."""
    if rows.is_empty():
        return _lines(rows.drop("plant"), "kpj_nik_mismatch")
    donors = _pick(people.select("person_id", "kpj"), rows.height + 1, rnd)
    if donors.height < 2:
        raise ValueError("a KPJ/NIK mismatch needs two members")
    first = pl.int_range(pl.len()) % donors.height
    second = (first + 1) % donors.height
    ids, kpjs = pl.lit(donors.get_column("person_id")), pl.lit(donors.get_column("kpj"))
    return _lines(
        rows.drop("plant").with_columns(
            kpj=pl.when(ids.gather(first) == pl.col("person_id"))
            .then(kpjs.gather(second))
            .otherwise(kpjs.gather(first))
        ),
        "kpj_nik_mismatch",
    )


def _two_kpj(rows: pl.DataFrame, fresh: pl.DataFrame) -> pl.DataFrame:
    rows = rows.drop("plant").head(fresh.height)
    return _lines(
        rows.with_columns(kpj=fresh.get_column("kpj").head(rows.height)), "billed_twice", "two_kpj", extra=True
    )


def _other_program(members: pl.DataFrame, others: pl.DataFrame | None, count: int, rnd: Random) -> pl.DataFrame:
    """Lines for people of `others` who are not members here, for months `others` covers (this bill's first)."""
    if others is None or count == 0:
        return pl.DataFrame(schema=MEMBER_SCHEMA)
    candidates = (
        _typed(others)
        .join(members.select("person_id"), on="person_id", how="anti")
        .join(members.select("nik"), on="nik", how="anti")
        .unique(["person_id", "month"], keep="first", maintain_order=True)
    )
    in_bill = candidates.join(members.select("month").unique(), on="month", how="semi")
    chosen = _pick(in_bill if not in_bill.is_empty() else candidates, count, rnd)
    return _lines(chosen, "billed_twice", "other_program", extra=True)


def _not_enrolled(fresh: pl.DataFrame, months: pl.Series, period: dt.date, rnd: Random) -> pl.DataFrame:
    k = fresh.height
    month = pl.lit(months).gather((rnd.uniform(k) * months.len()).cast(pl.UInt32))
    return _lines(
        fresh.with_columns(
            person_id=pl.lit(None, dtype=pl.Int64),
            month=pl.when(rnd.uniform(k) < 0.7).then(pl.lit(period)).otherwise(month),
            jkk=pl.lit(JKK),
            jkm=pl.lit(JKM),
            jht=pl.lit(0, dtype=pl.Int64),
        ),
        "not_enrolled",
        extra=True,
    )


def _order(frame: pl.DataFrame, rnd: Random) -> pl.DataFrame:
    """The branch's order: by month, then KPJ; about half the added lines come after the month's others
    (lines posted later). A repeat of a line always comes after it."""
    n = frame.height
    return (
        frame.with_columns(
            _block=(pl.col("_extra") & (rnd.uniform(n) < 0.5)).cast(pl.Int8),
            _bad=pl.col("_bad") if "_bad" in frame.columns else pl.lit(None, dtype=pl.String),
            _kpj_number=pl.col("kpj").cast(pl.Int64, strict=False),
        )
        .sort("month", "_block", "_kpj_number", "_dup", nulls_last=True, maintain_order=True)
        .with_columns(NO=pl.int_range(1, n + 1, dtype=pl.Int64), total=pl.col("jkk") + pl.col("jkm") + pl.col("jht"))
    )


def _written(frame: pl.DataFrame, rnd: Random) -> pl.DataFrame:
    """The cells as the branch writes them (text; `_number` marks amount cells that are numbers in xlsx,
    `_date` PERIODE cells that are dates). Amounts and months take few values: each cell's text is looked up
    in a small table of (value, form), not built a million times."""
    n = frame.height
    bad = pl.col("_bad").fill_null("")
    u_nik = rnd.uniform(n)
    nik_cell = pl.concat_str(
        [
            pl.when(u_nik < 0.05).then(pl.lit("'")).when(u_nik < 0.08).then(pl.lit(" ")).otherwise(pl.lit("")),
            pl.col("nik"),
            pl.when(u_nik.is_between(0.08, 0.10, closed="left")).then(pl.lit(" ")).otherwise(pl.lit("")),
        ]
    )
    title = pl.when(rnd.uniform(n) < 0.12).then(rnd.choice(n, list(TITLES))).otherwise(pl.lit(""))
    # PERIODE: one of five forms of the month (_month_forms), or one of three months that are none.
    u_form = rnd.uniform(n)
    form = (
        pl.when(bad == "month_invalid")
        .then(5 + (rnd.uniform(n) * len(BAD_MONTHS)).cast(pl.Int64))
        .when(u_form < 0.3)
        .then(0)
        .when(u_form < 0.5)
        .then(1)
        .when(u_form < 0.65)
        .then(2)
        .when(u_form < 0.8)
        .then(3)
        .otherwise(4)
    )
    period_keys, period_texts = [], []
    for month in frame.get_column("month").unique().drop_nulls().to_list():
        for code, text in enumerate(_month_forms(month)):
            period_keys.append((month.year * 12 + month.month - 1) * 8 + code)
            period_texts.append(text)
    month_key = pl.col("month").dt.year().cast(pl.Int64) * 12 + pl.col("month").dt.month().cast(pl.Int64) - 1
    # Amounts: a line's as numbers, "10.000" or "Rp 10.000"; a negative or fractional line's as text.
    u_style = rnd.uniform(n)
    style = pl.when(u_style < 0.85).then(0).when(u_style < 0.95).then(1).otherwise(2)
    values = pl.concat([frame.get_column(name) for name in ("jkk", "jkm", "jht", "total")]).unique().to_list()
    amount_keys, amount_texts = [], []
    for value in values:
        amount_keys += [value * 5 + code for code in range(5)]
        amount_texts += [str(value), rupiah(value), f"Rp {rupiah(value)}", f"-{rupiah(value)}" if value else "0"]
        amount_texts.append(f"{value},50")
    frame = frame.with_columns(_form=form, _style=style)
    amounts = {}
    for name in ("jkk", "jkm", "jht", "total"):
        code = pl.when(bad == "amount_negative").then(3)
        if name in ("jkk", "total"):
            code = code.when(bad == "amount_fraction").then(4)
        key = pl.col(name) * 5 + code.otherwise(pl.col("_style"))
        amounts[f"_{name}_cell"] = key.replace_strict(amount_keys, amount_texts, return_dtype=pl.String)
    missing = bad == "nik_missing"
    return frame.with_columns(
        kpj=pl.when(missing).then(None).otherwise(pl.col("kpj")),
        nik=pl.when(missing).then(None).otherwise(pl.col("nik")),
        _nik_cell=pl.when(missing).then(None).otherwise(nik_cell),
        _name_cell=pl.concat_str([title, pl.col("name")]),
        _period_cell=(month_key * 8 + pl.col("_form")).replace_strict(
            period_keys, period_texts, return_dtype=pl.String
        ),
        _date=pl.col("_form") == 4,
        _number=(pl.col("_style") == 0) & ~bad.is_in(["amount_negative", "amount_fraction"]),
        **amounts,
    )


def _month_forms(month: dt.date) -> list[str]:
    """PERIODE as branches write it ("2026-07", "07/2026", "JUL-2026", "Juli 2026", "01/07/2026": a date cell,
    in csv as Excel shows it), then three months that are none ("BULAN 13", "13/2026", "2026-13")."""
    year = str(month.year)
    forms = [f"{month:%Y-%m}", f"{month:%m/%Y}", f"{SHORT_MONTHS[month.month - 1]}-{year}"]
    forms += [f"{MONTH_NAMES[month.month - 1]} {year}", f"{month:%d/%m/%Y}"]
    return forms + [bad.replace("{year}", year) for bad in BAD_MONTHS]


_CELLS = ("NO", "kpj", "_nik_cell", "_name_cell", "_period_cell", "_jkk_cell", "_jkm_cell", "_jht_cell", "_total_cell")


def _right(text: str) -> list[object]:
    """A signature line: its text under IURAN JKM, on the right of the sheet."""
    return [None] * 6 + [text]


def _csv(frame: pl.DataFrame, titles: list[str], footer: list[list[object]]) -> bytes:
    width = len(HEADER)

    def line(cells: list[object]) -> bytes:
        cells = [*cells, *[None] * (width - len(cells))]
        return (";".join("" if cell is None else str(cell) for cell in cells) + "\r\n").encode()

    buffer = io.BytesIO()
    buffer.write(b"".join(line([title]) for title in titles) + line([]) + line(list(HEADER)))
    frame.select(pl.col(name).cast(pl.String) for name in _CELLS).write_csv(
        buffer, separator=";", include_header=False, line_terminator="\r\n"
    )
    buffer.write(b"".join(line(cells) for cells in footer))
    return buffer.getvalue()


def _xlsx(frame: pl.DataFrame, titles: list[str], footer: list[list[object]]) -> bytes:
    columns = [*_CELLS, "_date", "_number", "month"]
    rows: list[list[object]] = [[title] for title in titles] + [[], list(HEADER)]
    for no, kpj, nik, name, period, jkk, jkm, jht, total, is_date, is_number, month in frame.select(
        columns
    ).iter_rows():
        amounts = [jkk, jkm, jht, total]
        rows.append(
            [
                no,
                kpj,
                nik,
                name,
                month if is_date else period,
                *([int(value) for value in amounts] if is_number else amounts),
            ]
        )
    rows += footer
    return xlsx_bytes({SHEET: rows})


def _truth(frame: pl.DataFrame, first_line_row: int, unbilled: pl.DataFrame) -> pl.DataFrame:
    bad = pl.col("_bad").fill_null("")
    lines = frame.select(
        row=pl.col("NO") + (first_line_row - 1),
        kpj="kpj",
        nik="nik",
        month=pl.when(bad == "month_invalid").then(None).otherwise(pl.col("month")),
        total=pl.when(bad.is_in(["amount_negative", "amount_fraction"])).then(None).otherwise(pl.col("total")),
        klass="klass",
        detail="detail",
        person_id="person_id",
    )
    months = unbilled.sort("month", "nik").select(
        row=pl.lit(None, dtype=pl.Int64),
        kpj="kpj",
        nik="nik",
        month="month",
        total=pl.lit(0, dtype=pl.Int64),
        klass=pl.lit("not_billed"),
        detail=pl.lit(""),
        person_id="person_id",
    )
    both = pl.concat([lines, months], how="vertical_relaxed")
    return both.select(*(pl.col(name).cast(dtype) for name, dtype in TRUTH_SCHEMA.items()))


def _draw(seed: int, salt: int) -> float:
    """One seeded uniform draw (whether this branch signs its bills)."""
    return pl.select(pl.lit(salt).hash(seed)).item() / 2**64
