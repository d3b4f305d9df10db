"""A large export is written in the background (issue 13, point 5): the page shows its progress,
then offers the file once; the file is of the project's coordinators only and is erased once
sent, or when nobody fetched it in time."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AccessAction, AccessLogEntry
from monitoring.export import SM_EFS, XLSX, export_bytes
from monitoring.models import ExportJob, ImportStatus
from monitoring.services import export_job_run, export_jobs_expire
from participants.models import Participation

from .factories import PersonFactory
from .helpers.monitoring import FULL_ENTRY_DATA, participation_of

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.TASKS = IMMEDIATE
    settings.MONITORING_EXPORT_BACKGROUND_FROM = 2


@pytest.fixture
def large_project(project):
    for last_name in ["Abacka", "Babacka", "Cabacka"]:
        participation_of(project, PersonFactory(last_name=last_name), **FULL_ENTRY_DATA)
    return project


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_above_the_threshold_the_page_offers_to_prepare_the_file(
    client, coordinator, large_project
):
    client.force_login(coordinator)

    page = client.get(reverse("monitoring:export", args=[large_project.pk])).content.decode()

    assert reverse("monitoring:export_job_start", args=[large_project.pk, SM_EFS]) in page
    direct_url = reverse("monitoring:export_download", args=[large_project.pk, SM_EFS])
    assert f'href="{direct_url}' not in page
    direct = client.get(direct_url)
    assert direct.status_code == 302
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("fmt", [SM_EFS, XLSX])
def test_the_background_file_is_downloaded_once_logged_then_erased(
    client, coordinator, large_project, fmt
):
    client.force_login(coordinator)

    response = client.post(reverse("monitoring:export_job_start", args=[large_project.pk, fmt]))

    job = ExportJob.objects.get()
    assert response["Location"] == reverse("monitoring:export_job", args=[job.pk])
    assert (job.status, job.total, job.done, job.format) == (ImportStatus.DONE, 3, 3, fmt)
    assert default_storage.exists(job.file)
    page = client.get(response["Location"]).content.decode()
    assert '<progress id="job-progress" class="w-100" max="3" value="3">' in page
    download_url = reverse("monitoring:export_job_download", args=[job.pk])
    assert download_url in page

    download = client.get(download_url)

    content = _content(download)
    if fmt == SM_EFS:
        assert content == export_bytes(large_project, fmt)
    assert content.startswith(b"\xef\xbb\xbfKraj;" if fmt == SM_EFS else b"PK")
    assert "no-store" in download["Cache-Control"]
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.action, entry.project) == (
        coordinator, AccessAction.EXPORT, large_project
    )
    erased = ExportJob.objects.get()
    assert not default_storage.exists(job.file) and erased.file == ""
    assert erased.downloaded_at is not None
    again = client.get(download_url)
    assert again["Location"] == reverse("monitoring:export_job", args=[job.pk])
    assert _("export it again") in client.get(again["Location"]).content.decode()


def test_the_progress_page_shows_the_bar_and_refreshes_without_scripts(
    client, coordinator, project
):
    job = ExportJob.objects.create(project=project, requested_by=coordinator, format=SM_EFS,
                                   total=25, done=10, status=ImportStatus.RUNNING)
    client.force_login(coordinator)
    url = reverse("monitoring:export_job", args=[job.pk])

    page = client.get(url).content.decode()

    assert '<label for="job-progress"' in page
    assert '<progress id="job-progress" class="w-100" max="25" value="10">' in page
    assert 'aria-live="polite"' in page
    assert f'<a id="export-check" href="{url}">' in page
    assert "job_progress.js" in page
    status = client.get(reverse("monitoring:export_job_status", args=[job.pk])).json()
    assert (status["status"], status["done"], status["total"]) == ("running", 10, 25)
    assert client.get(reverse("monitoring:export_job_download", args=[job.pk])).status_code == 302


def test_running_the_task_writes_the_file_and_tells_the_progress(coordinator, large_project,
                                                                   monkeypatch):
    monkeypatch.setattr("monitoring.export.CHUNK_SIZE", 2)
    job = ExportJob.objects.create(project=large_project, requested_by=coordinator,
                                   format=SM_EFS, total=3)
    told = []
    monkeypatch.setattr("monitoring.services.write_export", _spy(told))

    export_job_run(job.pk)

    job.refresh_from_db()
    assert (job.status, job.done) == (ImportStatus.DONE, 3)
    assert told == [2, 3]
    with default_storage.open(job.file) as written:
        assert written.read() == export_bytes(large_project, SM_EFS)


def _spy(told):
    from monitoring.export import write_export

    def spied(project, fmt, file, *, edition=None, progress=None):
        def progress_seen(done):
            told.append(ExportJob.objects.get().done if told else None)
            progress(done)
            told[-1] = ExportJob.objects.get().done

        write_export(project, fmt, file, edition=edition, progress=progress_seen)

    return spied


def test_another_projects_staff_get_404(client, outsider, coordinator, large_project):
    client.force_login(coordinator)
    client.post(reverse("monitoring:export_job_start", args=[large_project.pk, SM_EFS]))
    job = ExportJob.objects.get()
    client.force_login(outsider)

    for name in ["monitoring:export_job", "monitoring:export_job_status",
                 "monitoring:export_job_download"]:
        assert client.get(reverse(name, args=[job.pk])).status_code == 404, name
    assert default_storage.exists(job.file)
    assert not AccessLogEntry.objects.exists()


def test_a_file_nobody_fetched_is_erased_after_the_time_kept(coordinator, project, settings):
    settings.MONITORING_EXPORT_KEEP_HOURS = 24
    name = default_storage.save("exports/old.csv", ContentFile(b"x"))
    fresh = default_storage.save("exports/fresh.csv", ContentFile(b"x"))
    now = timezone.now()
    for file, finished in [(name, now - timedelta(hours=25)), (fresh, now)]:
        ExportJob.objects.create(project=project, requested_by=coordinator, format=SM_EFS,
                                 status=ImportStatus.DONE, file=file, finished_at=finished)

    assert export_jobs_expire() == 1

    assert not default_storage.exists(name) and default_storage.exists(fresh)
    assert set(ExportJob.objects.values_list("file", flat=True)) == {"", fresh}


def test_a_correction_made_after_the_file_was_written_is_still_to_be_resent(
    client, coordinator, large_project
):
    client.force_login(coordinator)
    client.post(reverse("monitoring:export_job_start", args=[large_project.pk, SM_EFS]))
    job = ExportJob.objects.get()
    earlier, later = large_project.participations.order_by("pk")[:2]
    Participation.objects.filter(pk__in=[earlier.pk, later.pk]).update(resend_to_monitoring=True)
    for participation, when in [(earlier, job.started_at - timedelta(minutes=1)),
                                (later, job.started_at + timedelta(minutes=1))]:
        correction = participation.entry_corrections.create(
            field_name="town", reason="Pomyłka", corrected_by=coordinator)
        type(correction).objects.filter(pk=correction.pk).update(corrected_at=when)

    _content(client.get(reverse("monitoring:export_job_download", args=[job.pk])))

    earlier.refresh_from_db()
    later.refresh_from_db()
    assert (earlier.resend_to_monitoring, later.resend_to_monitoring) == (False, True)


@pytest.mark.django_db
def test_anonymising_the_project_erases_a_file_awaiting_download(
        django_capture_on_commit_callbacks):
    from retention.services import project_anonymise

    from .factories import ParticipationFactory, ProjectFactory, UserFactory

    finished = ProjectFactory(start_date=date(2012, 1, 1), end_date=date(2012, 12, 31),
                              keep_until=date(2020, 12, 31))
    ParticipationFactory(project=finished)
    name = default_storage.save("exports/waiting.csv", ContentFile(b"PESEL"))
    ExportJob.objects.create(project=finished, requested_by=UserFactory(), format=SM_EFS,
                             status=ImportStatus.DONE, file=name, finished_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):  # the files go once it commits
        assert project_anonymise(project=finished).files == 1

    assert not default_storage.exists(name)
    assert ExportJob.objects.get().file == ""
