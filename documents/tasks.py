"""Background work for django-tasks (database backend; `manage.py db_worker` runs it)."""

from django_tasks import task

from .batches import certificate_batch_run


@task()
def certificate_batch_task(batch_id: int) -> None:
    certificate_batch_run(batch_id)
