"""How good a clustering is against known truth: pairwise and cluster precision, recall and F1."""

from dataclasses import asdict, dataclass

import polars as pl


@dataclass(frozen=True)
class LinkageScore:
    pair_precision: float
    pair_recall: float
    pair_f1: float
    cluster_precision: float  # share of found clusters that hold one real person only
    cluster_recall: float  # share of real people whose rows all ended up in one cluster
    cluster_f1: float

    def to_dict(self) -> dict[str, float]:
        return {key: round(value, 4) for key, value in asdict(self).items()}


def _pairs(column: pl.Expr) -> pl.Expr:
    return (column * (column - 1) / 2).sum()


def score_clusters(frame: pl.DataFrame, *, truth: str = "person_id", found: str = "cluster_id") -> LinkageScore:
    """Score `found` cluster labels against `truth` labels, one row per record."""
    true_pairs = frame.group_by(truth).len().select(_pairs(pl.col("len"))).item()
    found_pairs = frame.group_by(found).len().select(_pairs(pl.col("len"))).item()
    both = frame.group_by(truth, found).len().select(_pairs(pl.col("len"))).item()
    pair_precision = both / found_pairs if found_pairs else 1.0
    pair_recall = both / true_pairs if true_pairs else 1.0

    people_per_cluster = frame.group_by(found).agg(pl.col(truth).n_unique().alias("n"))
    clusters_per_person = frame.group_by(truth).agg(pl.col(found).n_unique().alias("n"))
    cluster_precision = people_per_cluster.select((pl.col("n") == 1).mean()).item()
    cluster_recall = clusters_per_person.select((pl.col("n") == 1).mean()).item()
    return LinkageScore(
        pair_precision=pair_precision,
        pair_recall=pair_recall,
        pair_f1=_f1(pair_precision, pair_recall),
        cluster_precision=cluster_precision,
        cluster_recall=cluster_recall,
        cluster_f1=_f1(cluster_precision, cluster_recall),
    )


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
