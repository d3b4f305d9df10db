"""Background work for django-tasks (database backend; `manage.py db_worker` runs it)."""

from django_tasks import task

from .services import import_job_run


@task()
def import_job_task(job_id: int) -> None:
    import_job_run(job_id)
