"""Probabilistic linkage of people with Splink on DuckDB: Indonesian-aware comparisons, two thresholds.

`link_people(records)` takes one row per source record (unique_id, nik, name, sex, birth_date,
kelurahan_code, phone) and returns the scored pairs and a cluster per record. Exact NIK with the
same birth date and sex links at once; everything else is scored by a Fellegi-Sunter model
trained on the data itself (unsupervised). Pairs at or above `upper` are linked; between `lower`
and `upper` they go to review; below `lower` they stay apart.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from jaring.core.linkage.database import Engine, splink_database
from jaring.core.names import comparison_tokens_expr

# Splink (and DuckDB under it) load only when linking runs: every `jaring` command imports this
# module through the apps' task registry, and most never link.
if TYPE_CHECKING:
    from splink import Linker, SettingsCreator
    from splink.internals.splink_dataframe import SplinkDataFrame

AUTO, REVIEW, APART = "auto", "review", "apart"
DEFAULT_ENGINE = Engine()
DEFAULT_MODEL_PATH = Path(__file__).with_name("data") / "default_model.json"
# Fewer rows than this cannot train a model of their own; they use the default one.
MIN_ROWS_TO_TRAIN = 5_000
# The comparison levels Splink reports for each pair: the evidence shown in the review queue.
EVIDENCE_COLUMNS = ("gamma_identity", "gamma_name", "gamma_sex", "gamma_kelurahan_code", "gamma_phone")
INPUT_COLUMNS = ("unique_id", "nik", "name", "sex", "birth_date", "kelurahan_code", "rt_rw", "phone")


@dataclass(frozen=True)
class Thresholds:
    upper: float = 0.97  # at or above: linked automatically
    lower: float = 0.5  # between lower and upper: a person decides


@dataclass
class LinkageResult:
    pairs: pl.DataFrame  # unique_id_l, unique_id_r, match_probability, decision, evidence columns
    clusters: pl.DataFrame  # unique_id, cluster_id
    model: dict[str, Any] = field(default_factory=dict)  # the trained Splink settings, to store beside the data
    seconds: float = 0.0


def prepare_records(records: pl.DataFrame) -> pl.DataFrame:
    """Add the comparison columns: folded name tokens, joined name, first token, NIK parts."""
    records = records.with_columns(
        pl.col("unique_id", "nik", "name", "sex", "kelurahan_code", "phone").cast(pl.String),
        (pl.col("rt_rw") if "rt_rw" in records.columns else pl.lit(None)).cast(pl.String).alias("rt_rw"),
        pl.col("birth_date").cast(pl.Date),
    )
    names = records.select(pl.col("name").unique()).with_columns(
        name_tokens=comparison_tokens_expr(pl.col("name")).fill_null(pl.lit([], dtype=pl.List(pl.String)))
    )
    frame = records.select(*INPUT_COLUMNS).join(names, on="name", how="left", nulls_equal=True)
    return frame.with_columns(
        name_cmp=pl.col("name_tokens").list.join(" ").replace("", None),
        name_joined=pl.col("name_tokens").list.join("").replace("", None),
        name_first=pl.col("name_tokens").list.first(),
        name_last=pl.col("name_tokens").list.last(),
        nik=pl.col("nik").replace("", None),
        phone=pl.col("phone").replace("", None),
        rt_rw=pl.col("rt_rw").replace("", None),
    )


def indonesian_settings(*, unique_id: str = "unique_id") -> SettingsCreator:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    # NIK and birth date are one comparison: the NIK's first 12 digits repeat the kecamatan and the
    # birth date, and people of one kecamatan born on one day have NIKs 0001, 0002, ... Scored
    # apart, the same evidence would count twice and neighbours would look like typing errors.
    identity = cl.CustomComparison(
        output_column_name="identity",
        comparison_levels=[
            cll.CustomLevel(
                "(nik_l IS NULL OR nik_r IS NULL) AND (birth_date_l IS NULL OR birth_date_r IS NULL)"
            ).configure(is_null_level=True),
            cll.CustomLevel("nik_l = nik_r").configure(label_for_charts="NIK sama"),
            cll.CustomLevel(
                "substr(nik_l, 1, 15) = substr(nik_r, 1, 15) AND (right(nik_l, 1) = '0' OR right(nik_r, 1) = '0')"
            ).configure(label_for_charts="NIK sama kecuali digit terakhir 0 (Excel)"),
            cll.CustomLevel(
                "(length(nik_l) = 16 AND length(nik_r) = 16 AND substr(nik_l, 13, 4) = substr(nik_r, 13, 4) "
                "AND damerau_levenshtein(nik_l, nik_r) <= 1) "
                "OR (abs(length(nik_l) - length(nik_r)) = 1 AND levenshtein(nik_l, nik_r) = 1)"
            ).configure(label_for_charts="NIK salah ketik satu digit"),
            cll.CustomLevel("(nik_l IS NULL OR nik_r IS NULL) AND birth_date_l = birth_date_r").configure(
                label_for_charts="NIK kosong, tanggal lahir sama"
            ),
            cll.CustomLevel("strftime(birth_date_l, '%Y-%d-%m') = strftime(birth_date_r, '%Y-%m-%d')").configure(
                label_for_charts="tanggal dan bulan lahir tertukar"
            ),
            cll.CustomLevel("substr(nik_l, 1, 12) = substr(nik_r, 1, 12)").configure(
                label_for_charts="NIK sama sampai tanggal lahir, nomor urut beda (tetangga?)"
            ),
            cll.CustomLevel("birth_date_l = birth_date_r").configure(label_for_charts="tanggal lahir sama, NIK beda"),
            cll.ElseLevel(),
        ],
    )
    name = cl.CustomComparison(
        output_column_name="name",
        comparison_levels=[
            cll.NullLevel("name_joined"),
            cll.ExactMatchLevel("name_cmp"),
            cll.ExactMatchLevel("name_joined").configure(label_for_charts="same name, spacing aside"),
            cll.JaroWinklerLevel("name_joined", 0.94),
            cll.ArrayIntersectLevel("name_tokens", 2),
            cll.JaroWinklerLevel("name_joined", 0.85),
            cll.ArrayIntersectLevel("name_tokens", 1),
            cll.ElseLevel(),
        ],
    )
    place = cl.CustomComparison(
        output_column_name="kelurahan_code",
        comparison_levels=[
            cll.NullLevel("kelurahan_code"),
            cll.CustomLevel("kelurahan_code_l = kelurahan_code_r AND rt_rw_l = rt_rw_r").configure(
                label_for_charts="same kelurahan, RT and RW"
            ),
            cll.ExactMatchLevel("kelurahan_code"),
            cll.CustomLevel("substr(kelurahan_code_l, 1, 8) = substr(kelurahan_code_r, 1, 8)").configure(
                label_for_charts="same kecamatan"
            ),
            cll.ElseLevel(),
        ],
    )
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name=unique_id,
        comparisons=[identity, name, cl.ExactMatch("sex"), place, cl.ExactMatch("phone")],
        blocking_rules_to_generate_predictions=[
            block_on("nik"),
            block_on("substr(nik, 1, 12)"),
            block_on("substr(nik, 7, 10)"),
            block_on("birth_date", "name_first"),
            block_on("name_joined"),
            block_on("phone"),
            block_on("kelurahan_code", "name_last", "name_first"),
        ],
        retain_intermediate_calculation_columns=False,
        additional_columns_to_retain=[],
    )


def baseline_settings(*, unique_id: str = "unique_id") -> SettingsCreator:
    """Splink's own library comparisons on the raw columns: what we measure the Indonesian model against."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name=unique_id,
        comparisons=[
            cl.DamerauLevenshteinAtThresholds("nik", [1, 2]),
            cl.NameComparison("name"),
            cl.DateOfBirthComparison("birth_date", input_is_string=False),
            cl.ExactMatch("sex"),
            cl.ExactMatch("kelurahan_code"),
            cl.ExactMatch("phone"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("nik"),
            block_on("birth_date", "substr(name, 1, 3)"),
            block_on("name"),
            block_on("phone"),
        ],
    )


