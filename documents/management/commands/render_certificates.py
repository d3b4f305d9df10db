"""Issues (or takes the frozen copies of) a project's certificates and writes them as one PDF.

    python manage.py render_certificates --project LUB-7.1.1-2011 --output zaswiadczenia.pdf
    python manage.py render_certificates --project LUB-7.1.1-2011 --training 3 --output kurs.pdf
    python manage.py render_certificates --project M10000 --count 1000 --measure

With ``--training`` (a course id) the training-completion certificates of that course; without
it, the certificates of participation of those who completed the project. ``--count`` takes the
first N holders.

``--measure`` makes the batch twice, as issued (those not yet issued get their certificates) and
as re-printed (all of them issued by then), and prints for each the wall time and the memory of
the whole process tree, this process and the QR worker processes it starts: the peak of their
PSS summed (sampled from /proc/<pid>/smaps_rollup every 20 ms; PSS shares a page between the
processes that map it, so the sum is the memory the tree takes), the peak RSS the kernel
recorded for this process, and the largest peak RSS of the worker processes seen meanwhile.
The certificates it issues are kept.
"""

import contextlib
import tempfile
import threading
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from documents.certificates import certificates_issue, holders_for
from documents.models import DocumentKind, IssuedDocument
from projects.models import Project
from trainings.models import TrainingCourse


class Command(BaseCommand):
    help = "Writes a project's certificates (issuing those missing) as one PDF."

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, help="The project's short name.")
        parser.add_argument("--training", type=int, help="A training course id.")
        parser.add_argument("--output", type=Path, help="The PDF to write (with --measure: "
                                                         "a temporary file if not given).")
        parser.add_argument("--by", help="Username recorded as the issuer (default: the first "
                                         "active superuser).")
        parser.add_argument("--count", type=int, help="Only the first N holders.")
        parser.add_argument("--measure", action="store_true",
                            help="Issue, then re-print; print time and the process tree's "
                                 "peak memory for each.")

    def handle(self, *args, project, training, output, by, count, measure, **options):
        found = Project.objects.filter(short_name=project).first()
        if found is None:
            raise CommandError(f"No project with the short name {project!r}.")
        course = None
        if training is not None:
            course = TrainingCourse.objects.filter(pk=training, support_form__project=found).first()
            if course is None:
                raise CommandError(f"The project has no training course {training}.")
        if output is None and not measure:
            raise CommandError("Give --output (the PDF to write).")
        kind = (DocumentKind.TRAINING_CERTIFICATE if course
                else DocumentKind.PARTICIPATION_CERTIFICATE)
        holders = holders_for(kind=kind, project=found, course=course)
        if count is not None:
            holders = holders[:count]
        if not holders:
            raise CommandError("Nobody has completed it yet: there is nothing to certify.")
        issuer = _issuer(by)
        for what in ["issue", "re-print"] if measure else ["write"]:
            self._write(what, kind, found, holders, issuer, output, measure)

    def _write(self, what, kind, project, holders, issuer, output, measure):
        before = IssuedDocument.objects.filter(project=project, kind=kind).count()
        with _target(output) as out, _Peak() if measure else contextlib.nullcontext() as peak:
            started = time.perf_counter()
            certificates_issue(kind=kind, project=project, holders=holders, by=issuer,
                               output=out)
            elapsed = time.perf_counter() - started
            size = out.tell()
        issued = IssuedDocument.objects.filter(project=project, kind=kind).count() - before
        line = (f"{what}: {len(holders)} certificates ({issued} newly issued) → "
                f"{output or 'a temporary file'} ({size / 2**20:.1f} MB, {elapsed:.1f} s)")
        if peak is not None:
            line += (f"; peak PSS of the process tree {peak.pss / 2**20:.0f} MB "
                     f"(at most {peak.processes} processes), peak RSS {peak.rss / 2**20:.0f} MB "
                     f"main, {peak.child_rss / 2**20:.0f} MB largest child")
        self.stdout.write(line)
        self.stdout.flush()


@contextlib.contextmanager
def _target(output: Path | None):
    if output is None:
        with tempfile.TemporaryFile() as out:
            yield out
    else:
        with output.open("wb") as out:
            yield out


class _Peak:
    """The process tree's peak memory while the block runs (Linux /proc)."""

    INTERVAL = 0.02

    def __enter__(self):
        # The kernel's peak RSS of this process starts again from here (5: reset VmHWM).
        with contextlib.suppress(OSError):
            Path("/proc/self/clear_refs").write_text("5")
        self.pss = self.processes = self.child_rss = 0
        self._measure()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._measure()
        self.rss = _status_kb("self", "VmHWM") * 1024

    def _sample(self):
        while not self._stop.wait(self.INTERVAL):
            self._measure()

    def _measure(self):
        pids = _tree("self")
        self.pss = max(self.pss, sum(_pss(pid) for pid in pids))
        self.processes = max(self.processes, len(pids))
        # Sampled, not the kernel's peak of the children (RUSAGE_CHILDREN): that one counts every
        # child since the start, such as those WeasyPrint's import forks to look for libraries.
        self.child_rss = max([self.child_rss] + [_status_kb(pid, "VmHWM") * 1024
                                                 for pid in pids[1:]])


def _tree(pid: str) -> list[str]:
    found = [pid]
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                for child in (task / "children").read_text().split():
                    found += _tree(child)
    return found


def _pss(pid: str) -> int:
    """Bytes; 0 for a process that has just ended."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def _status_kb(pid: str, field: str) -> int:
    """0 for a process that has just ended."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _issuer(username: str | None) -> User:
    users = User.objects.filter(is_active=True)
    user = (users.filter(username=username) if username
            else users.filter(is_superuser=True).order_by("pk")).first()
    if user is None:
        raise CommandError("Give --by with the username of the person who issues them.")
    return user
