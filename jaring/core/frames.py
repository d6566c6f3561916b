"""Small Polars helpers the core shares."""

import datetime as dt

import polars as pl


def format_str(template: str, *values: pl.Expr | str) -> pl.Expr:
    """`template` with each "{}" replaced by the next value (a column name or an expression).

    The same as `pl.format`, built from `pl.concat_str`: `pl.format` panicked in Polars 2.1 on
    columns of several chunks after a filter (a million-row import hit it; see test_frames).
    """
    parts = template.split("{}")
    if len(parts) != len(values) + 1:
        raise ValueError(f"{template!r} has {len(parts) - 1} placeholders for {len(values)} values")
    pieces: list[pl.Expr] = []
    for literal, value in zip(parts, [*values, None], strict=True):
        if literal:
            pieces.append(pl.lit(literal))
        if value is not None:
            pieces.append((pl.col(value) if isinstance(value, str) else value).cast(pl.String))
    return pl.concat_str(pieces)


def age_on(birth: pl.Expr, on: dt.date) -> pl.Expr:
    """Whole years of age on the day `on` (a birthday that day counts), for a column of birth dates."""
    before_birthday = (pl.lit(on.month) < birth.dt.month()) | (
        (pl.lit(on.month) == birth.dt.month()) & (pl.lit(on.day) < birth.dt.day())
    )
    return pl.lit(on.year) - birth.dt.year() - before_birthday.cast(pl.Int32)


def digits_only(column: pl.Expr) -> pl.Expr:
    """The digits of a number-like cell, without the ".0" Excel adds to a number stored as a float."""
    return column.str.replace(r"\.0+$", "").str.replace_all(r"[^0-9]", "")
