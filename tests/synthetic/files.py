"""Rows about people written as OPD spreadsheets really look (DATA-REALITY.md), with the truth kept apart.

`opd_list_file(rows, places)` turns rows of `people.synthetic_lists` into the text columns of a
list typed in Excel by someone else: NIKs in scientific notation, with dots or spaces, a leading
apostrophe, a ".0" tail, 17 digits or words instead; birth dates in six forms and Excel serial
numbers; sex as L/P, LK/PR, 1/2 or words; phones with and without 0/62/+62; titles before names;
kelurahan misspelt, spaced, prefixed or in capitals; free-text addresses with RT/RW; occupations in
the words OPDs use. Everything is drawn with Polars from one seed.
"""

import datetime as dt

import polars as pl

from jaring.core.regions import iter_region_rows
from tests.synthetic.people import Random

HEADER = (
    "No",
    "NIK",
    "Nama Lengkap",
    "Tempat Lahir",
    "Tgl Lahir",
    "JK",
    "Alamat",
    "Kelurahan",
    "Kecamatan",
    "No HP",
    "Pekerjaan",
)
OCCUPATION_WORDS = (
    "Linmas",
    "LINMAS",
    "Anggota Linmas",
    "Guru Ngaji",
    "Guru Ngaji/TPQ",
    "Ustadz TPQ",
    "Marbot",
    "Marbot Masjid",
    "Takmir",
    "Penggali Makam",
    "Modin",
    "Ketua RT",
    "Ketua RW",
    "Ojol",
    "Driver Grab",
    "Gojek",
    "Jukir",
    "Petani",
    "Buruh Tani",
    "Nelayan",
    "Pemulung",
    "Buruh serabutan",
    "Pedagang kaki lima",
    "Kader Posyandu",
)
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober")
_MONTHS += ("November", "Desember")
_SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
_STREETS = ("Jl. Melati", "Jl. Mawar", "Jl. Kenanga", "Jl. Raya", "Gg. Masjid", "Dusun Krajan", "Jl. Anggrek")
_BIRTH_PLACES = ("Malang", "Surabaya", "Blitar", "Pasuruan", "Kediri", "Lumajang", "Probolinggo")
_TITLES = ("H. ", "Hj. ", "Bpk. ", "Ibu ", "Sdr. ", "Ustadz ", "")


def region_places(under: str) -> pl.DataFrame:
    """code, name, district_name of every kelurahan/desa under a kabupaten/kota."""
    rows = list(iter_region_rows(under=under))
    districts = {row.code: row.name for row in rows if row.level == 3}
    return pl.DataFrame(
        [(row.code, row.name, districts[row.code.rsplit(".", 1)[0]]) for row in rows if row.level == 4],
        schema={"code": pl.String, "name": pl.String, "district_name": pl.String},
        orient="row",
    )


def opd_list_file(rows: pl.DataFrame, places: pl.DataFrame, *, seed: int = 23) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the list's text columns, truth: `No` -> person_id) for `rows` of `people.synthetic_lists`."""
    rnd = Random(seed)
    n = rows.height
    frame = rows.with_row_index("_i").join(
        places.rename({"code": "kelurahan_code", "name": "_kel", "district_name": "_kec"}),
        on="kelurahan_code",
        how="left",
    )
    frame = frame.sort("_i").with_columns(_u=rnd.uniform(n), No=(pl.col("_i") + 1).cast(pl.String))
    frame = frame.with_columns(
        NIK=_messy_nik(pl.col("nik"), rnd, n),
        **{"Nama Lengkap": _messy_name(pl.col("name"), rnd, n)},
        **{"Tempat Lahir": rnd.choice(n, list(_BIRTH_PLACES))},
        **{"Tgl Lahir": _messy_date(pl.col("birth_date"), rnd, n)},
        JK=_messy_sex(pl.col("sex"), rnd, n),
        Alamat=_address(pl.col("rt_rw"), rnd, n),
        Kelurahan=_messy_place(pl.col("_kel"), rnd, n),
        Kecamatan=pl.when(rnd.uniform(n) < 0.1).then(None).otherwise(pl.col("_kec").str.to_titlecase()),
        **{"No HP": _messy_phone(pl.col("phone"), rnd, n)},
        Pekerjaan=rnd.choice(n, list(OCCUPATION_WORDS)),
    )
    return frame.select(HEADER), frame.select(pl.col("No"), pl.col("person_id"))


