"""``manage.py anonymise_project <short name> [--dry-run]``: the administrator's page as a
command (retention.services). Refused while the project's documentation is still kept."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from projects.models import Project
from retention.services import anonymisation_plan, plan_lines, project_anonymise, retention_refusal


class Command(BaseCommand):
    help = "Anonymises the participants of a project whose keeping period is over."

    def add_arguments(self, parser):
        parser.add_argument("short_name", help="the project's short name")
        parser.add_argument(
            "--dry-run", action="store_true", help="only count what would be removed"
        )

    def handle(self, *args, short_name, dry_run, **options):
        project = Project.objects.filter(short_name=short_name).first()
        if project is None:
            raise CommandError(_("No project with the short name %(name)s.") % {"name": short_name})
        refusal = retention_refusal(project)
        if refusal:
            raise CommandError(refusal)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was changed. It would remove:"))
            self._lines(anonymisation_plan(project=project))
            return
        try:
            record = project_anonymise(project=project)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(_("Anonymised:")))
        self._lines(record)

    def _lines(self, figures):
        for label, value in plan_lines(figures):
            self.stdout.write(f"  {label}: {value}")
