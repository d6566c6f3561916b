"""Who may be covered by a program, and why not: declarative rules over a frame of persons.

Every person gets a result with reasons (codes and the values that explain them), rendered in the
reader's language by `reason_text`. Age is decided here, on the first day of cover, not at import.
"""

import datetime as dt
from dataclasses import dataclass

import polars as pl

from jaring.core.frames import age_on
from jaring.core.intake.messages import is_english

# The persons frame the rules read (one row per person).
PERSONS_SCHEMA = {
    "person_id": pl.Int64,
    "birth_date": pl.Date,
    "kelurahan_code": pl.String,  # domicile, from the address (not the NIK)
    "occupation": pl.String,
    "bpjs_active": pl.Boolean,  # active at BPJS per the latest roster
    "deceased": pl.Boolean,
    "other_program": pl.String,  # the name of another program covering the same months, if any
    "desil": pl.Int8,  # DTSEN desil 1-10, when known
    "kecamatan_code": pl.String,  # domicile when the address names the kecamatan only
    "nik_check": pl.String,  # why the NIK must be checked before BPJS gets it ("" or null: it need not)
    "birth_date_from_nik": pl.Boolean,  # no list wrote the birth date: it was read from the NIK
}
REASONS = (
    "age.below",
    "age.above",
    "age.unknown",
    "domicile.outside",
    "domicile.unknown",
    "category.excluded",
    "bpjs.active",
    "deceased",
    "program.overlap",
    "desil.outside",
    "desil.unknown",
    "manual.excluded",
)


@dataclass(frozen=True)
class EligibilityRules:
    cover_start: dt.date
    region_code: str  # the program's kabupaten/kota
    min_age: int = 15
    max_age: int = 65
    categories: frozenset[str] | None = None  # None: every occupation
    exclude_bpjs_active: bool = True
    desil_range: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.min_age <= self.max_age <= 120:
            raise ValueError(f"rentang umur {self.min_age}-{self.max_age} tidak masuk akal")
        if self.desil_range is not None and not 1 <= self.desil_range[0] <= self.desil_range[1] <= 10:
            raise ValueError(f"rentang desil {self.desil_range} harus di antara 1 dan 10")


def eligibility(persons: pl.DataFrame, rules: EligibilityRules, decisions: pl.DataFrame | None = None) -> pl.DataFrame:
    """person_id, age, occupation and desil (as judged), eligible, reasons (list of codes), manual (the hand
    decision, if any), nik_check (why the NIK must be checked first: such a person waits at selection).

    `decisions` (person_id, include: bool) are an administrator's; they win over the rules and are
    never undone by running the rules again. Domicile is the kelurahan, or the kecamatan where only
    that is known. A birth date read from a NIK that itself must be checked is uncertain: age does
    not exclude such a person (they wait for the NIK's check, with the reason said), since the date
    may be a slip's (1928 for 1982).
    """
    persons = persons.with_columns(
        [pl.lit(None, dtype=dtype).alias(name) for name, dtype in PERSONS_SCHEMA.items() if name not in persons.columns]
    )
    start = rules.cover_start
    birth = pl.col("birth_date")
    age = age_on(birth, start)
    prefix = f"{rules.region_code}."
    nik_check = pl.col("nik_check").fill_null("")
    certain_age = ~(pl.col("birth_date_from_nik").fill_null(False) & (nik_check != ""))
    domicile = pl.coalesce(
        pl.col("kelurahan_code").replace("", None), pl.col("kecamatan_code").replace("", None)
    ).fill_null("")
    checks: list[tuple[str, pl.Expr]] = [
        ("age.unknown", birth.is_null()),
        ("age.below", certain_age & (age < rules.min_age)),
        ("age.above", certain_age & (age > rules.max_age)),
        ("domicile.unknown", domicile == ""),
        ("domicile.outside", (domicile != "") & ~domicile.str.starts_with(prefix)),
        ("deceased", pl.col("deceased").fill_null(False)),
        ("program.overlap", pl.col("other_program").fill_null("") != ""),
    ]
    if rules.categories is not None:
        checks.append(("category.excluded", ~pl.col("occupation").fill_null("").is_in(list(rules.categories))))
    if rules.exclude_bpjs_active:
        checks.append(("bpjs.active", pl.col("bpjs_active").fill_null(False)))
    if rules.desil_range is not None:
        low, high = rules.desil_range
        checks.append(("desil.unknown", pl.col("desil").is_null()))
        checks.append(("desil.outside", pl.col("desil").is_not_null() & ~pl.col("desil").is_between(low, high)))
    reasons = pl.concat_list(
        [pl.when(condition.fill_null(False)).then(pl.lit(code)).otherwise(None) for code, condition in checks]
    ).list.drop_nulls()
    # A person whose age rests on a NIK to be checked waits for that check, and hears why.
    held_nik = pl.when(certain_age).then(nik_check).otherwise(nik_check + pl.lit(",age_from_nik"))
    result = persons.select("person_id", "occupation", "desil", age=age, reasons=reasons, nik_check=held_nik)
    if decisions is not None and not decisions.is_empty():
        result = result.join(decisions.select("person_id", manual="include"), on="person_id", how="left")
    else:
        result = result.with_columns(manual=pl.lit(None, dtype=pl.Boolean))
    return result.with_columns(
        reasons=pl.when(pl.col("manual") == False)  # noqa: E712  (a Polars expression, not a Python comparison)
        .then(pl.concat_list("reasons", pl.lit(["manual.excluded"])))
        .otherwise("reasons"),
        eligible=pl.when(pl.col("manual").is_not_null())
        .then(pl.col("manual"))
        .otherwise(pl.col("reasons").list.len() == 0),
    ).select("person_id", "age", "occupation", "desil", "eligible", "reasons", "manual", "nik_check")


