"""The benchmark and the scale data: they run and print their figures (timings are not asserted:
speed is measured by the bench, not tested)."""

import json
import re
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from stdnum.pl import pesel

from contracts.models import SocialContract
from documents.models import IssuedDocument
from instruments.models import Attendance
from participants.models import Participation, Person
from projects.models import Organisation, Project
from reporting.management.commands.bench import _issue, _run_sampled
from reporting.management.commands.generate_scale_data import BIG, generate, generate_installation
from trainings.models import TrainingResult

from .conftest import require_tool
from .factories import ResultFactory

FIGURE = (r"median [\d.]+ ms \(n=2\), [1-9]\d* queries "
          r"\[(target < [\d.]+ ms: (met|NOT met)|no target)\]")


def _figures(output: str) -> dict[str, str]:
    return dict(line.split(": ", 2)[1:] for line in output.splitlines() if line.count(": ") >= 2)


@pytest.mark.django_db
def test_generate_scale_data_makes_a_project_of_that_size():
    out = StringIO()
    call_command("generate_scale_data", participants=30, short_name="SCALE-T", stdout=out)
    project = Project.objects.get(short_name="SCALE-T")
    assert Participation.objects.filter(project=project).count() == 30
    assert TrainingResult.objects.filter(course__support_form__project=project).count() == 30
    assert Attendance.objects.filter(participation__project=project).exists()
    assert "30 participants" in out.getvalue()


@pytest.mark.django_db
def test_an_installation_holds_many_projects_of_several_organisations_and_the_measured_two():
    made = generate_installation(400, big=60, small=10, issued=5)

    assert made == Participation.objects.count() == 400
    assert Organisation.objects.filter(name__contains="dane generowane").count() == 8
    other = Project.objects.exclude(short_name__startswith="BENCH").first()
    assert Attendance.objects.filter(participation__project=other).exists()
    assert SocialContract.objects.filter(project=other).exists()
    assert Project.objects.get(short_name="BENCH-100").participations.count() == 10
    big = Project.objects.get(short_name="BENCH-10K")
    assert IssuedDocument.objects.filter(project=big).count() == 5
    assert {m.user.username for m in big.memberships.all()} >= {
        "bench-koordynator", "bench-pracownik", "bench-kierownik", "bench-org-koordynator"}
    numbers = list(Person.objects.values_list("pesel", flat=True))
    assert len(set(numbers)) == 400 and all(pesel.is_valid(number) for number in numbers)
    with pytest.raises(CommandError, match="fresh database"):
        call_command("generate_scale_data", installation=100, stdout=StringIO())


@pytest.mark.django_db
def test_bench_quick_prints_every_figure_with_its_target_and_leaves_no_data():
    before = Project.objects.count()
    out = StringIO()
    call_command("bench", quick=True, stdout=out)
    figures = _figures(out.getvalue())
    pages = [
        "participant list page 1 (60 people)", "participant list a deep page (60 people)",
        "participant list last page (60 people)", "participant list, women taking part",
        "participant search by name 'wojcik'", "participant search by PESEL",
        "contracts due for review", "document register (10 documents)",
        "start page of the social worker", "start page of the coordinator",
        "dashboard of a 60-person project", "indicators of a 60-person project",
        "summary preview (PDF) of a 60-person project",
    ]
    for page in pages:
        assert re.fullmatch(FIGURE, figures[page]), (page, figures.get(page))
    assert any(key.startswith("session list of a support form") for key in figures)
    organisation = [key for key in figures if key.startswith("participant list of a whole organ")]
    assert len(organisation) == 3
    assert all(re.fullmatch(FIGURE, figures[key]) for key in organisation)
    assert "target < 500 ms" in figures["dashboard of a 60-person project"]
    export = next(key for key in figures if key.startswith("SM EFS export of "))
    assert re.match(r"[\d.]+ s, \d+ KB, \d+ queries; peak RSS \d+ MB .*\[target < 5 s: ",
                    figures[export])
    assert any(key.startswith("XLSX export of ") for key in figures)
    assert re.match(r"[\d.]+ s, .* QR workers \d+ MB \[target < 10 s: .*\[target < 300 MB: ",
                    figures["10 certificates issued, stored and joined"])
    # Negative when the first import warmed what the second reuses (PostgreSQL).
    assert re.match(r"-?[\d.]+ queries a row \(\d+ for 10 rows, \d+ for 30; 10 and 30 created\)",
                    figures["import of new participants"])
    assert out.getvalue().splitlines()[-1].startswith("bench: done")
    assert Project.objects.count() == before
    assert not IssuedDocument.objects.exists()


@pytest.mark.django_db
def test_bench_isolation_compares_a_small_project_alone_and_beside_others():
    out = StringIO()
    call_command("bench", quick=True, isolation=True, stdout=out)
    figures = _figures(out.getvalue())
    for page in ("participant list", "participant card", "dashboard", "indicators",
                 "summary preview", "attendance grid"):
        assert re.fullmatch(
            r"alone [\d.]+ ms, (\d+) queries; beside 200 other participations [\d.]+ ms, \1 "
            r"queries; ratio [\d.]+ \[target < 1.5 and the same queries: (met|NOT met)\]",
            figures[f"isolation {page} of the 10-person project"],
        ), page
    assert not Project.objects.exists()


def test_the_memory_of_the_whole_process_tree_is_sampled():
    """A child that starts a grandchild holding 80 MB: the tree's peak counts the grandchild."""
    grandchild = "b = bytearray(80 * 2**20); import time; time.sleep(0.6)"
    child = (f"import json, subprocess, sys; "
             f"subprocess.run([sys.executable, '-c', {grandchild!r}]); "
             f"peak = [line for line in open('/proc/self/status') if line.startswith('VmHWM')]; "
             f"print(json.dumps({{'peak_rss_mb': int(peak[0].split()[1]) / 1024}}))")
    result = _run_sampled([sys.executable, "-c", child])
    assert result["peak_rss_mb"] < 60
    assert result["tree_pss_mb"] > 80
    assert json.dumps(result)


@pytest.mark.django_db
def test_the_certificate_figure_reads_the_rows_of_only_the_holders_it_issues(monkeypatch):
    """As the task worker's batch does: the holders' ids, their rows a chunk at a time. Reading
    every holder of the course to pick those without a certificate held 90 MB before the batch
    of the 10,000-person project started, and was counted as the batch's memory."""
    from documents import certificates

    project = generate(30, short_name=BIG, team=BIG)  # 27 completed the course
    read = []
    rows = certificates._training_rows
    monkeypatch.setattr(certificates, "_training_rows",
                        lambda keys: read.extend(keys) or rows(keys))

    result = _issue(project, 5)

    assert result["issued"] == 5 and result["kilobytes"] > 0
    assert len(read) == 5
    assert IssuedDocument.objects.filter(training_result__in=read).count() == 5
    assert _issue(project, 5)["issued"] == 5  # the next five: those issued are left out
    assert len(set(read)) == 10


def test_render_certificates_writes_one_pdf_of_the_course(tmp_path, project, coordinator):
    coordinator.is_superuser = True
    coordinator.save()
    result = ResultFactory(course__support_form__project=project)
    ResultFactory.create_batch(2, course=result.course)
    output = tmp_path / "kurs.pdf"
    call_command("render_certificates", project=project.short_name, training=result.course.pk,
                 output=output, stdout=StringIO())
    info = subprocess.run([require_tool("pdfinfo"), str(output)], capture_output=True,
                          check=True).stdout.decode()
    assert re.search(r"Pages:\s+3\b", info)
    assert IssuedDocument.objects.count() == 3
