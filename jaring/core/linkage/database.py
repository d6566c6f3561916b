"""The one place the linkage opens a database for Splink, with the backend and limits the caller passes in.

DuckDB on one machine is the default; Spark is the backend a province that outgrows one machine will
use (Splink speaks both through its database API). Everything else in the linkage asks
`splink_database(engine)` for Splink's API and never builds one itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb
    from splink.internals.database_api import DatabaseAPISubClass

DUCKDB, SPARK = "duckdb", "spark"
BACKENDS = (DUCKDB, SPARK)


@dataclass(frozen=True)
class Engine:
    """Where and how the linkage may run; the apps fill it from their settings."""

    backend: str = DUCKDB
    # DuckDB would take 80 % of the machine's memory; a bounded buffer spills to disk instead.
    memory_limit: str = "2GB"
    threads: int | None = None  # None: DuckDB's default, one per core

    def __post_init__(self) -> None:
        if self.backend not in BACKENDS:
            raise ValueError(f"unknown linkage backend {self.backend!r}; one of {', '.join(BACKENDS)}")


def connect(engine: Engine) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the engine's limits."""
    import duckdb  # loaded when linking runs, not with every command

    config: dict[str, str | bool | int | float | list[str]] = {"memory_limit": engine.memory_limit}
    if engine.threads:
        config["threads"] = engine.threads
    return duckdb.connect(config=config)


@contextmanager
def splink_database(engine: Engine) -> Iterator[DatabaseAPISubClass]:
    """Splink's database API on the engine's backend, closed when the block ends (also on an error)."""
    if engine.backend == SPARK:
        # The seam for issue 22: a SparkAPI on the province's cluster goes here, nowhere else.
        raise NotImplementedError("Linking on Spark is not available yet; use the duckdb backend.")
    from splink import DuckDBAPI

    connection = connect(engine)
    try:
        yield DuckDBAPI(connection)
    finally:
        connection.close()
