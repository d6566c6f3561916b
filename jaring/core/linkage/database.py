"""The one place the linkage opens DuckDB, with the limits the caller passes in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb


@dataclass(frozen=True)
class Engine:
    """How the linkage may use the machine; the apps fill it from their settings."""

    # DuckDB would take 80 % of the machine's memory; a bounded buffer spills to disk instead.
    memory_limit: str = "2GB"
    threads: int | None = None  # None: DuckDB's default, one per core


def connect(engine: Engine) -> duckdb.DuckDBPyConnection:
    import duckdb  # loaded when linking runs, not with every command

    config = {"memory_limit": engine.memory_limit}
    if engine.threads:
        config["threads"] = engine.threads
    return duckdb.connect(config=config)