def _messy_nik(nik: pl.Expr, rnd: Random, n: int) -> pl.Expr:
    """About a third of NIKs arrive in a form that loses digits or is not a number at all."""
    kind = rnd.uniform(n)
    grouped = pl.concat_str([nik.str.slice(0, 4), nik.str.slice(4, 4), nik.str.slice(8, 4), nik.str.slice(12)])
    scientific = pl.format("{},{}E+15", nik.str.slice(0, 1), nik.str.slice(1, 5))  # Excel's 3,57305E+15
    return (
        pl.when(nik.is_null())
        .then(None)
        .when(kind < 0.12)
        .then(scientific)  # digits gone: rejected
        .when(kind < 0.18)
        .then(
            pl.concat_str(
                [nik.str.slice(0, 4), nik.str.slice(4, 4), nik.str.slice(8, 4), nik.str.slice(12)], separator=" "
            )
        )
        .when(kind < 0.23)
        .then(
            pl.concat_str(
                [nik.str.slice(0, 4), nik.str.slice(4, 4), nik.str.slice(8, 4), nik.str.slice(12)], separator="."
            )
        )
        .when(kind < 0.28)
        .then(pl.lit("'") + nik)
        .when(kind < 0.32)
        .then(nik + pl.lit(".0"))  # a number cell saved as text
        .when(kind < 0.34)
        .then(nik + (rnd.uniform(n) * 10).cast(pl.Int64).cast(pl.String))  # 17 digits
        .when(kind < 0.36)
        .then(nik.str.slice(0, 15))  # 15 digits
        .when(kind < 0.38)
        .then(rnd.choice(n, ["-", "belum ada", "KTP hilang", "0"]))  # no NIK, said in words
        .when(kind < 0.39)
        .then(nik.str.replace("0", "O", literal=True))  # the letter O typed for a zero
        .otherwise(grouped)
    )


def _messy_name(name: pl.Expr, rnd: Random, n: int) -> pl.Expr:
    titled = pl.when(rnd.uniform(n) < 0.3).then(rnd.choice(n, list(_TITLES)) + name).otherwise(name)
    return pl.when(rnd.uniform(n) < 0.2).then(titled.str.to_uppercase()).otherwise(titled)


def _messy_date(birth: pl.Expr, rnd: Random, n: int) -> pl.Expr:
    kind = rnd.uniform(n)
    day, month, year = birth.dt.day(), birth.dt.month(), birth.dt.year()
    two = lambda value: value.cast(pl.String).str.zfill(2)  # noqa: E731
    serial = (birth - pl.lit(dt.date(1899, 12, 30))).dt.total_days()
    return (
        pl.when(birth.is_null())
        .then(None)
        .when(kind < 0.4)
        .then(pl.format("{}-{}-{}", two(day), two(month), year))
        .when(kind < 0.55)
        .then(pl.format("{}/{}/{}", two(day), two(month), two(year % 100)))
        .when(kind < 0.7)
        .then(pl.format("{} {} {}", day, pl.lit(pl.Series(_MONTHS)).gather(month - 1), year))
        .when(kind < 0.75)
        .then(pl.format("{}-{}-{}", two(day), pl.lit(pl.Series(_SHORT_MONTHS)).gather(month - 1), two(year % 100)))
        .when(kind < 0.88)
        .then(birth.dt.strftime("%Y-%m-%d"))
        .otherwise(serial.cast(pl.String))  # an Excel date cell read as its number
    )


def _messy_sex(sex: pl.Expr, rnd: Random, n: int) -> pl.Expr:
    kind = rnd.uniform(n)
    male = sex == "L"
    return (
        pl.when(kind < 0.5)
        .then(sex)
        .when(kind < 0.65)
        .then(pl.when(male).then(pl.lit("LK")).otherwise(pl.lit("PR")))
        .when(kind < 0.8)
        .then(pl.when(male).then(pl.lit("Laki-laki")).otherwise(pl.lit("Perempuan")))
        .when(kind < 0.9)
        .then(pl.when(male).then(pl.lit("1")).otherwise(pl.lit("2")))
        .otherwise(None)
    )


def _messy_phone(phone: pl.Expr, rnd: Random, n: int) -> pl.Expr:
    national = phone.str.slice(3)  # after +62
    kind = rnd.uniform(n)
    return (
        pl.when(kind < 0.4)
        .then(pl.lit("0") + national)
        .when(kind < 0.55)
        .then(phone)
        .when(kind < 0.65)
        .then(pl.lit("62") + national)
        .when(kind < 0.8)
        .then(national)  # Excel dropped the 0
        .otherwise(
            pl.concat_str(
                [pl.lit("0") + national.str.slice(0, 3), national.str.slice(3, 4), national.str.slice(7)], separator="-"
            )
        )
    )


def _address(rt_rw: pl.Expr, rnd: Random, n: int) -> pl.Expr:
    number = (rnd.uniform(n) * 200).cast(pl.Int64) + 1
    street = pl.format("{} No. {}", rnd.choice(n, list(_STREETS)), number)
    rt, rw = rt_rw.str.slice(1, 2), rt_rw.str.slice(5, 2)
    return pl.when(rt_rw.is_null()).then(street).otherwise(pl.format("{} RT {}/RW {}", street, rt, rw))


