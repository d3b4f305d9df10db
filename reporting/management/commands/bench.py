"""Measures the pages and documents that grow with the data, as a user meets them.

Pages go through the real views (Django's test client, signed in as the project's coordinator,
social worker or head of the centre, DEBUG off): the median of several requests after a first
one, and the queries of one. Exports and certificates run in a child process whose peak memory
is read from /proc (for certificates the whole tree: the child and its QR-code workers).

    python manage.py generate_scale_data --installation 200000   # once, into a fresh database
    python manage.py bench --size 200k      # every figure, on that database (left unchanged)
    python manage.py bench --isolation      # BENCH-100's pages alone, then beside the others
    python manage.py bench --quick          # a tiny run inside a rolled-back transaction (tests)

Each figure is one line ``bench: <what>: <figures> [target …: met|NOT met]``.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from participants.models import Participation
from projects.models import Project

from .generate_scale_data import (
    BIG,
    ORGANISATION_COORDINATOR,
    SMALL,
    generate,
    generate_installation,
    pesel_for,
)

CERTIFICATES = 1000
PAGE_MS = 50
ISOLATION_RATIO = 1.5
SLOW_MS = 5000  # a page slower than this is measured once


class _Rollback(Exception):
    pass


def _megabytes(kilobytes: float) -> float:
    return kilobytes / 1024  # ru_maxrss and /proc figures are in kilobytes on Linux


def _peak_rss_mb() -> float:
    """This process's peak resident memory. Not ru_maxrss: Linux keeps across exec the peak of
    the process it was forked from, so a child of a large process would report that."""
    try:
        with open("/proc/self/status") as status:
            for text in status:
                if text.startswith("VmHWM:"):
                    return _megabytes(float(text.split()[1]))
    except OSError:
        pass
    return _megabytes(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _verdict(value: float, limit: float | None, unit: str) -> str:
    if limit is None:
        return "[no target]"
    return f"[target < {limit:g} {unit}: {'met' if value < limit else 'NOT met'}]"


class Command(BaseCommand):
    help = "Prints how long the pages, exports and certificates take, with queries and memory."

    def add_arguments(self, parser):
        parser.add_argument("--quick", action="store_true",
                            help="A tiny run in a rolled-back transaction (for the tests).")
        parser.add_argument("--size", choices=["10k", "200k"], default=None,
                            help="The installation made by generate_scale_data --installation.")
        parser.add_argument("--isolation", action="store_true",
                            help="BENCH-100's pages in an empty installation, then beside the "
                                 "others: the ratio.")
        parser.add_argument("--repeat", type=int, default=None, help="Requests per median.")
        parser.add_argument("--certificates", type=int, default=None)
        parser.add_argument("--only", nargs="+", default=None,
                            choices=["lists", "start", "reports", "exports", "certificates",
                                     "import"], help="Measure only these parts.")
        parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
        parser.add_argument("--project", default=None, help=argparse.SUPPRESS)

    def handle(self, *args, quick, size, isolation, repeat, certificates, only, child, project,
               **options):
        _production_like()
        self.only = only
        self.quick = quick
        self.repeat = repeat or (2 if quick else 5)
        self.certificates = certificates or (10 if quick else CERTIFICATES)
        if child:
            return self._child(child, project)
        if not (quick or size or isolation):
            raise CommandError("Choose --size 10k, --size 200k, --isolation or --quick.")
        if quick:
            return self._quick(isolation)
        if isolation:
            return self._isolation()
        self._installation_line(size)
        self._all(*_measured_projects())

    def line(self, what: str, figures: str) -> None:
        self.stdout.write(f"bench: {what}: {figures}")
        self.stdout.flush()

    # --- The runs ---------------------------------------------------------------------------

    def _quick(self, isolation: bool) -> None:
        try:
            with transaction.atomic():
                if isolation:
                    self._isolation_in_one_database()
                else:
                    generate_installation(300, big=60, small=10, issued=10)
                    self._installation_line(None)
                    self._all(*_measured_projects())
                raise _Rollback
        except _Rollback:
            self.stdout.write("bench: done (the database was left unchanged)")

    def _installation_line(self, size: str | None) -> None:
        total = Participation.objects.count()
        self.line("installation", f"{total} participations in {Project.objects.count()} "
                                  f"projects{f' (--size {size})' if size else ''}")

    def _all(self, big, small) -> None:
        sections = {
            "lists": lambda: (self._participant_list(big), self._organisation_list(),
                              self._other_lists(big)),
            "start": lambda: self._start_pages(big),
            "reports": lambda: self._reports(big),
            "exports": lambda: self._exports(big),
            "certificates": lambda: self._certificates(big),
            "import": lambda: self._import(small),
        }
        for name, measure in sections.items():
            if self.only is None or name in self.only:
                measure()

    # --- Pages ------------------------------------------------------------------------------

    def page(self, what: str, user, url: str, limit_ms: float | None = PAGE_MS,
             follow_search: bool = False) -> tuple[float, int] | None:
        client = _client(user)
        if follow_search:  # a search is kept in the session: the list's address carries a token
            response = client.get(url)
            if response.status_code != 302:
                self.line(what, f"failed: HTTP {response.status_code} for {url}")
                return None
            url = response["Location"]
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)  # warms caches; counted only when too slow to repeat
            _consume(response)
            first = 1000 * (time.perf_counter() - started)
        # Now: the next request empties the connection's log, which the context reads lazily.
        count = len(queries)
        if response.status_code != 200:
            self.line(what, f"failed: HTTP {response.status_code} for {url}")
            return None
        if first > SLOW_MS:
            self.line(what, f"{first:.1f} ms (n=1, too slow to repeat), {count} queries "
                            f"{_verdict(first, limit_ms, 'ms')}")
            return first, count
        timings = []
        for _run in range(self.repeat):
            started = time.perf_counter()
            _consume(client.get(url))
            timings.append(1000 * (time.perf_counter() - started))
        median = statistics.median(timings)
        self.line(what, f"median {median:.1f} ms (n={self.repeat}), {count} queries "
                        f"{_verdict(median, limit_ms, 'ms')}")
        return median, count

    def _participant_list(self, big) -> None:
        user, url = big.users["coordinator"], reverse("participants:participant_list")
        count = Participation.objects.filter(project__in=big.user_projects).count()
        last = max(1, -(-count // 50))
        for label, page in (("page 1", 1), ("a deep page", max(1, last // 2)), ("last page", last)):
            self.page(f"participant list {label} ({count} people)", user, f"{url}?page={page}")
        self.page("participant list, women taking part", user,
                  f"{url}?sex=K&status=participant")
        # "wojcik" finds one person in six of the generated installation (Wójcik-0, -1, …):
        # a search that finds few is a whole surname, as an office types it.
        self.page("participant search by name 'wojcik'", user, f"{url}?q=wojcik",
                  follow_search=True)
        person = big.project.participations.order_by("-pk").first().person
        self.page(f"participant search by a whole surname '{person.last_name}'", user,
                  f"{url}?q={person.last_name}", follow_search=True)
        self.page("participant search by PESEL", user, f"{url}?q={person.pesel}",
                  follow_search=True)

    def _organisation_list(self) -> None:
        """The list of a coordinator on every project of the organisation (the installation's
        widest list), when generate_scale_data made one."""
        user = User.objects.filter(username=ORGANISATION_COORDINATOR).first()
        if user is None:
            self.line("participant list of a whole organisation", "skipped: no "
                      f"{ORGANISATION_COORDINATOR} (made by generate_scale_data --installation)")
            return
        url = reverse("participants:participant_list")
        count = Participation.objects.filter(
            project__memberships__user=user, project__memberships__is_active=True).count()
        last = max(1, -(-count // 50))
        for label, page in (("page 1", 1), ("a deep page", max(1, last // 2)), ("last page", last)):
            self.page(f"participant list of a whole organisation {label} ({count} people)", user,
                      f"{url}?page={page}")
        self.page("participant search of a whole organisation by name 'wojcik'", user,
                  f"{url}?q=wojcik", follow_search=True)

    def _other_lists(self, big) -> None:
        user, project = big.users["coordinator"], big.project
        form = project.support_forms.order_by("pk")[1 if project.support_forms.count() > 1 else 0]
        sessions = form.sessions.count()
        self.page(f"session list of a support form ({sessions} sessions)", user,
                  reverse("instruments:session_list", args=[form.pk]))
        self.page("contracts due for review", user, reverse("contracts:contract_due"))
        documents = project.issued_documents.count()
        self.page(f"document register ({documents} documents)", user,
                  reverse("documents:document_list", args=[project.pk]))

    def _start_pages(self, big) -> None:
        self.page("start page of the social worker", big.users["social_worker"],
                  reverse("home:start"), limit_ms=None)
        self.page("start page of the coordinator", big.users["coordinator"],
                  reverse("home:start"), limit_ms=None)

    def _reports(self, big) -> None:
        director, pk = big.users["director"], big.project.pk
        size = big.project.participations.count()
        self.page(f"dashboard of a {size}-person project", director,
                  reverse("reporting:dashboard", args=[pk]), limit_ms=500)
        self.page(f"indicators of a {size}-person project", director,
                  reverse("reporting:project_indicators", args=[pk]), limit_ms=None)
        self.page(f"summary preview (PDF) of a {size}-person project", director,
                  reverse("reporting:summary_preview", args=[pk]), limit_ms=3000)

    # --- Exports and certificates: time and memory ---------------------------------------------

    def _exports(self, big) -> None:
        for fmt, what, limits in (("sm-efs", "SM EFS export", (5, 150)),
                                  ("xlsx", "XLSX export", (None, None))):
            result = self._work(f"export:{fmt}", big.project)
            if result is None or "error" in result:
                self.line(f"{what}", f"failed: {(result or {}).get('error', 'no result')}")
                continue
            self.line(f"{what} of {result['rows']} participants",
                      f"{result['seconds']:.2f} s, {result['kilobytes']} KB, "
                      f"{result['queries']} queries; " + _memory(result, tree=False)
                      + f" {_verdict(result['seconds'], limits[0], 's')} "
                      f"{_verdict(_memory_figure(result, tree=False), limits[1], 'MB')}")

    def _certificates(self, big) -> None:
        result = self._work(f"certificates:{self.certificates}", big.project)
        if result is None or "error" in result:
            self.line("certificates", f"skipped: {(result or {}).get('error', 'no result')}")
            return
        self.line(f"{result['issued']} certificates issued, stored and joined",
                  f"{result['seconds']:.2f} s, batch PDF {result['kilobytes'] // 1024} MB; "
                  + _memory(result, tree=True)
                  + f" {_verdict(result['seconds'], 10, 's')} "
                  f"{_verdict(_memory_figure(result, tree=True), 300, 'MB')}")

    def _work(self, job: str, project) -> dict | None:
        """The job in a child process (its data committed), or here in --quick (uncommitted)."""
        if self.quick:
            return _in_process(job, project, self.repeat)
        command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "bench", "--child", job,
                   "--project", project.short_name, "--certificates", str(self.certificates)]
        return _run_sampled(command)

    def _child(self, job: str, short_name: str) -> None:
        project = Project.objects.get(short_name=short_name)
        if job == "isolation":
            self.stdout.write(json.dumps(self._isolation_pages(project)))
            return
        try:
            with transaction.atomic():
                result = _do(job, project, self.certificates)
                raise _Rollback
        except _Rollback:
            pass
        except Exception as error:  # noqa: BLE001 - another module's failure is a figure too
            result = {"error": f"{type(error).__name__}: {error}"}
        result["peak_rss_mb"] = _peak_rss_mb()
        self.stdout.write(json.dumps(result))

    # --- Import ------------------------------------------------------------------------------

    def _import(self, small) -> None:
        try:
            from monitoring.export import sm_efs_bytes
            from monitoring.importing import parse_file
            from monitoring.services import participants_import
        except ImportError as error:
            self.line("import", f"skipped: {error}")
            return
        figures = {}
        for rows in (10, 30):
            data = sm_efs_bytes([_import_row(n) for n in range(rows)])
            try:
                with transaction.atomic():
                    with CaptureQueriesContext(connection) as queries:
                        started = time.perf_counter()
                        parsed = parse_file(data, small.project)
                        if parsed.errors:
                            self.line("import", f"failed: {parsed.errors[:3]}")
                            return
                        result = participants_import(project=small.project, parsed=parsed,
                                                     by=small.users["coordinator"])
                        elapsed = time.perf_counter() - started
                    figures[rows] = (len(queries), elapsed, result.created)
                    raise _Rollback
            except _Rollback:
                pass
        (q10, t10, c10), (q30, t30, c30) = figures[10], figures[30]
        self.line("import of new participants",
                  f"{(q30 - q10) / 20:.1f} queries a row ({q10} for 10 rows, {q30} for 30; "
                  f"{c10} and {c30} created), {1000 * (t30 - t10) / 20:.0f} ms a row "
                  "[no target]")

    # --- Point 6: a project's pages beside the others ------------------------------------------

    ISOLATED_PAGES = ["participant list", "participant card", "dashboard", "indicators",
                      "summary preview", "attendance grid"]

    def _isolation_pages(self, project) -> dict:
        small = _Measured(project, "bench-100")
        participation = project.participations.order_by("pk").first()
        form = project.support_forms.order_by("pk").first()
        pages = {
            "participant list": ("coordinator", reverse("participants:participant_list")),
            "participant card": ("coordinator", reverse("card:participation_detail",
                                                        args=[participation.pk])),
            "dashboard": ("director", reverse("reporting:dashboard", args=[project.pk])),
            "indicators": ("director", reverse("reporting:project_indicators",
                                               args=[project.pk])),
            "summary preview": ("director", reverse("reporting:summary_preview",
                                                    args=[project.pk])),
            "attendance grid": ("coordinator", reverse("instruments:attendance_grid",
                                                       args=[form.pk])),
        }
        old_stdout, self.stdout = self.stdout, _Discard()
        try:
            return {what: self.page(what, small.users[role], url, limit_ms=None)
                    for what, (role, url) in pages.items()}
        finally:
            self.stdout = old_stdout

    def _isolation(self) -> None:
        """Alone: a fresh database (migrated, BENCH-100 generated) in a child process. Beside:
        this database, which holds the installation."""
        if not Project.objects.filter(short_name=SMALL).exists():
            raise CommandError(f"No {SMALL} here: run generate_scale_data --installation first.")
        started = time.perf_counter()
        with _scratch_database() as url:
            environment = {**os.environ, "DATABASE_URL": url}
            manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
            subprocess.run([*manage, "migrate", "-v0"], env=environment, check=True)
            code = ("from reporting.management.commands.generate_scale_data import *;"
                    "generate(100, short_name=SMALL, team=SMALL)")
            subprocess.run([*manage, "shell", "-c", code], env=environment, check=True,
                           capture_output=True)
            output = subprocess.run(
                [*manage, "bench", "--child", "isolation", "--project", SMALL,
                 "--repeat", str(self.repeat)],
                env=environment, check=True, capture_output=True, text=True,
            ).stdout
        alone = json.loads(output.strip().splitlines()[-1])
        self.line("isolation: empty installation",
                  f"measured in {time.perf_counter() - started:.0f} s (a fresh database: "
                  "migrated, then the 100-person project)")
        beside = self._isolation_pages(Project.objects.get(short_name=SMALL))
        self._ratios(alone, beside)

    def _isolation_in_one_database(self) -> None:
        """--quick: alone, then beside other projects made in the same transaction."""
        generate(10, short_name=SMALL, team=SMALL)
        alone = self._isolation_pages(Project.objects.get(short_name=SMALL))
        generate_installation(200, big=20, small=0, issued=0, bench_projects=False)
        beside = self._isolation_pages(Project.objects.get(short_name=SMALL))
        self._ratios(alone, beside)

    def _ratios(self, alone: dict, beside: dict) -> None:
        others = Participation.objects.exclude(project__short_name=SMALL).count()
        size = Participation.objects.filter(project__short_name=SMALL).count()
        for what in self.ISOLATED_PAGES:
            if not alone.get(what) or not beside.get(what):
                self.line(f"isolation {what}", "failed (see the page's status)")
                continue
            (alone_ms, alone_q), (beside_ms, beside_q) = alone[what], beside[what]
            ratio = beside_ms / alone_ms
            met = ratio < ISOLATION_RATIO and beside_q == alone_q
            self.line(f"isolation {what} of the {size}-person project",
                      f"alone {alone_ms:.1f} ms, {alone_q} queries; beside {others} other "
                      f"participations {beside_ms:.1f} ms, {beside_q} queries; ratio {ratio:.2f} "
                      f"[target < {ISOLATION_RATIO} and the same queries: "
                      f"{'met' if met else 'NOT met'}]")


# --- Who is measured ----------------------------------------------------------------------


class _Measured:
    """A measured project and its team from generate_scale_data."""

    ROLES = {"coordinator": "koordynator", "social_worker": "pracownik", "director": "kierownik"}

    def __init__(self, project, prefix: str):
        self.project = project
        self.users = {role: User.objects.get(username=f"{prefix}-{suffix}")
                      for role, suffix in self.ROLES.items()}
        self.user_projects = Project.objects.filter(
            memberships__user=self.users["coordinator"], memberships__is_active=True
        )


def _measured_projects() -> tuple[_Measured, _Measured]:
    try:
        big = Project.objects.get(short_name=BIG)
        small = Project.objects.get(short_name=SMALL)
    except Project.DoesNotExist as error:
        raise CommandError(
            "No benchmark installation here: run generate_scale_data --installation 200000 "
            "(or 10000) into this database first."
        ) from error
    return _Measured(big, "bench"), _Measured(small, "bench-100")


def _production_like() -> None:
    """As in production: DEBUG off (it keeps every query in memory), no redirect to HTTPS."""
    settings.DEBUG = False
    warnings.filterwarnings("ignore", message="No directory at")  # collectstatic not run
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.TWO_FACTOR_REQUIRED_FOR_STAFF = False


def _client(user) -> Client:
    client = Client()
    client.force_login(user)  # signing in also confirms the password (exports ask for it)
    return client


def _consume(response) -> int:
    if getattr(response, "streaming", False):
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


class _Discard:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


# --- Work measured in a child process ---------------------------------------------------------


def _do(job: str, project, certificates: int) -> dict:
    name, _colon, argument = job.partition(":")
    if name == "export":
        return _export(project, argument)
    if name == "certificates":
        return _issue(project, int(argument))
    raise CommandError(f"Unknown job {job}")


def _export(project, fmt: str) -> dict:
    """The file as the background task writes it (a project this large gets its file prepared
    in the background: the download view answers with the page that queues it)."""
    try:
        from monitoring.export import write_export
    except ImportError as error:
        return {"error": f"monitoring.export: {error}"}
    before = _peak_rss_mb()
    with tempfile.TemporaryFile() as file, CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        write_export(project, fmt, file)
        elapsed = time.perf_counter() - started
        size = file.tell()
    rows = project.participations.taking_part().count()
    return {"seconds": elapsed, "kilobytes": size // 1024, "queries": len(queries),
            "rows": rows, "before_mb": before}


def _issue(project, count: int) -> dict:
    """The batch as the task worker makes it (documents.batches.certificate_batch_run): the
    holders as ``holders_for`` gives them (their ids; their rows read a chunk at a time), the
    PDF written to a temporary file as it goes. The first ``count`` without a certificate yet
    are picked by id: reading every holder's rows to pick them would take more memory than the
    batch itself (9,000 holders: 90 MB), and would be measured as the batch's."""
    try:
        from documents.certificates import Holders, certificates_issue, holders_for
        from documents.models import DocumentKind, IssuedDocument
    except ImportError as error:
        return {"error": f"documents.certificates: {error}"}
    kind = DocumentKind.TRAINING_CERTIFICATE
    issued = set(IssuedDocument.objects.filter(project=project, kind=kind)
                 .values_list("training_result", flat=True))
    keys = [key for key in holders_for(kind=kind, project=project).keys if key not in issued]
    holders = Holders(kind, keys[:count])
    if not holders:
        return {"error": "no holder without a certificate"}
    by = _Measured(project, "bench").users["coordinator"]
    before = _peak_rss_mb()
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        certificates_issue(kind=kind, project=project, holders=holders, by=by, output=out)
        elapsed = time.perf_counter() - started
        size = out.tell()
    return {"seconds": elapsed, "kilobytes": size // 1024, "issued": len(holders),
            "before_mb": before,
            "children_mb": _megabytes(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)}


