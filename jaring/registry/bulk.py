"""Write Polars frames into tables in bulk: COPY on PostgreSQL, executemany on SQLite.

The one place where registry data goes to the database without the ORM, because a million
model instances would cost more than the rest of an import together.
"""

import io

import polars as pl
from django.db import connection, models


def insert_frame(model: type[models.Model], frame: pl.DataFrame) -> None:
    """Insert every row of `frame`; its columns are the model's column names (attnames)."""
    if frame.is_empty():
        return
    table = model._meta.db_table
    columns = frame.columns
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    if connection.vendor == "postgresql":
        buffer = io.BytesIO()
        frame.write_csv(buffer, include_header=False, null_value="\\N", quote_style="necessary")
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(
                f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
            ) as copy,
        ):
            copy.write(buffer.getvalue())
        return
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})",
            frame.iter_rows(),
        )
