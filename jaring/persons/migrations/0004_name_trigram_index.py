"""Find persons by part of their name fast: a trigram index on PostgreSQL (pg_trgm).

The persons page searches `name LIKE '%SITI%'` among a million persons; only a trigram index serves
a pattern that does not start at the beginning. SQLite has none and scans, as it did before. Where
the database user may not create the extension, the search still works, only slower, and the
migration says so instead of failing.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                "CREATE INDEX IF NOT EXISTS persons_name_trigram ON persons_person USING gin (name gin_trgm_ops)"
            )
    except DatabaseError as exc:
        logger.warning("No trigram index on persons' names (pg_trgm could not be enabled: %s); name search scans.", exc)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS persons_name_trigram")


class Migration(migrations.Migration):
    dependencies = [("persons", "0003_field_sources_as_json_text")]

    operations = [migrations.RunPython(create_index, drop_index)]
