"""A corrected list sent back: which of its rows correct which stored rows of the same sender, and which
corrections change anything. Pure Polars; the registry reads the stored rows and writes the changes."""

import polars as pl

from jaring.core.intake.records import ACCEPTED

# The normalised frame's text columns stored under the same name (`note` comes from `note_text`).
STORED_TEXT_FIELDS = (
    "nik",
    "name",
    "name_titles",
    "birth_place",
    "sex",
    "phone",
    "street",
    "rt",
    "rw",
    "kelurahan_code",
    "kecamatan_code",
    "occupation",
    "occupation_text",
)
# What a correction is compared on: a row re-sent with the same values changes nothing.
COMPARED_SCHEMA = {
    **{name: pl.String for name in STORED_TEXT_FIELDS},
    "note": pl.String,
    "birth_date": pl.Date,
    "desil": pl.Int8,
    "status": pl.String,
    "issue_codes": pl.String,
}
# The stored rows a file may correct, as `match_corrections` reads them.
STORED_SCHEMA = {"target_id": pl.Int64, "target_submission": pl.Int64, **COMPARED_SCHEMA}


def issues_json() -> pl.Expr:
    """A row's issues as the JSON text stored beside it."""
    return pl.lit("[") + pl.col("issues").list.eval(pl.element().struct.json_encode()).list.join(",") + pl.lit("]")


def issue_codes() -> pl.Expr:
    """A row's issue codes, comma-separated, as stored for filtering."""
    return pl.col("issues").list.eval(pl.element().struct.field("code")).list.join(",")


def named_record_ids(records: pl.DataFrame) -> list[int]:
    """The "ID Jaring" a file's rows name (the problems file Jaring sent back carries them)."""
    if "record_id_text" not in records.columns:
        return []
    named = records.get_column("record_id_text").str.extract(r"^(\d+)", 1).cast(pl.Int64, strict=False)
    return named.drop_nulls().unique().to_list()


def match_corrections(records: pl.DataFrame, stored: pl.DataFrame) -> pl.DataFrame:
    """The file's rows that correct a stored row, each with its `target_id`, at most one row per target.

    `records` is the normalised file; `stored` (STORED_SCHEMA) the sender's rows it may correct: any row
    the file names by its "ID Jaring", and by NIK the rows that were refused or flagged, one for one in
    order — two rows of one NIK are corrected by two rows, never both by one.
    """
    candidates = records.with_columns(
        pl.col("row").cast(pl.Int64),
        target_id=pl.col("record_id_text").str.extract(r"^(\d+)", 1).cast(pl.Int64, strict=False)
        if "record_id_text" in records.columns
        else pl.lit(None, dtype=pl.Int64),
    )
    by_id = candidates.join(stored.select("target_id"), on="target_id", how="semi").unique(
        "target_id", keep="first", maintain_order=True
    )
    waiting_by_nik = (
        stored.filter((pl.col("nik") != "") & (pl.col("status") != ACCEPTED))
        .join(by_id.select("target_id"), on="target_id", how="anti")
        .select("target_id", "nik", _rank=pl.int_range(pl.len()).over("nik"))
    )
    by_nik = (
        candidates.join(by_id.select("sheet", "row"), on=["sheet", "row"], how="anti")
        .filter(pl.col("nik").is_not_null())
        .drop("target_id")
        .with_columns(_rank=pl.int_range(pl.len()).over("nik"))
        .join(waiting_by_nik, on=["nik", "_rank"], how="inner")
        .drop("_rank")
    )
    return pl.concat([by_id, by_nik.select(by_id.columns)])


def corrected_values(matches: pl.DataFrame) -> pl.DataFrame:
    """The stored columns (`id` = the target) the matched rows give their targets."""
    return matches.select(
        id=pl.col("target_id"),
        **{name: pl.col(name).fill_null("").cast(pl.String) for name in STORED_TEXT_FIELDS},
        note=pl.col("note_text").fill_null(""),
        birth_date=pl.col("birth_date"),
        desil=pl.col("desil"),
        raw=pl.col("raw"),
        issues=issues_json(),
        issue_codes=issue_codes(),
        status=pl.col("status"),
    )


def changed_corrections(incoming: pl.DataFrame, stored: pl.DataFrame) -> pl.DataFrame:
    """Of `incoming` (corrected_values), the rows whose content differs from what is stored: re-sending a row
    unchanged is no fix, and is neither rewritten nor counted."""
    before = stored.drop("target_submission").rename({"target_id": "id"})
    changed = incoming.join(before, on="id", suffix="_before").filter(
        pl.any_horizontal([pl.col(name).ne_missing(pl.col(f"{name}_before")) for name in COMPARED_SCHEMA])
    )
    return changed.select(incoming.columns)