def link_new_records(
    existing: pl.DataFrame,
    new: pl.DataFrame,
    *,
    trained: dict[str, Any],
    thresholds: Thresholds = Thresholds(),
    engine: Engine = DEFAULT_ENGINE,
) -> pl.DataFrame:
    """Scored pairs of new records against existing ones and among themselves, with a stored model.

    Only the new rows are compared: existing rows are never compared with each other again.
    """
    from splink import Linker

    prepared_existing, prepared_new = prepare_records(existing), prepare_records(new)
    with splink_database(engine) as db_api:
        old = db_api.register(prepared_existing.to_arrow(), dataset_display_name="existing")
        fresh = db_api.register(prepared_new.to_arrow(), dataset_display_name="new")
        linker = Linker(fresh, trained, log_level=logging.WARNING)
        floor = thresholds.lower / 2
        found = [
            _frame(
                linker.inference.predict_between(old, fresh, threshold_match_probability=floor, warning_mode="never")
            ),
            _frame(linker.inference.predict_within(fresh, threshold_match_probability=floor, warning_mode="never")),
        ]
    pairs = pl.concat(found, how="diagonal_relaxed")
    everyone = pl.concat([prepared_existing, prepared_new])
    pairs = decide(_with_deterministic_links(pairs, everyone, new_ids=prepared_new.get_column("unique_id")), thresholds)
    return _siblings_wait_for_review(pairs, everyone)


