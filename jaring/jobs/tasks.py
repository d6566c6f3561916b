from django_tasks import task

from jaring.jobs.services import job_run


@task()
def run_job(job_id: int) -> None:
    job_run(job_id=job_id)
