"""Synthetic OPD lists with known truth, for measuring linkage (benchmarks and tests only).

People get Indonesian names from Faker's id_ID lists, real kelurahan codes of a region, a NIK
that agrees with their birth date and sex, and a phone. Each person is listed 1 to 3 times, as
different OPDs would list them, with the damage seen in real lists: Muhammad written five ways,
titles, "Nur Aini"/"Nuraini", old spellings, a NIK with one digit wrong, two digits swapped, the
last digit zeroed by Excel or one digit dropped, day and month swapped, phones missing.
Everything is drawn with Polars from one seed, so a million rows take seconds.
"""

import datetime as dt

import polars as pl

from jaring.core.frames import format_str

SOURCES = ("DISNAKER", "DINSOS", "KEMENAG", "KELURAHAN", "SATPOLPP")
TWIN_SHARE = 0.01  # roughly one birth in a hundred is a twin birth
OTHER_REGION_SHARE = 0.03
# Kecamatan prefixes of KTPs issued elsewhere: Surabaya, Denpasar, Makassar, and Papua before the
# 2022 split (Merauke 91.01, Nduga 91.24, Kabupaten Sorong 92.01, Kota Sorong 92.71).
ISSUED_ELSEWHERE = ["357801", "517101", "737101", "910101", "912401", "920101", "927101"]
_MUHAMMAD_FORMS = ["Muhammad", "M.", "Moch.", "Mochammad", "Moh.", "Muh.", "Mohammad"]
_TITLES = ["H.", "Drs.", "Bpk.", "Ust."]
_OLD_SPELLINGS = [("u", "oe"), ("j", "dj"), ("c", "tj"), ("y", "j"), ("kh", "ch")]


def name_lists() -> tuple[list[str], list[str], list[str]]:
    from faker.providers.person.id_ID import Provider

    last_names = sorted(set(Provider.last_names_male) | set(Provider.last_names_female))
    return list(Provider.first_names_male), list(Provider.first_names_female), last_names


