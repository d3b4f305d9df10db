"""Background work for django-tasks (database backend; `manage.py db_worker` runs it)."""

from django_tasks import task

from .services import export_job_run, import_job_run


@task()
def import_job_task(job_id: int) -> None:
    import_job_run(job_id)


@task()
def export_job_task(job_id: int) -> None:
    export_job_run(job_id)
