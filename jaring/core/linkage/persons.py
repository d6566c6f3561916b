"""From scored pairs to persons: remembered decisions, who belongs to whom, and the golden record.

Pure frame logic; the apps read the rows, call these, and write the results in bulk.
"""

import polars as pl

from jaring.core.frames import format_str
from jaring.core.linkage.pipeline import APART, AUTO, connected_components

SAME, DIFFERENT = "same", "different"
ACCEPTED = "accepted"
GOLDEN_FIELDS = ("nik", "name", "birth_date", "sex", "kelurahan_code", "phone", "occupation")
# The documented rule for each field of a golden record: among the person's rows that have a value,
# take the row accepted without warnings before one with warnings, then the most recent submission,
# then the earliest row of that submission.
GOLDEN_RULE = "tanpa catatan dahulu, lalu kiriman terbaru, lalu baris pertama"
DECIDED_SCHEMA = {"l": pl.Int64, "r": pl.Int64, "remembered": pl.String}
ASSIGNMENT_SCHEMA = {"id": pl.Int64, "person_id": pl.Int64, "cluster_id": pl.String}


def apply_remembered_decisions(pairs: pl.DataFrame, decided: pl.DataFrame) -> pl.DataFrame:
    """A pair a person already decided keeps that decision: it is never asked again.

    `decided` has l < r (record ids) and `remembered` ("same" or "different").
    """
    keyed = pairs.with_columns(
        l=pl.min_horizontal(pl.col("unique_id_l").cast(pl.Int64), pl.col("unique_id_r").cast(pl.Int64)),
        r=pl.max_horizontal(pl.col("unique_id_l").cast(pl.Int64), pl.col("unique_id_r").cast(pl.Int64)),
    ).join(decided.cast(DECIDED_SCHEMA), on=["l", "r"], how="left")
    return keyed.with_columns(
        decision=pl.when(pl.col("remembered") == SAME)
        .then(pl.lit(AUTO))
        .when(pl.col("remembered") == DIFFERENT)
        .then(pl.lit(APART))
        .otherwise(pl.col("decision"))
    ).drop("l", "r", "remembered")


def assign_persons(*, new: pl.DataFrame, known: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """Give every new row (`id`) a person: an existing one (`person_id`) or a new one (`cluster_id`).

    `known` holds the rows already linked (`id`, `person_id`); `pairs` the scored pairs with their
    decision (unique_id_l/r are record ids as text). Rows of one new cluster share a `cluster_id`
    and have no `person_id`. Where one cluster reaches two existing persons, its new rows join the
    older person; the persons themselves are not merged without a review (the pairs stay queued).
    """
    if new.is_empty():
        return pl.DataFrame(schema=ASSIGNMENT_SCHEMA)
    known = known.select(unique_id=pl.col("id").cast(pl.String), person_id=pl.col("person_id"))
    fresh = new.select(pl.col("id").cast(pl.Int64), unique_id=pl.col("id").cast(pl.String))
    auto = pairs.filter(pl.col("decision") == AUTO).select("unique_id_l", "unique_id_r")
    # Only the known rows that an automatic pair touches matter; each is tied to a node for its person.
    touched = pl.concat([auto.get_column("unique_id_l"), auto.get_column("unique_id_r")]).unique().implode()
    reached = known.filter(pl.col("unique_id").is_in(touched))
    person_node = format_str("p{}", pl.col("person_id"))
    ties = reached.select(unique_id_l=pl.col("unique_id"), unique_id_r=person_node)
    nodes = pl.concat(
        [fresh.get_column("unique_id"), reached.get_column("unique_id"), reached.select(person_node).to_series()]
    ).unique()
    components = connected_components(nodes, pl.concat([auto, ties]))
    persons_in = (
        components.filter(pl.col("unique_id").str.starts_with("p"))
        .group_by("cluster_id")
        .agg(pl.col("unique_id").str.slice(1).cast(pl.Int64).min().alias("person_id"))
    )
    return (
        fresh.join(components, on="unique_id", how="left")
        .join(persons_in, on="cluster_id", how="left")
        .select("id", "person_id", pl.when(pl.col("person_id").is_null()).then("cluster_id").alias("cluster_id"))
        .cast(ASSIGNMENT_SCHEMA)
    )


def golden_records(rows: pl.DataFrame) -> pl.DataFrame:
    """One golden record per `person_id` from their rows, with `field_sources` as JSON text.

    `rows` has id, person_id, status, submission_id and the GOLDEN_FIELDS (null = no value).
    """
    ordered = rows.sort(
        [pl.col("status") != ACCEPTED, pl.col("submission_id"), pl.col("id")], descending=[False, True, False]
    )
    best = ordered.group_by("person_id", maintain_order=True).agg(
        *[pl.col(name).drop_nulls().first() for name in GOLDEN_FIELDS],
        *[pl.col("id").filter(pl.col(name).is_not_null()).first().alias(f"_{name}_source") for name in GOLDEN_FIELDS],
    )
    sources = pl.concat_str(
        [
            pl.when(pl.col(f"_{name}_source").is_not_null()).then(
                format_str(f'"{name}": {{}}', pl.col(f"_{name}_source"))
            )
            for name in GOLDEN_FIELDS
        ],
        separator=", ",
        ignore_nulls=True,
    )
    return best.with_columns(field_sources=pl.lit("{") + sources + pl.lit("}")).drop(
        [f"_{name}_source" for name in GOLDEN_FIELDS]
    )


def persons_sharing_nik(rows: pl.DataFrame) -> int:
    """How many persons have a row whose valid NIK, birth date and sex another person's row also has.

    Rows: nik, birth_date, sex, person_id. Those always link, so this is zero unless something went
    wrong (or a person split them by hand). Not counted: a family-card number typed as NIK, shared by
    members born on other days, and a mistyped NIK that hit someone of the other sex born the same
    day; such pairs are left to the model and the review queue.
    """
    linked = rows.filter(
        pl.col("nik").is_not_null() & pl.col("birth_date").is_not_null() & pl.col("person_id").is_not_null()
    ).select("nik", "birth_date", "sex", "person_id")
    key = ["nik", "birth_date", "sex"]
    shared = linked.group_by(key).agg(pl.col("person_id").n_unique().alias("_persons")).filter(pl.col("_persons") > 1)
    if shared.is_empty():
        return 0
    return linked.join(shared.select(key), on=key, how="semi").get_column("person_id").n_unique()