def synthetic_people(
    count: int, *, villages: list[str], seed: int = 7, on: dt.date = dt.date(2026, 1, 1)
) -> pl.DataFrame:
    """`count` distinct people: person_id, name, sex, birth_date, kelurahan_code, rt_rw, nik, phone."""
    male, female, last = name_lists()
    frame = pl.DataFrame({"person_id": pl.int_range(0, count, eager=True)})
    rnd = Random(seed)
    sex_male = rnd.uniform(count) < 0.55
    first = pl.when(sex_male).then(rnd.choice(count, male)).otherwise(rnd.choice(count, female))
    middle = pl.when(rnd.uniform(count) < 0.5).then(
        pl.when(sex_male).then(rnd.choice(count, male)).otherwise(rnd.choice(count, female))
    )
    muhammad = pl.when(sex_male & (rnd.uniform(count) < 0.2)).then(pl.lit("Muhammad"))
    surname = pl.when(rnd.uniform(count) < 0.8).then(rnd.choice(count, last))
    # Elderly workers are normal (Linmas, marbot, grave diggers of 60-80): ages 16 to 80.
    days_old = (rnd.uniform(count) * (80 - 16) * 365.25 + 16 * 365.25).cast(pl.Int64)
    frame = frame.with_columns(
        _given=pl.concat_str([muhammad, first, middle], separator=" ", ignore_nulls=True),
        _surname=surname,
        sex=pl.when(sex_male).then(pl.lit("L")).otherwise(pl.lit("P")),
        birth_date=pl.lit(on) - pl.duration(days=days_old),
        kelurahan_code=rnd.choice(count, villages),
        phone=format_str("+628{}", (rnd.uniform(count) * 9_000_000_000 + 1_000_000_000).cast(pl.Int64)),
        rt_rw=format_str(
            "{}/{}",
            ((rnd.uniform(count) * 12).cast(pl.Int64) + 1).cast(pl.String).str.zfill(3),
            ((rnd.uniform(count) * 8).cast(pl.Int64) + 1).cast(pl.String).str.zfill(3),
        ),
        _twin=rnd.uniform(count) < TWIN_SHARE,
        _elsewhere=rnd.uniform(count),
        _gap=(rnd.uniform(count) * 400).cast(pl.Int64) + 10,
    )
    # Twins and same-day siblings: a person born the same day, in the same kelurahan and RT/RW, with
    # the family's last name (often the father's) and the family's phone, but a given name of their own.
    twin = pl.col("_twin") & (pl.col("person_id") > 0)
    frame = frame.with_columns(
        [
            pl.when(twin).then(pl.col(name).shift(1)).otherwise(pl.col(name)).alias(name)
            for name in ("birth_date", "kelurahan_code", "rt_rw", "_surname", "phone")
        ]
    ).with_columns(name=pl.concat_str(["_given", "_surname"], separator=" ", ignore_nulls=True))
    day = pl.col("birth_date").dt.day() + pl.when(pl.col("sex") == "P").then(40).otherwise(0)
    # Dukcapil numbers people of one kecamatan born on one day (women: day + 40) 0001, 0002, ...:
    # neighbours' NIKs differ in the last digit only, which the linkage must not take for a typo. A
    # twin registered later has a serial further on (…830400 beside …830071).
    frame = frame.with_columns(
        serial=pl.int_range(1, pl.len() + 1).over(pl.col("kelurahan_code").str.slice(0, 8), "birth_date", "sex")
    ).with_columns(serial=pl.when(twin).then(pl.col("serial") + pl.col("_gap")).otherwise(pl.col("serial")))
    # Some KTPs were issued elsewhere (migrants) or before the 2022 Papua split; they live here now.
    place = (
        pl.when(pl.col("_elsewhere") < OTHER_REGION_SHARE)
        .then(
            pl.lit(pl.Series(ISSUED_ELSEWHERE)).gather(
                (pl.col("_elsewhere") * 1e6).cast(pl.Int64) % len(ISSUED_ELSEWHERE)
            )
        )
        .otherwise(pl.col("kelurahan_code").str.slice(0, 8).str.replace_all(".", "", literal=True))
    )
    return frame.with_columns(
        nik=pl.concat_str(
            [
                place,
                day.cast(pl.String).str.zfill(2),
                pl.col("birth_date").dt.month().cast(pl.String).str.zfill(2),
                (pl.col("birth_date").dt.year() % 100).cast(pl.String).str.zfill(2),
                (pl.col("serial") % 10_000).cast(pl.String).str.zfill(4),
            ]
        )
    ).drop("serial", "_given", "_surname", "_twin", "_elsewhere", "_gap")


