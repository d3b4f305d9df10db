"""Large imports run in the background (the task queue the certificates use) with a progress
bar, all or nothing; the file is kept only until the import ends."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from monitoring.models import ImportJob, ImportStatus
from monitoring.services import import_job_progress, import_job_run, progress_path

from .helpers.monitoring import SECOND, VALID, csv_file, upload

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def small_threshold(settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.MONITORING_IMPORT_BACKGROUND_FROM = 2
    settings.MONITORING_PROGRESS_DIR = str(tmp_path)


def _check_then_confirm(client, project, data, **extra):
    client.post(reverse("monitoring:import", args=[project.pk]), {"file": upload(data)})
    return client.post(reverse("monitoring:import_confirm", args=[project.pk]),
                       {"file": upload(data), **extra})


def test_a_large_import_runs_as_a_task_and_shows_its_outcome(client, coordinator, project):
    client.force_login(coordinator)

    response = _check_then_confirm(client, project, csv_file(VALID, SECOND))

    job = ImportJob.objects.get()
    assert response["Location"] == reverse("monitoring:import_job", args=[job.pk])
    assert (job.status, job.total, job.done, job.created) == (ImportStatus.DONE, 2, 2, 2)
    assert job.data is None  # the file is erased once imported
    assert project.participations.count() == 2
    status = client.get(reverse("monitoring:import_job_status", args=[job.pk])).json()
    assert (status["status"], status["done"], status["total"]) == ("done", 2, 2)
    page = client.get(response["Location"]).content.decode()
    assert "<progress" in page and "job_progress.js" in page
    assert _("New participants: %(created)s. Updated: %(updated)s. Unchanged: %(unchanged)s. "
             "Rows with errors left out: %(skipped)s.") % {
        "created": 2, "updated": 0, "unchanged": 0, "skipped": 0} in page
    assert not progress_path(job.pk).exists()


def test_the_progress_page_is_a_page_of_the_jobs_project(client, coordinator, project):
    job = ImportJob.objects.create(project=project, requested_by=coordinator, total=3)
    client.force_login(coordinator)
    url = reverse("monitoring:import_job", args=[job.pk])

    page = client.get(url)

    assert (page.context["project"], page.context["can"].project) == (project, project)
    assert client.post(url).status_code == 405


def test_a_background_import_that_fails_imports_nothing_and_erases_the_file(
    client, coordinator, project
):
    """The data changed between the check and the worker's turn: a row no longer passes."""
    data = csv_file(VALID, SECOND | {"postcode": "21100"})  # row 3 invalid
    job = ImportJob.objects.create(project=project, requested_by=coordinator, data=data,
                                   total=2, only_valid=False)

    import_job_run(job.pk)

    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert job.error == _("The file has errors: nothing has been imported.")
    assert job.data is None
    assert project.participations.count() == 0
    client.force_login(coordinator)
    page = client.get(reverse("monitoring:import_job", args=[job.pk])).content.decode()
    assert _("Nothing has been imported.") in page


def test_the_running_imports_progress_is_read_from_its_progress_file(coordinator, project):
    job = ImportJob.objects.create(project=project, requested_by=coordinator, total=100,
                                   status=ImportStatus.RUNNING)
    progress_path(job.pk).write_text("75")

    assert import_job_progress(job) == 75
    job.status = ImportStatus.DONE
    job.done = 100
    assert import_job_progress(job) == 100