def _frame(predictions: SplinkDataFrame) -> pl.DataFrame:
    """Splink's scored pairs as a frame; they come as an Arrow table, which is always a frame, never a series."""
    frame = pl.from_arrow(predictions.as_pyarrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame


def default_model() -> dict[str, Any]:
    """The model trained on synthetic lists (bench/train_default_model.py), for small regions."""
    model: dict[str, Any] = json.loads(DEFAULT_MODEL_PATH.read_text())
    model.pop("jaring_trained_on", None)
    return model


def _train_indonesian(linker: Linker) -> None:
    from splink import block_on

    linker.training.estimate_probability_two_random_records_match(
        [block_on("nik", "birth_date"), block_on("name_cmp", "birth_date", "kelurahan_code")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("name_joined"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("birth_date", "substr(kelurahan_code, 1, 8)")
    )


def _train_baseline(linker: Linker) -> None:
    from splink import block_on

    linker.training.estimate_probability_two_random_records_match([block_on("nik", "birth_date")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("name"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))


@dataclass(frozen=True)
class Model:
    name: str
    settings: Callable[[], SettingsCreator]
    train: Callable[[Linker], None]


INDONESIAN = Model("indonesian", indonesian_settings, _train_indonesian)
BASELINE = Model("splink-default", baseline_settings, _train_baseline)


def link_people(
    records: pl.DataFrame,
    *,
    thresholds: Thresholds = Thresholds(),
    model: Model = INDONESIAN,
    trained: dict[str, Any] | None = None,
    engine: Engine = DEFAULT_ENGINE,
) -> LinkageResult:
    """Score and cluster `records`; trains `model` on them unless `trained` holds its saved parameters."""
    from splink import Linker

    started = dt.datetime.now()
    frame = prepare_records(records)
    with splink_database(engine) as db_api:
        table = db_api.register(frame.to_arrow(), dataset_display_name="records")
        linker = Linker(table, trained or model.settings(), log_level=logging.WARNING)
        if trained is None:
            model.train(linker)
        predictions = linker.inference.predict(threshold_match_probability=thresholds.lower / 2, warning_mode="never")
        pairs = _frame(predictions)
        saved = linker.misc.save_model_to_json()
    pairs = _with_deterministic_links(pairs, frame)
    pairs = _siblings_wait_for_review(decide(pairs, thresholds), frame)
    clusters = connected_components(frame.get_column("unique_id"), pairs.filter(pl.col("decision") == AUTO))
    return LinkageResult(
        pairs=pairs, clusters=clusters, model=saved, seconds=(dt.datetime.now() - started).total_seconds()
    )


def decide(pairs: pl.DataFrame, thresholds: Thresholds) -> pl.DataFrame:
    """auto at or above the upper threshold, review between the two, apart below the lower one."""
    probability = pl.col("match_probability")
    return pairs.with_columns(
        decision=pl.when(probability >= thresholds.upper)
        .then(pl.lit(AUTO))
        .when(probability >= thresholds.lower)
        .then(pl.lit(REVIEW))
        .otherwise(pl.lit(APART))
    )


def _with_deterministic_links(
    pairs: pl.DataFrame, frame: pl.DataFrame, *, new_ids: pl.Series | None = None
) -> pl.DataFrame:
    """The same valid NIK with the same birth date is the same person, whatever the model says.

    Such pairs are added when the model's scores left them out (a reordered name with an initial,
    "VIKTOR IRAWAN" / "IRAWAN VIKTOR H", can score below the floor), in incremental runs as in full
    ones; with `new_ids`, only pairs that touch a new row. A stated sex that disagrees keeps the pair
    with the model: twins of different sex listed under one family-card number stay apart.
    """
    facts = frame.select("unique_id", "nik", "birth_date", "sex").filter(
        pl.col("nik").is_not_null() & pl.col("birth_date").is_not_null()
    )
    if new_ids is not None:
        # Only identities a new row carries can give a new pair: the rest need not be joined.
        carried = facts.filter(pl.col("unique_id").is_in(new_ids.implode())).select("nik", "birth_date").unique()
        facts = facts.join(carried, on=["nik", "birth_date"], how="semi")
    same = (
        facts.join(facts, on=["nik", "birth_date"], suffix="_r")
        .filter(pl.col("unique_id") < pl.col("unique_id_r"))
        .filter(pl.col("sex").is_null() | pl.col("sex_r").is_null() | (pl.col("sex") == pl.col("sex_r")))
    )
    if new_ids is not None:
        fresh = new_ids.implode()
        same = same.filter(pl.col("unique_id").is_in(fresh) | pl.col("unique_id_r").is_in(fresh))
    certain = same.select(
        _a=pl.min_horizontal("unique_id", "unique_id_r"), _b=pl.max_horizontal("unique_id", "unique_id_r")
    ).with_columns(deterministic=pl.lit(True))
    keyed = pairs.with_columns(
        _a=pl.min_horizontal("unique_id_l", "unique_id_r"), _b=pl.max_horizontal("unique_id_l", "unique_id_r")
    )
    scored = keyed.join(certain, on=["_a", "_b"], how="left").with_columns(pl.col("deterministic").fill_null(False))
    missing = certain.join(keyed.select("_a", "_b"), on=["_a", "_b"], how="anti").select(
        unique_id_l="_a",
        unique_id_r="_b",
        deterministic="deterministic",
        gamma_identity=pl.lit(7, dtype=pl.Int8),  # the evidence the review page shows: "NIK sama persis"
    )
    return pl.concat([scored.drop("_a", "_b"), missing], how="diagonal_relaxed").with_columns(
        match_probability=pl.when(pl.col("deterministic")).then(pl.lit(1.0)).otherwise(pl.col("match_probability"))
    )


def _siblings_wait_for_review(pairs: pl.DataFrame, frame: pl.DataFrame) -> pl.DataFrame:
    """Two valid NIKs that differ by more than a slip of the finger (or in the serial of one kecamatan
    and birth date at all), with different given names, are two people (twins, same-day siblings, a
    family): never linked on the model's word alone, at most put to a person for review.

    Siblings share the kelurahan, the RT/RW, the family's last name and often the family's phone,
    which is enough for the model to score them as one. A slip changes one digit or swaps two
    neighbours, and Excel zeroes the last digit; twins' serials (…830400 beside …830071) differ more.
    """
    tokens = pl.col("name_tokens")
    given = pl.when(tokens.list.len() > 1).then(tokens.list.head(tokens.list.len() - 1)).otherwise(tokens)
    in_pairs = pl.concat([pairs.get_column("unique_id_l"), pairs.get_column("unique_id_r")]).unique().implode()
    facts = frame.filter(pl.col("unique_id").is_in(in_pairs)).select(
        "unique_id", _nik="nik", _given=given.list.join(" ")
    )
    joined = pairs.join(facts, left_on="unique_id_l", right_on="unique_id", how="left").join(
        facts, left_on="unique_id_r", right_on="unique_id", how="left", suffix="_other"
    )
    left, right = pl.col("_nik"), pl.col("_nik_other")
    differs = [left.str.slice(i, 1) != right.str.slice(i, 1) for i in range(16)]
    apart = pl.sum_horizontal([difference.cast(pl.Int32) for difference in differs])
    swapped = pl.any_horizontal(
        [
            (left.str.slice(i, 1) == right.str.slice(i + 1, 1)) & (left.str.slice(i + 1, 1) == right.str.slice(i, 1))
            for i in range(15)
        ]
    )
    excel = (left.str.slice(0, 15) == right.str.slice(0, 15)) & (left.str.ends_with("0") | right.str.ends_with("0"))
    # Within one kecamatan and birth date (the first 12 digits alike) a serial apart is a neighbour
    # or a twin as often as a slip (consecutive serials differ in one digit); elsewhere one digit or
    # two swapped neighbours are a slip.
    same_day = left.str.slice(0, 12) == right.str.slice(0, 12)
    slip = (apart == 0) | ((apart <= 1) & ~same_day) | ((apart == 2) & swapped & ~same_day) | excel
    siblings = (
        (left.str.len_chars() == 16)
        & (right.str.len_chars() == 16)
        & ~slip
        & (pl.col("_given") != pl.col("_given_other"))
    ).fill_null(False)
    return joined.with_columns(
        decision=pl.when(siblings & (pl.col("decision") == AUTO)).then(pl.lit(REVIEW)).otherwise(pl.col("decision"))
    ).drop("_nik", "_nik_other", "_given", "_given_other")


def connected_components(ids: pl.Series, edges: pl.DataFrame) -> pl.DataFrame:
    """Cluster ids joined by edges (unique_id_l, unique_id_r); the smallest id names a cluster."""
    nodes = pl.DataFrame({"unique_id": ids})
    links = edges.select("unique_id_l", "unique_id_r")
    labels = nodes.with_columns(cluster_id=pl.col("unique_id"))
    # Label propagation: every round, each node takes the smallest label among itself and its
    # neighbours. Rounds needed = the longest path in a cluster, small for people.
    both_ways = pl.concat([links, links.select(unique_id_l="unique_id_r", unique_id_r="unique_id_l")])
    while True:
        proposed = (
            both_ways.join(labels, left_on="unique_id_r", right_on="unique_id")
            .group_by("unique_id_l")
            .agg(pl.col("cluster_id").min().alias("neighbour"))
        )
        updated = (
            labels.join(proposed, left_on="unique_id", right_on="unique_id_l", how="left")
            .with_columns(cluster_id=pl.min_horizontal("cluster_id", "neighbour"))
            .drop("neighbour")
        )
        if updated.join(labels, on="unique_id").filter(pl.col("cluster_id") != pl.col("cluster_id_right")).is_empty():
            break
        labels = updated
    return labels
