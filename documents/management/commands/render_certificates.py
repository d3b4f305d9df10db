"""Issues (or takes the frozen copies of) a project's certificates and writes them as one PDF.

    python manage.py render_certificates --project LUB-7.1.1-2011 --output zaswiadczenia.pdf
    python manage.py render_certificates --project LUB-7.1.1-2011 --training 3 --output kurs.pdf

With ``--training`` (a course id) the training-completion certificates of that course; without
it, the certificates of participation of those who completed the project.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from documents.certificates import certificates_issue, holders_for
from documents.models import DocumentKind
from projects.models import Project
from trainings.models import TrainingCourse


class Command(BaseCommand):
    help = "Writes a project's certificates (issuing those missing) as one PDF."

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, help="The project's short name.")
        parser.add_argument("--training", type=int, help="A training course id.")
        parser.add_argument("--output", required=True, type=Path)
        parser.add_argument("--by", help="Username recorded as the issuer (default: the first "
                                         "active superuser).")

    def handle(self, *args, project, training, output, by, **options):
        found = Project.objects.filter(short_name=project).first()
        if found is None:
            raise CommandError(f"No project with the short name {project!r}.")
        course = None
        if training is not None:
            course = TrainingCourse.objects.filter(pk=training, support_form__project=found).first()
            if course is None:
                raise CommandError(f"The project has no training course {training}.")
        kind = (DocumentKind.TRAINING_CERTIFICATE if course
                else DocumentKind.PARTICIPATION_CERTIFICATE)
        issuer = _issuer(by)
        holders = holders_for(kind=kind, project=found, course=course)
        if not holders:
            raise CommandError("Nobody has completed it yet: there is nothing to certify.")
        started = time.perf_counter()
        pdf = certificates_issue(kind=kind, project=found, holders=holders, by=issuer)
        output.write_bytes(pdf)
        self.stdout.write(f"{len(holders)} certificates → {output} "
                          f"({len(pdf) // 1024} KB, {time.perf_counter() - started:.1f} s)")


def _issuer(username: str | None) -> User:
    users = User.objects.filter(is_active=True)
    user = (users.filter(username=username) if username
            else users.filter(is_superuser=True).order_by("pk")).first()
    if user is None:
        raise CommandError("Give --by with the username of the person who issues them.")
    return user