def _in_process(job: str, project, repeat: int) -> dict:
    try:
        result = _do(job, project, int(job.partition(":")[2]) if job.startswith("cert") else 0)
    except Exception as error:  # noqa: BLE001
        return {"error": f"{type(error).__name__}: {error}"}
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


def _run_sampled(command: list[str]) -> dict | None:
    """Runs the child, sampling the memory of its whole process tree every 50 ms."""
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_pss = peak_rss = 0.0
    while child.poll() is None:
        pss, rss = _tree_memory(child.pid)
        peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
        time.sleep(0.05)
    output, errors = child.communicate()
    lines = output.strip().splitlines()
    if child.returncode or not lines:
        return {"error": (errors.strip().splitlines() or ["no output"])[-1]}
    result = json.loads(lines[-1])
    result["tree_pss_mb"], result["tree_rss_mb"] = _megabytes(peak_pss), _megabytes(peak_rss)
    return result


def _tree_memory(pid: int) -> tuple[float, float]:
    """The proportional (shared pages split) and resident kilobytes of the process tree."""
    pss = rss = 0.0
    for member in _tree(pid):
        try:
            with open(f"/proc/{member}/smaps_rollup") as rollup:
                for text in rollup:
                    if text.startswith(("Pss:", "Rss:")):
                        kilobytes = float(text.split()[1])
                        if text.startswith("Pss:"):
                            pss += kilobytes
                        else:
                            rss += kilobytes
        except OSError:
            continue  # the process ended meanwhile
    return pss, rss


