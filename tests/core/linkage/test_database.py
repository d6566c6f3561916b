"""The linkage's one seam to a database: DuckDB today, Spark named for the province-sized runs to come."""

import pytest

from jaring.core.linkage.database import DUCKDB, SPARK, Engine, splink_database


def test_duckdb_gives_splink_its_api_and_closes_the_connection_even_on_an_error():
    with pytest.raises(RuntimeError), splink_database(Engine(backend=DUCKDB, memory_limit="256MB")) as db_api:
        connection = db_api._con  # Splink keeps the DuckDB connection it was given
        assert connection.execute("SELECT current_setting('memory_limit')").fetchone()[0] == "244.1 MiB"  # 256 MB
        raise RuntimeError("stop")
    with pytest.raises(Exception, match="closed"):
        connection.execute("SELECT 1")


def test_spark_is_the_named_seam_and_an_unknown_backend_is_refused():
    with pytest.raises(NotImplementedError, match="Spark"), splink_database(Engine(backend=SPARK)):
        pass
    with pytest.raises(ValueError, match="unknown linkage backend"):
        Engine(backend="sqlite")
