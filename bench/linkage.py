"""Linkage accuracy and speed on synthetic OPD lists with known truth, beside Splink's defaults.

Targets (issue 4), on a 2-core machine: cluster precision >= 0.995 and recall >= 0.98 with a better
F1 than Splink's default comparisons without Indonesian normalisation (run side by side here);
1,000,000 source rows linked from scratch in <= 90 s; memory under 4 GB. PEOPLE sets the size
(default 500,000 people, about 1,000,000 rows); BASELINE=0 skips the comparison run.
"""

import os
import resource
import sys
import time

import polars as pl

from jaring.core.linkage.pipeline import BASELINE, INDONESIAN, link_people
from jaring.core.linkage.scoring import score_clusters
from jaring.core.linkage.synthetic import synthetic_lists, synthetic_people
from jaring.core.regions import iter_region_rows

PEOPLE = int(os.environ.get("PEOPLE", 500_000))
REGION = os.environ.get("REGION", "35")  # Jawa Timur: a province's worth of kelurahan codes


def main() -> int:
    villages = [row.code for row in iter_region_rows(under=REGION) if row.level == 4]
    started = time.perf_counter()
    rows = synthetic_lists(synthetic_people(PEOPLE, villages=villages), villages=villages)
    print(f"generated {rows.height:,} rows about {PEOPLE:,} people in {time.perf_counter() - started:.1f} s")
    ok = True
    models = [INDONESIAN] + ([BASELINE] if os.environ.get("BASELINE", "1") != "0" else [])
    scores = {}
    for model in models:
        result = link_people(rows, model=model)
        score = score_clusters(rows.join(result.clusters, on="unique_id"))
        scores[model.name] = score
        decisions = dict(result.pairs.group_by("decision").len().iter_rows())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{model.name:>15}: {result.seconds:6.1f} s, peak {peak:,.0f} MB so far, pairs {decisions}, "
            f"{score.to_dict()}"
        )
    ours = scores[INDONESIAN.name]
    ok &= ours.cluster_precision >= 0.995 and ours.cluster_recall >= 0.98
    if BASELINE.name in scores:
        ok &= ours.cluster_f1 > scores[BASELINE.name].cluster_f1
    print("OK" if ok else "BELOW TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    pl.Config.set_tbl_width_chars(200)
    sys.exit(main())
