"""The monitoring export and import: whole projects' personal data, for the coordinator only.

The director sees totals, never this file (403); a social worker works on cases, not bulk files
(403); another organisation's project does not exist (404).
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from instruments.models import Referral
from monitoring.export import sm_efs_bytes
from monitoring.models import ImportJob
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
    # Confirming answers only POST, once the project is found and the role allowed.
    Row("monitoring:import_confirm", "GET", "project", expect(LOGIN, 403, 405, 403, 404)),
    # The progress page is only read, once the job is found and the role allowed.
    Row("monitoring:import_job", "POST", "import_job", expect(LOGIN, 403, 405, 403, 404)),
    Row("monitoring:import_job", "POST", "their_import_job", THEIRS),
]


def _job(project):
    return ImportJob.objects.create(project=project, requested_by=UserFactory(), total=1)


def add_objects(objects):
    return {
        "import_job": _job(objects["project"]),
        "their_import_job": _job(objects["their_project"]),
    }


def _headers_only_file(obj, objects):
    return {"file": SimpleUploadedFile("uczestnicy.csv", sm_efs_bytes([]))}


POST_DATA = {"monitoring_file": _headers_only_file}
STATE_MODELS = [Referral]
