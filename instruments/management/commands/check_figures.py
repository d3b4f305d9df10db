"""``manage.py check_figures [--project SHORT] [--fix]``: the hours kept summed beside the
attendance (``instruments.hours``) compared with the same sums read again from every mark.

Prints each difference and exits with 1 when there is any (a change that bypassed the services);
``--fix`` also rewrites the project's sums from the marks.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from instruments.hours import hours_differences, refresh_hours
from projects.models import Project


class Command(BaseCommand):
    help = "Compares the summed hours with the attendance marks and reports every difference."

    def add_arguments(self, parser):
        parser.add_argument("--project", dest="short_name", help="only this project (short name)")
        parser.add_argument("--fix", action="store_true", help="rewrite the differing sums")

    def handle(self, *args, short_name=None, fix=False, **options):
        projects = Project.objects.order_by("short_name")
        if short_name:
            projects = projects.filter(short_name=short_name)
            if not projects.exists():
                raise CommandError(
                    _("No project with the short name %(name)s.") % {"name": short_name}
                )
        found = 0
        for project in projects:
            differences = hours_differences(project)
            found += len(differences)
            for difference in differences:
                self.stdout.write(_(
                    "%(project)s: %(table)s %(key)s: stored %(stored)s, recomputed "
                    "%(recomputed)s"
                ) % {
                    "project": project.short_name, "table": difference.table,
                    "key": difference.key, "stored": difference.stored,
                    "recomputed": difference.recomputed,
                })
            if differences and fix:
                with transaction.atomic():
                    refresh_hours(project=project)
        if not found:
            self.stdout.write(self.style.SUCCESS(_("The summed hours agree with the attendance.")))
            return
        message = ngettext("%(count)d difference.", "%(count)d differences.", found) % {
            "count": found
        }
        if fix:
            message += " " + _("They were recomputed from the attendance.")
        self.stderr.write(message)
        raise SystemExit(1)
