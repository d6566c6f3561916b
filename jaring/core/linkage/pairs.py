"""What a link run does with its scored pairs besides making persons: the circuit breaker on lists that
mostly repeat persons already known, and the pairs kept (with their evidence) for the review queue."""

import polars as pl

from jaring.core.linkage.pipeline import AUTO, EVIDENCE_COLUMNS, REVIEW


def duplicate_heavy_submissions(
    new: pl.DataFrame, existing: pl.DataFrame, pairs: pl.DataFrame, *, share: float
) -> dict[int, float]:
    """submission_id -> share of its new rows that repeat existing persons, for submissions above `share`.

    A list that is largely people Jaring already knows is often last year's list sent again, or a
    list sent by mistake; an administrator looks before it changes the golden records.
    """
    known = existing.get_column("unique_id").implode()
    auto = pairs.filter(pl.col("decision") == AUTO)
    repeating = pl.concat(
        [
            auto.filter(pl.col("unique_id_l").is_in(known)).select(unique_id=pl.col("unique_id_r")),
            auto.filter(pl.col("unique_id_r").is_in(known)).select(unique_id=pl.col("unique_id_l")),
        ]
    ).unique()
    shares = (
        new.select("unique_id", "submission_id")
        .with_columns(repeats=pl.col("unique_id").is_in(repeating.get_column("unique_id").implode()))
        .group_by("submission_id")
        .agg(pl.col("repeats").mean().alias("share"))
        .filter(pl.col("share") > share)
    )
    return dict(shares.iter_rows())


def pairs_to_store(pairs: pl.DataFrame, *, region_code: str) -> pl.DataFrame:
    """The auto and review pairs as the review queue keeps them: the two row ids (smaller first), the
    probability, the decision and the evidence behind the score as JSON; one row per pair."""
    kept = pairs.filter(pl.col("decision").is_in([AUTO, REVIEW]))
    evidence = [column for column in EVIDENCE_COLUMNS if column in kept.columns]
    ids = (pl.col("unique_id_l").cast(pl.Int64), pl.col("unique_id_r").cast(pl.Int64))
    return kept.select(
        pl.lit(region_code).alias("region_id"),
        pl.min_horizontal(*ids).alias("record_l_id"),
        pl.max_horizontal(*ids).alias("record_r_id"),
        pl.col("match_probability").cast(pl.Float64).alias("probability"),
        pl.col("decision"),
        pl.struct([pl.col(column).alias(column.removeprefix("gamma_")) for column in evidence])
        .struct.json_encode()
        .alias("evidence"),
    ).unique(["record_l_id", "record_r_id"], keep="first", maintain_order=True)
