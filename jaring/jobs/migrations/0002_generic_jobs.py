"""Jobs know no domain: scope as plain values, stored input, the pages to show, a heartbeat."""

from django.db import migrations, models


def copy_scope_and_input(apps, schema_editor):
    Job = apps.get_model("jobs", "Job")
    for job in Job.objects.all().iterator():
        job.scope_region = job.region_id
        job.scope_opd = job.opd_id
        job.title = job.file_name
        job.input = {**job.params, "opd": job.opd_id, "file_name": job.file_name}
        job.input_file = job.file_data
        job.max_attempts = 2
        if job.status == "confirm":
            job.status = "waiting"
        job.save()


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]

    operations = [
        migrations.AddField("job", "scope_region", models.CharField(default="", max_length=20), preserve_default=False),
        migrations.AddField("job", "scope_opd", models.BigIntegerField(blank=True, null=True)),
        migrations.AddField("job", "title", models.CharField(blank=True, max_length=255)),
        migrations.AddField("job", "input", models.JSONField(default=dict)),
        migrations.AddField("job", "input_file", models.BinaryField(blank=True, default=b"")),
        migrations.AddField("job", "done_url", models.CharField(blank=True, max_length=300)),
        migrations.AddField("job", "wait_url", models.CharField(blank=True, max_length=300)),
        migrations.AddField("job", "attempts", models.PositiveSmallIntegerField(default=0)),
        migrations.AddField("job", "max_attempts", models.PositiveSmallIntegerField(default=2)),
        migrations.AddField("job", "worker", models.CharField(blank=True, max_length=200)),
        migrations.AddField("job", "heartbeat_at", models.DateTimeField(blank=True, null=True)),
        migrations.AlterField(
            "job",
            "kind",
            models.CharField(max_length=80),
        ),
        migrations.AlterField(
            "job",
            "status",
            models.CharField(
                choices=[
                    ("queued", "Queued"),
                    ("running", "Running"),
                    ("waiting", "Waiting for input"),
                    ("done", "Done"),
                    ("failed", "Failed"),
                ],
                default="queued",
                max_length=10,
            ),
        ),
        migrations.RunPython(copy_scope_and_input, migrations.RunPython.noop),
        migrations.RemoveField("job", "region"),
        migrations.RemoveField("job", "opd"),
        migrations.RemoveField("job", "file_name"),
        migrations.RemoveField("job", "file_data"),
        migrations.RemoveField("job", "params"),
        migrations.AddIndex("job", models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat")),
    ]