def _messy_place(name: pl.Expr, rnd: Random, n: int) -> pl.Expr:
    kind = rnd.uniform(n)
    position = (rnd.uniform(n) * (name.str.len_chars() - 2)).cast(pl.Int64) + 1
    return (
        pl.when(kind < 0.6)
        .then(name)
        .when(kind < 0.7)
        .then(name.str.to_uppercase())
        .when(kind < 0.78)
        .then(pl.lit("Kel. ") + name)
        .when(kind < 0.86)
        .then(name.str.slice(0, position) + name.str.slice(position + 1))  # a letter dropped
        .when(kind < 0.93)
        .then(name.str.slice(0, position) + pl.lit(" ") + name.str.slice(position))  # "Sawo Jajar"
        .otherwise(None)
    )


ADDRESS_STYLES = (
    "{street} RT {rt}/RW {rw} Kel. {kel} Kec. {kec}",
    "{street} RT {rt}/{rw} Kelurahan {kel}",
    "{street}, Desa {kel}, Kec. {kec}",
    "{street} Ds. {kel}",
    "{street} Kel. Kel. {kel} Kec. {kec}",
    "{street} RT {rt} RW {rw} {kel} {kec}",
    "{street}, Kel.{kel}, Kec.{kec}, Kab. Malang",
    "{street} RT {rt}/{rw} {kel}",
)


def free_text_addresses(
    rows: pl.DataFrame, places: pl.DataFrame, *, misspelt: bool, seed: int = 31
) -> tuple[pl.Series, pl.Series]:
    """(one ALAMAT cell per row of `rows`, the kelurahan code it describes), in the styles lists use.

    With `misspelt`, the kelurahan name loses a letter, gains a space or is cut short, and the
    kecamatan is abbreviated (Kec. Kedkandang): the forms DATA-REALITY.md lists.
    """
    rnd = Random(seed)
    n = rows.height
    frame = rows.select("kelurahan_code", "rt_rw").join(
        places.rename({"code": "kelurahan_code", "name": "_kel", "district_name": "_kec"}), on="kelurahan_code"
    )
    kel = pl.col("_kel")
    if misspelt:
        position = (rnd.uniform(n) * (kel.str.len_chars() - 3)).cast(pl.Int64) + 2
        kind = rnd.uniform(n)
        kel = (
            pl.when(kind < 0.5)
            .then(kel.str.slice(0, position) + kel.str.slice(position + 1))
            .otherwise(kel.str.slice(0, position) + pl.lit(" ") + kel.str.slice(position))
        )
    kec = pl.col("_kec").str.to_titlecase()
    if misspelt:
        kec = pl.when(kec.str.len_chars() > 8).then(kec.str.slice(0, 3) + kec.str.slice(6)).otherwise(kec)
    street = pl.format("{} No. {}", rnd.choice(n, list(_STREETS)), (rnd.uniform(n) * 200).cast(pl.Int64) + 1)
    rt = pl.col("rt_rw").str.slice(1, 2).fill_null("01")
    rw = pl.col("rt_rw").str.slice(5, 2).fill_null("02")
    style = (rnd.uniform(n) * len(ADDRESS_STYLES)).cast(pl.Int64)
    text = pl.lit(None, dtype=pl.String)
    for number, template in enumerate(ADDRESS_STYLES):
        filled = pl.concat_str(
            [
                {"street": street, "rt": rt, "rw": rw, "kel": kel, "kec": kec}[part]
                if part in ("street", "rt", "rw", "kel", "kec")
                else pl.lit(part)
                for part in _template_parts(template)
            ]
        )
        text = pl.when(style == number).then(filled).otherwise(text)
    out = frame.select(address=text, truth=pl.col("kelurahan_code"))
    return out.get_column("address"), out.get_column("truth")


def _template_parts(template: str) -> list[str]:
    """ "{street} RT {rt}" -> ["street", " RT ", "rt"]: placeholders by name, the rest as text."""
    parts, rest = [], template
    while "{" in rest:
        before, _brace, after = rest.partition("{")
        name, _close, rest = after.partition("}")
        parts += [before, name] if before else [name]
    return [*parts, rest] if rest else parts


def excel_rounded(nik: pl.Expr) -> pl.Expr:
    """A NIK as Excel keeps a 16-digit number: rounded to 15 significant digits (…0428 -> …0430).

    Exact integer arithmetic, carries included (…8995 -> …9000); a value that is not 16-18 digits
    is returned as it is.
    """
    digits = nik.str.len_chars()
    number = nik.cast(pl.UInt64, strict=False)
    rounded = pl.lit(None, dtype=pl.String)
    for length in (16, 17, 18):
        factor = 10 ** (length - 15)
        rounded = (
            pl.when(digits == length)
            .then(((number + factor // 2) // factor * factor).cast(pl.String))
            .otherwise(rounded)
        )
    return pl.when(nik.str.contains(r"^\d{16,18}$")).then(rounded).otherwise(nik)
