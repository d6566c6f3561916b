"""Ranking and selecting 1,000,000 candidates in the core (issue 10: the ranking itself <= 1 s).

The end-to-end figure (read the candidates from PostgreSQL, rank, write the selection) comes with the
programs app; this measures the core it will call.
"""

import sys
import time

import polars as pl

from bench.product_path import figure
from jaring.core.programs.selection import CANDIDATES_SCHEMA, Source, rank, select, spent

CANDIDATES = 1_000_000
OCCUPATIONS = ["petani", "ojol", "pedagang", "buruh", "marbot", "guru_ngaji", "linmas", "pemulung"]


def candidates(n: int) -> pl.DataFrame:
    """Synthetic candidates from hashes of the row number: deterministic, no extra dependency."""
    i = pl.int_range(1, n + 1, dtype=pl.Int64)

    def draw(seed: int, modulo: int) -> pl.Expr:
        return (i.hash(seed) % modulo).cast(pl.Int64)

    return pl.select(
        person_id=i,
        occupation=pl.lit(pl.Series(OCCUPATIONS)).gather(draw(1, len(OCCUPATIONS))),
        desil=pl.when(draw(2, 5) == 0).then(None).otherwise(draw(3, 10) + 1),
        risk=draw(4, 3) + 1,
        covered_last_year=draw(5, 10) < 3,
        age=draw(6, 51) + 15,
    ).cast(CANDIDATES_SCHEMA)


def main() -> int:
    frame = candidates(CANDIDATES)
    year = 12 * 16_800
    sources = [
        Source("DBHCHT", amount=5_300_000_000, cost_per_person=year, categories=frozenset({"petani", "buruh"})),
        Source("CSR", amount=103 * 12 * 8_400, cost_per_person=12 * 8_400, categories=frozenset({"ojol"})),
        Source("APBD", amount=20_000_000_000, cost_per_person=year),
    ]
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        ranked = rank(frame)
        ranked_at = time.perf_counter()
        chosen = select(ranked, sources)
        timings.append((ranked_at - started, time.perf_counter() - started))
    rank_seconds = sorted(t[0] for t in timings)[2]
    total_seconds = sorted(t[1] for t in timings)[2]
    used = spent(chosen)
    extra = f"{chosen['source'].is_not_null().sum():,} selected; " + ", ".join(f"{k} Rp{v:,}" for k, v in used.items())
    ok = figure(f"rank {CANDIDATES:,} candidates (core, median of 5)", rank_seconds, 1, "s")
    ok &= figure("rank + select across 3 sources (core)", total_seconds, 1, "s", extra)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