def _tree(pid: int) -> list[int]:
    found, index = [pid], 0
    while index < len(found):
        current = found[index]
        index += 1
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children") as children:
                    found += [int(child) for child in children.read().split()]
            except OSError:
                continue
    return found


def _memory_figure(result: dict, *, tree: bool) -> float:
    if tree and "tree_pss_mb" in result:
        return result["tree_pss_mb"]
    if tree and "children_mb" in result:  # --quick: this process and its largest child
        return result["peak_rss_mb"] + result["children_mb"]
    return result["peak_rss_mb"]


def _memory(result: dict, *, tree: bool) -> str:
    where = (f"peak RSS {result['peak_rss_mb']:.0f} MB "
             f"(before the work {result['before_mb']:.0f} MB)")
    if "tree_pss_mb" not in result:
        return where + " in this process" + (
            f", QR workers {result.get('children_mb', 0):.0f} MB" if tree else "")
    if not tree:
        return where + " in the child process"
    return (f"whole process tree peak {result['tree_pss_mb']:.0f} MB PSS "
            f"({result['tree_rss_mb']:.0f} MB RSS summed; sampled every 50 ms); child " + where)


# --- The import's rows and the scratch database -------------------------------------------------


def _import_row(number: int) -> dict:
    """A new person's row; numbers above those generate_scale_data uses, so PESELs differ."""
    from datetime import date, timedelta

    index = 9_000_000 + number
    sex = "K" if index % 2 == 0 else "M"
    birth = date(1980, 1, 1) + timedelta(days=number)
    return {
        "country": "Polska", "participant_type": "Indywidualny", "first_name": "Łucja",
        "last_name": f"Importowana-{index}", "pesel": pesel_for(index, sex, birth),
        "other_identifier": "", "birth_date": f"{birth:%Y-%m-%d}",
        "sex": "Kobieta" if sex == "K" else "Mężczyzna", "age_at_entry": "45",
        "education": "Wyższe (ISCED 5–8)", "voivodeship": "lubelskie", "county": "lubartowski",
        "commune": "Lubartów", "town": "Lubartów", "postcode": "21-100",
        "urbanisation": "Miasta (DEGURBA 1)", "phone": "", "email": "",
        "start_date": "2025-02-03", "end_date": "",
        "labour_market_status": "Osoba bierna zawodowo", "unemployment_months": "",
        "long_term_unemployed": "", "foreign_origin": "Nie", "third_country_national": "Nie",
        "minority": "Nie", "homeless": "Nie", "disability": "Odmowa podania informacji",
        "situation_at_exit": "", "path_completed": "", "support": "",
    }


@contextmanager
def _scratch_database():
    """An empty database of the same engine, dropped afterwards; yields its DATABASE_URL."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/alone.sqlite3"
        return
    name = f"{database['NAME']}_alone"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(os.environ.get("DATABASE_URL", ""))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
