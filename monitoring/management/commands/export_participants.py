"""Writes a project's participants file: the SM EFS CSV or the office's XLSX."""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.access_log import log_access_by
from accounts.models import AccessAction, User
from monitoring.export import (
    FORMATS,
    MONITORING_FORMATS,
    exported_participations,
    missing_data,
    monitoring_format,
    write_export,
    wrong_system_message,
)
from monitoring.services import monitoring_export_sent
from projects.access import has_project_perm
from projects.models import Project


class Command(BaseCommand):
    help = (
        "Export the participants of a project for the EU monitoring system (SM EFS for "
        "2021–2027, SL2014 for 2014–2020 projects) or as the office's XLSX."
    )

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, help="The project's short name.")
        parser.add_argument("--format", required=True, choices=sorted(FORMATS))
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument(
            "--user", required=True,
            help="Who exports (their login): needs the right to export on the project; "
            "the export is written to the access log under their name.",
        )
        parser.add_argument(
            "--strict", action="store_true",
            help="Refuse to export while a participant lacks required data.",
        )

    def handle(self, *args, project, output, strict, user, **options):
        fmt = options["format"]
        found = Project.objects.filter(short_name=project).first()
        if found is None:
            raise CommandError(_("There is no project with the short name “%(name)s”.") % {
                "name": project
            })
        exporter = User.objects.filter(username=user, is_active=True).first()
        if exporter is None or not has_project_perm(
            exporter, found, "monitoring.export_participants"
        ):
            raise CommandError(
                _("%(user)s may not export the participants of this project.") % {"user": user}
            )
        if fmt in MONITORING_FORMATS and fmt != monitoring_format(found):
            raise CommandError(wrong_system_message(found))
        missing = missing_data(exported_participations(found), monitoring_format(found))
        for item in missing:
            person = item.participation.person
            self.stderr.write(_("%(name)s: missing %(fields)s") % {
                "name": f"{person.last_name} {person.first_name}",
                "fields": ", ".join(item.fields),
            })
        if missing and strict:
            raise CommandError(_("Participants lack required data: nothing has been exported."))
        _write_whole(Path(output), lambda file: write_export(found, fmt, file))
        if fmt in MONITORING_FORMATS:
            monitoring_export_sent(participations=exported_participations(found))
        log_access_by(exporter, AccessAction.EXPORT, found,
                      where=f"manage.py export_participants --format {fmt}")
        self.stdout.write(_("Written: %(file)s") % {"file": output})


def _write_whole(path: Path, write) -> None:
    """Writes beside the target and renames, so a half-written file is never seen."""
    handle, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=".export-")
    try:
        with os.fdopen(handle, "wb") as file:
            write(file)
        os.chmod(temporary, 0o600)  # personal data: readable by the owner only
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
