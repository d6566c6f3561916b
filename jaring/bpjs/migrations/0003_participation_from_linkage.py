"""BPJS standing moves from the linkage's persons into bpjs' own participation rows."""

from django.db import migrations


def copy_participation(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        # Each person's standing came from the latest roster of their region.
        cursor.execute(
            "INSERT INTO bpjs_participation (person_id, region_id, status, kpj, segment, as_of, snapshot_id) "
            "SELECT p.id, p.region_id, p.bpjs_status, p.kpj, p.bpjs_segment, s.as_of, s.id "
            "FROM linkage_person p JOIN bpjs_rostersnapshot s ON s.id = "
            "(SELECT MAX(id) FROM bpjs_rostersnapshot WHERE region_id = p.region_id) "
            "WHERE p.bpjs_status IN ('active', 'inactive')"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("bpjs", "0002_alter_rosterentry_person_participation"),
        ("persons", "0002_persons_from_linkage"),
        ("linkage", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_participation, migrations.RunPython.noop)]
