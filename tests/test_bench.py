"""The benchmark and the scale data: they run and print their figures (timings are not asserted:
speed is measured by the bench, not tested)."""

import re
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command

from documents.models import IssuedDocument
from instruments.models import Attendance
from participants.models import Participation
from projects.models import Project
from trainings.models import TrainingResult

from .conftest import require_tool
from .factories import ResultFactory


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
def test_bench_quick_prints_every_figure_and_leaves_no_data(settings):
    before = Project.objects.count()
    out = StringIO()
    call_command("bench", quick=True, stdout=out)
    lines = out.getvalue().splitlines()
    figures = dict(line.split(": ", 2)[1:] for line in lines if line.count(": ") >= 2)
    assert re.match(r"median [\d.]+ ms warm", figures["one certificate render"])
    assert re.match(r"median [\d.]+ ms warm", figures["one certificate issued and stored"])
    assert re.match(r"[\d.]+ s, 10 issued and stored, batch PDF .* peak RSS \d+ MB",
                    figures["10 certificates"])
    assert any(key.startswith("final summary") for key in figures)
    assert lines[-1].startswith("bench: done")
    assert Project.objects.count() == before
    assert not IssuedDocument.objects.exists()


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
