import polars as pl

from tests.synthetic.scoring import score_clusters


def test_scores_against_truth():
    # Truth: {1,2,3} and {4,5}. Found: {1,2}, {3}, {4,5,6}; 6 is a person of its own.
    frame = pl.DataFrame({"person_id": [1, 1, 1, 2, 2, 3], "cluster_id": ["a", "a", "b", "c", "c", "c"]})
    score = score_clusters(frame)
    assert score.pair_precision == 2 / 4  # found pairs: (1,2), (4,5), (4,6), (5,6); right: (1,2), (4,5)
    assert score.pair_recall == 2 / 4  # true pairs: (1,2), (1,3), (2,3), (4,5)
    assert score.cluster_precision == 2 / 3  # a and b are pure, c is not
    assert score.cluster_recall == 2 / 3  # person 2 and 3 sit in one cluster each, person 1 is split


def test_perfect():
    frame = pl.DataFrame({"person_id": [1, 1, 2], "cluster_id": ["x", "x", "y"]})
    assert score_clusters(frame).to_dict()["cluster_f1"] == 1.0
