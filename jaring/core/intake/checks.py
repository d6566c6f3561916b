"""The checks on a normalised row (missing name, impossible dates, ages, a NIK that is not the row's, a
place outside the region, ...) and the warning on a NIK repeated in one file: each an issue with its
code, severity and Indonesian message."""

import datetime as dt
from dataclasses import dataclass

import polars as pl

from jaring.core.frames import age_on, format_str
from jaring.core.intake import messages
from jaring.core.intake.address import RegionPlaces
from jaring.core.intake.expressions import Fixed, issue_text, row_issue
from jaring.core.occupations import OTHER


@dataclass(frozen=True)
class Rules:
    on: dt.date  # reference date for ages
    min_age: int = 15  # outside these ages a row gets a warning: programs decide who is eligible
    max_age: int = 65
    max_possible_age: int = 120  # beyond this the birth date is wrong: an error


# --- checks ----------------------------------------------------------------------------------------


def with_checks(
    frame: pl.DataFrame, rules: Rules, places: RegionPlaces, *, dated: bool
) -> tuple[pl.DataFrame, list[tuple[pl.Expr, pl.Expr]]]:
    on = rules.on
    birth = pl.col("birth_date")  # as written, else from the NIK
    stated = pl.col("_birth_parsed")
    age = age_on(birth, on)
    date_text = pl.coalesce("birth_date_text", "birth_place_date_text")
    on_text = Fixed(f"{on:%d-%m-%Y}")
    region_name = Fixed(places.region_name)
    return frame, [
        row_issue(pl.col("name").is_null(), "name.missing", "error", issue_text(messages.NAME_MISSING)),
        row_issue(
            date_text.is_not_null() & stated.is_null() & birth.is_null(),
            "birth_date.invalid",
            "error",
            issue_text(messages.BIRTH_DATE_INVALID, date_text),
        ),
        row_issue(
            pl.lit(dated) & stated.is_null() & birth.is_not_null(),
            "birth_date.from_nik",
            "warning",
            pl.when(date_text.is_null())
            .then(issue_text(messages.BIRTH_DATE_FROM_NIK_EMPTY, birth.dt.strftime("%d-%m-%Y")))
            .otherwise(issue_text(messages.BIRTH_DATE_FROM_NIK_UNREADABLE, date_text, birth.dt.strftime("%d-%m-%Y"))),
        ),
        row_issue(
            stated > pl.lit(on),
            "birth_date.future",
            "error",
            issue_text(messages.BIRTH_DATE_FUTURE, stated.dt.strftime("%d-%m-%Y")),
        ),
        row_issue(
            birth.is_null() & date_text.is_null(),
            "birth_date.missing",
            "error",
            issue_text(messages.BIRTH_DATE_MISSING),
        ),
        row_issue(
            stated.is_not_null() & pl.col("_nik_birth_date").is_not_null() & (stated != pl.col("_nik_birth_date")),
            "nik.birth_date_mismatch",
            "warning",
            issue_text(
                messages.NIK_BIRTH_DATE_MISMATCH,
                stated.dt.strftime("%d-%m-%Y"),
                pl.col("_nik_birth_date").dt.strftime("%d-%m-%Y"),
            ),
        ),
        row_issue(
            pl.col("_sex_stated").is_not_null()
            & pl.col("_nik_sex").is_not_null()
            & (pl.col("_sex_stated") != pl.col("_nik_sex")),
            "nik.sex_mismatch",
            "warning",
            issue_text(messages.NIK_SEX_MISMATCH, pl.col("_sex_stated"), pl.col("_nik_sex")),
        ),
        row_issue(
            pl.col("sex_text").is_not_null() & pl.col("_sex_stated").is_null(),
            "sex.invalid",
            "warning",
            issue_text(messages.SEX_INVALID, pl.col("sex_text")),
        ),
        # Age decides eligibility per program, not whether a row is kept: only an impossible age is an error.
        row_issue(
            (birth <= pl.lit(on)) & (age > rules.max_possible_age),
            "age.impossible",
            "error",
            issue_text(messages.AGE_IMPOSSIBLE, age, on_text),
        ),
        row_issue(
            (birth <= pl.lit(on)) & ~age.is_between(rules.min_age, rules.max_age) & (age <= rules.max_possible_age),
            "age.out_of_range",
            "warning",
            issue_text(messages.AGE_OUT_OF_RANGE, age, on_text, Fixed(str(rules.min_age)), Fixed(str(rules.max_age))),
        ),
        row_issue(
            pl.col("_nik_region").is_not_null()
            & ~(pl.col("_nik_region") + pl.lit(".")).str.starts_with(f"{places.region_code}."),
            "nik.outside_region",
            "warning",
            issue_text(
                messages.NIK_OUTSIDE_REGION,
                pl.col("_nik_regency_name").fill_null("wilayah lain"),
                pl.col("_nik_region").str.slice(0, 5),
            ),
        ),
        row_issue(
            pl.col("phone_text").is_not_null() & pl.col("phone").is_null(),
            "phone.invalid",
            "warning",
            issue_text(messages.PHONE_INVALID, pl.col("phone_text")),
        ),
        row_issue(
            pl.col("kecamatan_text").is_not_null() & pl.col("kecamatan_code").is_null(),
            "address.outside_region",
            "error",
            issue_text(messages.ADDRESS_OUTSIDE_REGION, pl.col("kecamatan_text"), region_name),
        ),
        row_issue(
            pl.col("kelurahan_text").is_not_null() & pl.col("kelurahan_code").is_null(),
            "address.kelurahan_unknown",
            "warning",
            issue_text(messages.ADDRESS_KELURAHAN_UNKNOWN, pl.col("kelurahan_text"), region_name),
        ),
        row_issue(
            pl.col("occupation_text").is_not_null() & (pl.col("occupation") == OTHER),
            "occupation.unknown",
            "warning",
            issue_text(messages.OCCUPATION_UNKNOWN, pl.col("occupation_text")),
        ),
        row_issue(
            pl.col("_desil_given") & pl.col("desil").is_null(),
            "desil.invalid",
            "warning",
            # An Excel number as the sender typed it: "11", not "11.0".
            issue_text(
                messages.DESIL_INVALID, pl.col("desil_text").str.strip_chars().str.replace(r"^(\d+)\.0+$", "$1")
            ),
        ),
    ]


def duplicate_issues(frame: pl.DataFrame) -> pl.DataFrame:
    """`_i`, issue: a warning on each row whose NIK appears again in the same file, naming the rows."""
    repeated = (
        frame.filter(pl.col("nik").is_not_null())
        .select("_i", "nik", place=format_str(messages.DUPLICATE_ROW, "sheet", "row"))
        .filter(pl.len().over("nik") > 1)
    )
    return (
        repeated.group_by("nik")
        .agg("_i", places=pl.col("place").str.join(", "))
        .explode("_i")
        .select(
            "_i",
            issue=pl.struct(
                code=pl.lit("nik.duplicate_in_file"),
                severity=pl.lit("warning"),
                message=issue_text(messages.NIK_DUPLICATE_IN_FILE, "places"),
            ),
        )
    )
