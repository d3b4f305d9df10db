"""A preview of a project's final summary as a PDF file: rendered from live data, never stored."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from projects.models import Project
from reporting.summary import render_summary_pdf


class Command(BaseCommand):
    help = "Writes a preview of a project's final summary to a PDF file (not an issued document)."

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, help="The project's short name.")
        parser.add_argument("--output", required=True, help="The PDF file to write.")

    def handle(self, *args, project, output, **options):
        found = Project.objects.filter(short_name=project).first()
        if found is None:
            raise CommandError(f"No project with the short name {project!r}.")
        path = Path(output)
        path.write_bytes(render_summary_pdf(found))
        self.stdout.write(self.style.SUCCESS(f"Summary preview of {found.short_name}: {path}"))
