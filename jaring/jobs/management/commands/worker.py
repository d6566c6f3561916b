from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from jaring.jobs.services import job_recover_stale


class Command(DatabaseWorker):
    help = (
        "Run the job worker (django-tasks' database worker). At start it first runs again, or fails with a "
        "clear message, the jobs whose worker died (killed, out of memory, machine restarted)."
    )

    def handle(self, *args, **options) -> None:
        recovered = job_recover_stale()
        if recovered:
            self.stdout.write(
                f"Pekerjaan yang pekerjanya berhenti: {', '.join(map(str, recovered))} (diulang atau ditandai gagal)."
            )
        super().handle(*args, **options)
