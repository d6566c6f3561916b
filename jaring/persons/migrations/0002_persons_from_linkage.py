"""Persons move from the linkage app to their own: copy them and the row-to-person links."""

from django.db import migrations

PERSON_COLUMNS = "id, region_id, nik, name, birth_date, sex, kelurahan_code, phone, occupation, field_sources, created_at, updated_at"


def copy_persons(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO persons_person ({PERSON_COLUMNS}) SELECT {PERSON_COLUMNS} FROM linkage_person")
        cursor.execute(
            "INSERT INTO persons_personrecord (record_id, person_id, region_id) "
            "SELECT id, person_id, region_id FROM registry_sourcerecord WHERE person_id IS NOT NULL"
        )
        if schema_editor.connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('persons_person', 'id'), "
                "COALESCE((SELECT MAX(id) FROM persons_person), 0) + 1, false)"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("persons", "0001_initial"),
        ("linkage", "0001_initial"),
        ("registry", "0003_submission_linkage_held_share_and_more"),
    ]

    operations = [migrations.RunPython(copy_persons, migrations.RunPython.noop)]
