"""Writes a project's participants file: the SM EFS CSV or the office's XLSX."""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from monitoring.export import FORMATS, export_bytes, exported_participations, missing_data
from projects.models import Project


class Command(BaseCommand):
    help = "Export the participants of a project for the EU monitoring system (SM EFS) or as XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, help="The project's short name.")
        parser.add_argument("--format", required=True, choices=sorted(FORMATS))
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument(
            "--strict", action="store_true",
            help="Refuse to export while a participant lacks required data.",
        )

    def handle(self, *args, project, output, strict, **options):
        fmt = options["format"]
        found = Project.objects.filter(short_name=project).first()
        if found is None:
            raise CommandError(_("There is no project with the short name “%(name)s”.") % {
                "name": project
            })
        missing = missing_data(exported_participations(found))
        for item in missing:
            person = item.participation.person
            self.stderr.write(_("%(name)s: missing %(fields)s") % {
                "name": f"{person.last_name} {person.first_name}",
                "fields": ", ".join(item.fields),
            })
        if missing and strict:
            raise CommandError(_("Participants lack required data: nothing has been exported."))
        _write_whole(Path(output), export_bytes(found, fmt))
        self.stdout.write(_("Written: %(file)s") % {"file": output})


def _write_whole(path: Path, content: bytes) -> None:
    """Writes beside the target and renames, so a half-written file is never seen."""
    handle, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=".export-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, 0o600)  # personal data: readable by the owner only
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
