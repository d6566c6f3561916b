"""Make the database itself refuse to rewrite the audit log.

SQLite gets an UPDATE trigger only: Django's test flush empties tables with DELETE there, while
on PostgreSQL it uses TRUNCATE, which row triggers do not see.
"""

from django.db import migrations

TABLE = "accounts_auditevent"

POSTGRES_FORWARD = f"""
CREATE OR REPLACE FUNCTION accounts_auditevent_refuse() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER accounts_auditevent_no_update BEFORE UPDATE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION accounts_auditevent_refuse();
CREATE TRIGGER accounts_auditevent_no_delete BEFORE DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION accounts_auditevent_refuse();
"""
POSTGRES_BACKWARD = f"""
DROP TRIGGER IF EXISTS accounts_auditevent_no_update ON {TABLE};
DROP TRIGGER IF EXISTS accounts_auditevent_no_delete ON {TABLE};
DROP FUNCTION IF EXISTS accounts_auditevent_refuse();
"""
SQLITE_FORWARD = f"""
CREATE TRIGGER accounts_auditevent_no_update BEFORE UPDATE ON {TABLE}
BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS accounts_auditevent_no_update;"


def _run(sql_by_vendor):
    def run(apps, schema_editor):
        sql = sql_by_vendor.get(schema_editor.connection.vendor)
        if sql:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
