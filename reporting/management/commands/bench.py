"""Measures the documents that take time: certificates one and a thousand, and final summaries.

Everything runs inside a transaction that is rolled back, so the database is left as it was:

    python manage.py bench            # 1,000 certificates; summary of a 10,000-participant project
    python manage.py bench --quick    # a tiny run that proves the bench works

Each figure is one line ``bench: <what>: <figures>``.
"""

import importlib
import resource
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation

from documents.certificates import LANGUAGE, certificates_issue, holders_for, renderer
from documents.models import DocumentKind, IssuedDocument
from documents.services import document_issue, number_for
from projects.models import Project

from .generate_scale_data import generate

DEMO_PROJECT = "LUB-7.1.1-2011"
TRAINING = DocumentKind.TRAINING_CERTIFICATE


class _Rollback(Exception):
    pass


def _megabytes(kilobytes: int) -> float:
    return kilobytes / 1024  # ru_maxrss is in kilobytes on Linux


class Command(BaseCommand):
    help = "Prints how long certificates and final summaries take, and how much memory."

    def add_arguments(self, parser):
        parser.add_argument("--quick", action="store_true", help="A tiny run (for the tests).")
        parser.add_argument("--certificates", type=int, default=None)
        parser.add_argument("--participants", type=int, default=None,
                            help="Size of the generated project (default 10,000).")
        parser.add_argument("--repeat", type=int, default=None,
                            help="Single-certificate renders to take the median of.")

    def handle(self, *args, quick, certificates, participants, repeat, **options):
        self.certificates = certificates or (10 if quick else 1000)
        self.participants = participants or (30 if quick else 10000)
        self.repeat = repeat or (3 if quick else 15)
        # Measure as in production: DEBUG keeps every query (with PDF bytes) in memory.
        settings.DEBUG = False
        try:
            with transaction.atomic():
                self._run()
                raise _Rollback
        except _Rollback:
            self.stdout.write("bench: done (the database was left unchanged)")

    def line(self, what: str, figures: str) -> None:
        self.stdout.write(f"bench: {what}: {figures}")
        self.stdout.flush()

    def _run(self):
        started = time.perf_counter()
        project = generate(self.participants)
        self.line("generated project", f"{self.participants} participants, "
                                       f"{time.perf_counter() - started:.1f} s")
        holders = holders_for(kind=TRAINING, project=project)
        user = _bench_user()
        self._one_certificate(project, holders, user)
        self._many_certificates(project, holders[: self.certificates], user)
        self._summaries(project)

    def _one_certificate(self, project, holders, user):
        holder = holders[0]
        document = IssuedDocument(
            kind=TRAINING, project=project, participation=holder.participation,
            training_result=holder.training_result, issued_at=timezone.now(), issued_by=user,
            year=timezone.localdate().year, sequence=1, project_title=project.title,
        )
        document.number = number_for(project, TRAINING, document.year, 1)
        render = renderer(holder)
        started = time.perf_counter()
        render(document)
        cold = time.perf_counter() - started
        timings = []
        for _index in range(self.repeat):
            started = time.perf_counter()
            pdf = render(document)
            timings.append(time.perf_counter() - started)
        self.line("one certificate render",
                  f"median {1000 * statistics.median(timings):.1f} ms warm "
                  f"(of {self.repeat}), first {1000 * cold:.0f} ms, {len(pdf) // 1024} KB")
        issued = []
        for other in holders[1:1 + self.repeat]:
            started = time.perf_counter()
            document_issue(project=project, kind=TRAINING, by=user, render=renderer(other),
                           participation=other.participation,
                           training_result=other.training_result)
            issued.append(time.perf_counter() - started)
        if issued:
            self.line("one certificate issued and stored",
                      f"median {1000 * statistics.median(issued):.1f} ms warm "
                      f"(of {len(issued)})")
        IssuedDocument.objects.filter(project=project).delete()
        project.document_registers.all().delete()

    def _many_certificates(self, project, holders, user):
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        pdf = certificates_issue(kind=TRAINING, project=project, holders=holders, by=user)
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        stored = IssuedDocument.objects.filter(project=project).count()
        self.line(
            f"{len(holders)} certificates",
            f"{elapsed:.2f} s, {stored} issued and stored, batch PDF {len(pdf) / 2**20:.1f} MB; "
            f"peak RSS {_megabytes(peak):.0f} MB (before {_megabytes(before):.0f} MB), "
            f"QR worker processes {_megabytes(children):.0f} MB",
        )

    def _summaries(self, generated):
        try:
            summary = importlib.import_module("reporting.summary")
            render_summary_pdf = summary.render_summary_pdf
        except (ImportError, AttributeError):
            self.line("final summary", "skipped (reporting.summary.render_summary_pdf is missing)")
            return
        projects = [*Project.objects.filter(short_name=DEMO_PROJECT), generated]
        for project in projects:
            started = time.perf_counter()
            try:
                with translation.override(LANGUAGE):
                    pdf = render_summary_pdf(project)
            except Exception as error:  # noqa: BLE001 - another module's failure is a figure too
                self.line(f"final summary {project.short_name}",
                          f"failed: {type(error).__name__}: {error}")
                continue
            self.line(f"final summary {project.short_name}",
                      f"{time.perf_counter() - started:.2f} s, {len(pdf) // 1024} KB")


def _bench_user():
    from accounts.models import User

    user, _created = User.objects.get_or_create(
        username="bench", defaults={"first_name": "Pomiar", "last_name": "Wydajności",
                                    "is_active": False},
    )
    return user