def synthetic_lists(people: pl.DataFrame, *, villages: list[str], seed: int = 11, damage: float = 1.0) -> pl.DataFrame:
    """The rows OPDs would send about `people`: 1-3 rows each, damaged as real lists are.

    `damage` scales how often each kind of damage hits a copy (1.0: the shares written below).
    """
    rnd = Random(seed)
    copies = (rnd.uniform(people.height) * 3).cast(pl.Int64) + 1
    rows = people.with_columns(copies=copies).select(pl.all().repeat_by("copies")).explode(pl.all()).drop("copies")
    n = rows.height
    rows = rows.with_columns(
        source=rnd.choice(n, list(SOURCES)),
        unique_id=pl.int_range(0, n).cast(pl.String),
    )
    rows = rows.with_columns(
        _first=pl.col("unique_id").cast(pl.Int64) == pl.col("unique_id").cast(pl.Int64).min().over("person_id")
    )

    def hit(share: float) -> pl.Expr:
        return (~pl.col("_first")) & (rnd.uniform(n) < share * damage)

    # One damage at a time, each step materialised: nesting them would re-evaluate earlier steps.
    name = pl.col("name")
    steps = [
        pl.when(hit(0.5) & name.str.starts_with("Muhammad ")).then(rnd.choice(n, _MUHAMMAD_FORMS) + name.str.slice(8)),
        pl.when(hit(0.3)).then(rnd.choice(n, _TITLES) + pl.lit(" ") + name),
        *[pl.when(hit(0.08)).then(name.str.replace(new, old, literal=True)) for new, old in _OLD_SPELLINGS],
        pl.when(hit(0.15)).then(name.str.replace(" ", "", literal=True)),  # Nur Aini -> Nuraini
        pl.when(hit(0.15)).then(name.str.to_uppercase()),
        pl.when(hit(0.1)).then(_drop_letter(name, rnd.uniform(n))),
        # "VIKTOR IRAWAN" as "IRAWAN VIKTOR H": the family name first and an initial added.
        pl.when(hit(0.04) & name.str.contains(" ")).then(
            pl.concat_str(
                [
                    name.str.extract(r"(\S+)$", 1),
                    name.str.extract(r"^(.*) \S+$", 1),
                    rnd.choice(n, list("ABHMS")),
                ],
                separator=" ",
            )
        ),
    ]
    for step in steps:
        rows = rows.with_columns(name=step.otherwise(name))

    nik = pl.col("nik")
    position = (rnd.uniform(n) * 15).cast(pl.Int64)
    digit = (rnd.uniform(n) * 9 + 1).cast(pl.Int64)
    kind = rnd.uniform(n)
    damaged = (
        pl.when(kind < 0.25)
        .then(nik.str.slice(0, 15) + pl.lit("0"))  # Excel zeroed the 16th digit
        .when(kind < 0.5)
        .then(
            nik.str.slice(0, position)
            + ((nik.str.slice(position, 1).cast(pl.Int64) + digit) % 10).cast(pl.String)
            + nik.str.slice(position + 1)
        )  # one digit wrong
        .when(kind < 0.7)
        .then(
            nik.str.slice(0, position)
            + nik.str.slice(position + 1, 1)
            + nik.str.slice(position, 1)
            + nik.str.slice(position + 2)
        )  # two neighbours swapped
        .when(kind < 0.85)
        .then(nik.str.slice(0, position) + nik.str.slice(position + 1))  # one digit dropped
        .otherwise(None)  # NIK left empty
    )
    nik = pl.when(hit(0.3)).then(damaged).otherwise(nik)

    birth = pl.col("birth_date")
    swapped = pl.date(birth.dt.year(), birth.dt.day(), birth.dt.month())
    birth = pl.when(hit(0.1) & (birth.dt.day() <= 12)).then(swapped).otherwise(birth)
    birth = pl.when(hit(0.05)).then(None).otherwise(birth)
    phone = pl.when(hit(0.5)).then(None).otherwise(pl.col("phone"))
    # Some OPDs record where a person lives now, others the KTP address: another kelurahan.
    moved = pl.when(hit(0.05)).then(rnd.choice(n, villages)).otherwise(pl.col("kelurahan_code"))
    rt_rw = pl.when(hit(0.4) | (pl.col("kelurahan_code") != moved)).then(None).otherwise(pl.col("rt_rw"))
    return rows.with_columns(nik=nik, birth_date=birth, phone=phone, kelurahan_code=moved, rt_rw=rt_rw).select(
        "unique_id", "person_id", "source", "nik", "name", "sex", "birth_date", "kelurahan_code", "rt_rw", "phone"
    )


def _drop_letter(name: pl.Expr, draw: pl.Expr) -> pl.Expr:
    position = (draw * (name.str.len_chars() - 2)).cast(pl.Int64) + 1
    return name.str.slice(0, position) + name.str.slice(position + 1)


class Random:
    """Seeded uniform draws as Polars expressions (hashes of row numbers: fast and repeatable)."""

    def __init__(self, seed: int):
        self.seed = seed

    def uniform(self, count: int) -> pl.Expr:
        self.seed += 1
        return pl.int_range(0, count).hash(self.seed).cast(pl.Float64) / float(2**64)

    def choice(self, count: int, options: list[str]) -> pl.Expr:
        picks = (self.uniform(count) * len(options)).cast(pl.UInt32)
        return pl.lit(pl.Series(options)).gather(picks)
