"""Frames in and out of the database in bulk: the one place that talks COPY.

A million model instances cost more than the rest of an import or a linkage run together, so bulk
paths read querysets straight into Polars frames and write frames back with COPY (PostgreSQL) or
executemany (SQLite). Updates go through a temporary table and one `UPDATE ... FROM`, never
per-row statements. Part of `jaring.lib`: it knows no app.
"""

import io
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeAlias, TypeVar

import polars as pl
from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.db.models import QuerySet
from django.db.models.expressions import Combinable

T = TypeVar("T")

# A column's Polars type as the code writes it: the class (`pl.Int64`) or an instance (`pl.Datetime("us")`).
Dtype: TypeAlias = pl.DataType | type[pl.DataType]

_NULL = "\\N"
_COPY_SLICE_ROWS = 50_000
# Values per `__in` query: well under SQLite's limit on a statement's parameters.
PARAMETERS_PER_QUERY = 5_000


def in_chunks(values: Sequence[T], size: int = PARAMETERS_PER_QUERY) -> Iterator[Sequence[T]]:
    """`values` a statement's worth at a time, for `__in` lookups longer than one statement takes."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def read_frame(
    queryset: QuerySet[Any, Any], schema: Mapping[str, Dtype], *, fields: Mapping[str, str | Combinable] | None = None
) -> pl.DataFrame:
    """The queryset's rows as a frame with `schema`; `fields` maps a column to what to read (default: its name).

    What to read is a lookup ("person__name") or an expression (an annotation written in place).

    On PostgreSQL the rows arrive through COPY as CSV, parsed by Polars; elsewhere through the cursor.
    """
    fields = fields or {}
    values = queryset.values_list(*[fields.get(name, name) for name in schema])
    if connection.vendor == "postgresql":
        try:
            sql, params = values.query.sql_with_params()
        except EmptyResultSet:  # `.none()` or an empty `__in`: nothing to read
            return pl.DataFrame(schema=dict(schema))
        buffer = io.BytesIO()
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, NULL '{_NULL}')", params) as copy,
        ):
            for block in copy:
                buffer.write(block)
        if buffer.tell() == 0:
            return pl.DataFrame(schema=dict(schema))
        buffer.seek(0)
        text_schema = {name: pl.String if dtype == pl.Boolean else dtype for name, dtype in schema.items()}
        frame = pl.read_csv(
            buffer,
            has_header=False,
            new_columns=list(schema),
            schema=text_schema,
            null_values=_NULL,
            empty_string_is_null=False,
        )
        return frame.with_columns([pl.col(name) == "t" for name, dtype in schema.items() if dtype == pl.Boolean])
    return pl.DataFrame(list(values.iterator(chunk_size=20_000)), schema=dict(schema), orient="row")


def insert_frame(model: type[models.Model], frame: pl.DataFrame, *, skip_existing: bool = False) -> None:
    """Insert every row of `frame`; its columns are the model's column names (attnames).

    With `skip_existing`, rows that a unique constraint already holds are left out (through a
    temporary table and one `INSERT ... ON CONFLICT DO NOTHING`), without reading the table first.
    """
    if frame.is_empty():
        return
    if not skip_existing:
        _copy_in(model._meta.db_table, frame)
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    staging_name = f"_insert_{model._meta.db_table}"
    staging = quote(staging_name)
    columns = ", ".join(quote(c) for c in frame.columns)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {staging}")
        cursor.execute(f"CREATE TEMPORARY TABLE {staging} AS SELECT {columns} FROM {table} WHERE 1 = 0")
        _copy_in(staging_name, frame)
        # "WHERE true" lets SQLite tell the ON CONFLICT clause from a join condition.
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {staging} WHERE true ON CONFLICT DO NOTHING"
        )
        cursor.execute(f"DROP TABLE {staging}")


def update_from_frame(model: type[models.Model], frame: pl.DataFrame, *, key: str) -> int:
    """Set the columns of `frame` on the rows whose `key` column matches, in one statement.

    The frame goes into a temporary table (COPY on PostgreSQL) and one `UPDATE ... FROM` applies it.
    """
    if frame.is_empty():
        return 0
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    staging_name = f"_update_{model._meta.db_table}"
    staging = quote(staging_name)
    matches = f"{table}.{quote(key)} = {staging}.{quote(key)}"
    assignments = ", ".join(f"{quote(c)} = {staging}.{quote(c)}" for c in frame.columns if c != key)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {staging}")
        # The staging table takes the target's column types, so every value arrives as it will be stored.
        cursor.execute(
            f"CREATE TEMPORARY TABLE {staging} AS SELECT {', '.join(quote(c) for c in frame.columns)} "
            f"FROM {table} WHERE 1 = 0"
        )
        _copy_in(staging_name, frame)
        # PostgreSQL and SQLite (3.33+) both read UPDATE ... FROM the same way.
        cursor.execute(f"UPDATE {table} SET {assignments} FROM {staging} WHERE {matches}")
        changed = cursor.rowcount
        cursor.execute(f"DROP TABLE {staging}")
    return changed


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh primary keys for rows about to be inserted with COPY, safe beside other writers.

    PostgreSQL hands them out from the table's sequence. SQLite takes them after the largest id; the
    caller's transaction holds SQLite's write lock (IMMEDIATE), so nobody else can take the same.
    """
    if count == 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, count]
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(
            f"SELECT COALESCE(MAX({connection.ops.quote_name(pk)}), 0) FROM {connection.ops.quote_name(table)}"
        )
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def _copy_in(table: str, frame: pl.DataFrame) -> None:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in frame.columns)
    if connection.vendor == "postgresql":
        statement = f"COPY {quote(table)} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '{_NULL}')"
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            # Slice by slice, so the CSV text of a million rows never sits in memory at once.
            for offset in range(0, frame.height, _COPY_SLICE_ROWS):
                buffer = io.BytesIO()
                frame.slice(offset, _COPY_SLICE_ROWS).write_csv(
                    buffer, include_header=False, null_value=_NULL, quote_style="necessary"
                )
                copy.write(buffer.getbuffer())
        return
    placeholders = ", ".join(["%s"] * frame.width)
    with connection.cursor() as cursor:
        # A slice's rows at a time, so a million of them never sit in memory as Python tuples at once.
        for offset in range(0, frame.height, _COPY_SLICE_ROWS):
            rows = frame.slice(offset, _COPY_SLICE_ROWS).rows()
            cursor.executemany(f"INSERT INTO {quote(table)} ({columns}) VALUES ({placeholders})", rows)


def insert_blob(model: type[models.Model], values: dict[str, Any]) -> None:
    """Insert one row whose values include large bytes (a Parquet file of a million rows).

    On PostgreSQL the bytes go as a binary parameter (psycopg's %b): as text, 20 MB become 40 MB of hex
    that the server decodes again, a second's work for nothing.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(name) for name in values)
    if connection.vendor == "postgresql":
        placeholders = ", ".join("%b" if isinstance(value, bytes) else "%s" for value in values.values())
        with connection.cursor() as cursor:
            cursor.cursor.execute(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", list(values.values()))
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(values))})", list(values.values())
        )
