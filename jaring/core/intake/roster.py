"""BPJS Ketenagakerjaan participant rosters: normalise the rows, decide who is covered on a day.

Matching the entries to persons is the linkage's (`core.linkage.roster`)."""

import datetime as dt

import polars as pl

from jaring.core.frames import digits_only
from jaring.core.intake.nik import parse_nik_frame
from jaring.core.intake.records import parse_date_expr

ACTIVE, INACTIVE = "active", "inactive"
_SEGMENTS = {
    "PU": ("pu", "penerimaupah", "ppu"),
    "BPU": ("bpu", "bukanpenerimaupah", "informal", "mandiri"),
    "JAKON": ("jakon", "jasakonstruksi", "konstruksi"),
}


def normalise_roster(rows: pl.DataFrame, *, on: dt.date) -> pl.DataFrame:
    """Typed roster rows: kpj, nik, name, birth_date, sex (from the NIK), segment, status, cover_end, covered."""
    for name in ("kpj", "nik", "name", "birth_date", "segment", "bpjs_status", "cover_end"):
        if name not in rows.columns:
            rows = rows.with_columns(pl.lit(None, dtype=pl.String).alias(name))
    fields, issues = parse_nik_frame(rows.get_column("nik").fill_null(""), on=on)
    invalid = issues.filter(pl.col("severity") == "error").get_column("value").implode()
    niks = fields.select(
        nik=pl.col("value"),
        _nik=pl.when(~pl.col("value").is_in(invalid)).then(pl.col("nik")),
        _sex=pl.col("sex"),
        _nik_birth=pl.col("birth_date"),
    )
    segment_key = pl.col("segment").str.to_lowercase().str.replace_all(r"[^a-z]", "")
    segment = pl.lit(None, dtype=pl.String)
    for code, keys in _SEGMENTS.items():
        segment = pl.when(segment_key.is_in(list(keys))).then(pl.lit(code)).otherwise(segment)
    status_text = pl.col("bpjs_status").str.to_lowercase()
    status = (
        pl.when(status_text.str.contains(r"non|tidak|keluar|berhenti"))
        .then(pl.lit(INACTIVE))
        .when(status_text.str.contains("aktif|active"))
        .then(pl.lit(ACTIVE))
        .otherwise(None)
    )
    frame = (
        rows.with_columns(pl.col("nik").fill_null(""))
        .join(niks, on="nik", how="left")
        .with_columns(
            kpj=digits_only(pl.col("kpj")).replace("", None),
            nik=pl.col("_nik"),
            name=pl.col("name").str.strip_chars().str.to_uppercase(),
            birth_date=pl.coalesce(parse_date_expr(pl.col("birth_date"), on), pl.col("_nik_birth")),
            sex=pl.col("_sex"),
            segment=pl.coalesce(segment, pl.col("segment").str.to_uppercase()),
            status=status,
            cover_end=parse_date_expr(pl.col("cover_end"), on),
        )
    )
    return frame.with_columns(
        covered=(pl.col("status") == ACTIVE) & (pl.col("cover_end").is_null() | (pl.col("cover_end") >= pl.lit(on)))
    ).select("row", "kpj", "nik", "name", "birth_date", "sex", "segment", "status", "cover_end", "covered")
