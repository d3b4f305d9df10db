"""The monitoring export and import: whole projects' personal data, for the coordinator only.

The director sees totals, never this file (403); a social worker works on cases, not bulk files
(403); another organisation's project does not exist (404).
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from instruments.models import Referral
from monitoring.export import sm_efs_bytes
from monitoring.models import ExportJob, ImportJob, ImportStatus
from tests.access_rows import LOGIN, Row, expect
from tests.factories import UserFactory

OURS = expect(LOGIN, 403, 200, 403, 404)
THEIRS = expect(LOGIN, 404, 404, 404, 403)

ROWS = [
    *[
        row
        for target, page, confirmed in [
            ("project", OURS, expect(LOGIN, 403, 302, 403, 404)),
            ("their_project", THEIRS, THEIRS),
        ]
        for row in [
            Row("monitoring:export", "GET", target, page),
            Row("monitoring:export_download", "GET", target, page, extra=("sm-efs",)),
            Row("monitoring:export_download", "GET", target, page, extra=("xlsx",)),
            # A 2021–2027 project is sent back to its own (SM EFS) file, after the role check.
            Row("monitoring:export_download", "GET", target, confirmed, extra=("sl2014",)),
            # A large file, written in the background (a job, then its page).
            Row("monitoring:export_job_start", "POST", target, confirmed, extra=("xlsx",)),
            Row("monitoring:import", "GET", target, page),
            Row("monitoring:import", "POST", target, page, "monitoring_file"),
            Row("monitoring:import_confirm", "POST", target, confirmed, "monitoring_file"),
        ]
    ],
    *[
        Row(name, "GET", target, expected)
        for name in ["monitoring:import_job", "monitoring:import_job_status"]
        for target, expected in [("import_job", OURS), ("their_import_job", THEIRS)]
    ],
    *[
        Row(name, "GET", target, expected)
        for name in ["monitoring:export_job", "monitoring:export_job_status",
                     "monitoring:export_job_download"]
        for target, expected in [("export_job", OURS), ("their_export_job", THEIRS)]
    ],
    # Starting an export answers only POST, before anything is looked up.
    Row("monitoring:export_job_start", "GET", "project", expect(LOGIN, 405, 405, 405, 405),
        extra=("xlsx",)),
    Row("monitoring:export_job", "POST", "export_job", expect(LOGIN, 403, 405, 403, 404)),
    Row("monitoring:export_job", "POST", "their_export_job", THEIRS),
    # Confirming answers only POST, once the project is found and the role allowed.
    Row("monitoring:import_confirm", "GET", "project", expect(LOGIN, 403, 405, 403, 404)),
    # The progress page is only read, once the job is found and the role allowed.
    Row("monitoring:import_job", "POST", "import_job", expect(LOGIN, 403, 405, 403, 404)),
    Row("monitoring:import_job", "POST", "their_import_job", THEIRS),
]


def _job(project):
    return ImportJob.objects.create(project=project, requested_by=UserFactory(), total=1)


def _export_job(project):
    """A written file, ready to be downloaded."""
    return ExportJob.objects.create(
        project=project, requested_by=UserFactory(), format="xlsx", total=1, done=1,
        status=ImportStatus.DONE, started_at=timezone.now(), finished_at=timezone.now(),
        file=default_storage.save("exports/access.xlsx", ContentFile(b"PK")),
    )


def add_objects(objects):
    return {
        "import_job": _job(objects["project"]),
        "their_import_job": _job(objects["their_project"]),
        "export_job": _export_job(objects["project"]),
        "their_export_job": _export_job(objects["their_project"]),
    }


def _headers_only_file(obj, objects):
    return {"file": SimpleUploadedFile("uczestnicy.csv", sm_efs_bytes([]))}


POST_DATA = {"monitoring_file": _headers_only_file}
STATE_MODELS = [Referral]