def reason_counts(result: pl.DataFrame) -> dict[str, int]:
    """How many persons each reason excludes (a person may have several): the preview before saving."""
    counts = result.select(pl.col("reasons").explode().drop_nulls().value_counts(sort=True)).unnest("reasons")
    return dict(counts.iter_rows())


# The reasons in words; the values come from the person's row and the rules.
REASON_TEXT = {
    "id": {
        "age.below": "usia {age} tahun pada {start}, di bawah batas {min_age}",
        "age.above": "usia {age} tahun pada {start}, batas {max_age}",
        "age.unknown": "tanggal lahir tidak diketahui",
        "domicile.outside": "domisili di luar wilayah",
        "domicile.unknown": "domisili tidak diketahui",
        "category.excluded": "pekerjaan di luar kategori program",
        "bpjs.active": "sudah aktif di BPJS Ketenagakerjaan",
        "deceased": "sudah meninggal",
        "program.overlap": "sudah ditanggung program lain pada bulan yang sama",
        "desil.outside": "desil DTSEN {desil} di luar {desil_low}-{desil_high}",
        "desil.unknown": "desil DTSEN tidak diketahui",
        "manual.excluded": "dikeluarkan oleh administrator",
    },
    "en": {
        "age.below": "age {age} on {start}, below the limit of {min_age}",
        "age.above": "age {age} on {start}, limit {max_age}",
        "age.unknown": "birth date unknown",
        "domicile.outside": "lives outside the region",
        "domicile.unknown": "domicile unknown",
        "category.excluded": "occupation outside the program's categories",
        "bpjs.active": "already active at BPJS Ketenagakerjaan",
        "deceased": "deceased",
        "program.overlap": "already covered by another program in the same months",
        "desil.outside": "DTSEN desil {desil} outside {desil_low}-{desil_high}",
        "desil.unknown": "DTSEN desil unknown",
        "manual.excluded": "excluded by an administrator",
    },
}
# The reasons as headings of a count ("how many are excluded for this"), with the rules' values.
REASON_LABEL = {
    "id": {
        "age.below": "usia di bawah {min_age} tahun pada {start}",
        "age.above": "usia di atas {max_age} tahun pada {start}",
        "desil.outside": "desil DTSEN di luar {desil_low}-{desil_high}",
    },
    "en": {
        "age.below": "younger than {min_age} on {start}",
        "age.above": "older than {max_age} on {start}",
        "desil.outside": "DTSEN desil outside {desil_low}-{desil_high}",
    },
}
MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def reason_label(code: str, language: str, *, rules: EligibilityRules) -> str:
    """A reason as the heading of a count: "usia di atas 65 tahun pada 1 Juli 2026"."""
    labels = REASON_LABEL["en" if is_english(language) else "id"]
    if code not in labels:
        return reason_text(code, language, rules=rules)
    low, high = rules.desil_range or (None, None)
    return labels[code].format(
        start=_day(rules.cover_start, language),
        min_age=rules.min_age,
        max_age=rules.max_age,
        desil_low=low,
        desil_high=high,
    )


def _day(start: dt.date, language: str) -> str:
    return (
        f"{start.day} {start:%B %Y}"
        if is_english(language)
        else f"{start.day} {MONTHS_ID[start.month - 1]} {start.year}"
    )


def reason_text(
    code: str, language: str, *, rules: EligibilityRules, age: int | None = None, desil: int | None = None
) -> str:
    """One reason in words: "usia 67 tahun pada 1 Juli 2026, batas 65"."""
    english = is_english(language)
    day = _day(rules.cover_start, language)
    low, high = rules.desil_range or (None, None)
    template = REASON_TEXT["en" if english else "id"].get(code, code)
    return template.format(
        age=age, start=day, min_age=rules.min_age, max_age=rules.max_age, desil=desil, desil_low=low, desil_high=high
    )
