"""Imports participants from a file in the layout of the monitoring export."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from monitoring.importing import FileProblem, parse_file
from monitoring.services import participants_import
from participants.models import recording_organisation
from projects.models import Project


class Command(BaseCommand):
    help = "Import participants into a project from an XLSX or CSV file in the export layout."

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, help="The project's short name.")
        parser.add_argument("--user", required=True, help="Who imports: the history names them.")
        parser.add_argument(
            "--only-valid", action="store_true", help="Import the valid rows, skip the others."
        )
        parser.add_argument("file")

    def handle(self, *args, project, user, only_valid, file, **options):
        found = Project.objects.filter(short_name=project).first()
        if found is None:
            raise CommandError(_("There is no project with the short name “%(name)s”.") % {
                "name": project
            })
        by = get_user_model().objects.filter(username=user, is_active=True).first()
        if by is None:
            raise CommandError(_("There is no active user “%(name)s”.") % {"name": user})
        try:
            parsed = parse_file(Path(file).read_bytes(), found,
                                recording_organisation(by, found))
        except (FileProblem, OSError) as problem:
            raise CommandError(str(problem)) from problem
        for error in parsed.errors:
            self.stderr.write(_("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": error.row, "column": error.column or "—", "message": error.message,
            })
        if parsed.errors and not only_valid:
            raise CommandError(_("The file has errors: nothing has been imported."))
        result = participants_import(
            project=found, parsed=parsed, by=by, only_valid=only_valid
        )
        self.stdout.write(_(
            "New participants: %(created)s. Updated: %(updated)s. Unchanged: %(unchanged)s. "
            "Rows with errors left out: %(skipped)s."
        ) % vars(result))
