"""The final summary: built from facts in a fixed number of queries, rendered as a PDF whose text
says the funding, the support, the hours and the results; previews never stored, issued copies
frozen."""

import io
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext
from pypdf import PdfReader

from aktywizacja.dates import written_date
from documents.models import IssuedDocument
from participants.models import ParticipationStatus
from reporting.summary import (
    build_summary,
    hours_text,
    persons_text,
    render_summary_pdf,
)

from .conftest import require_tool
from .factories import (
    ParticipationFactory,
)
from .helpers.summary import COURSES, SCOPE, fill


def pdf_text(pdf: bytes, tmp_path) -> str:
    pdftotext = require_tool("pdftotext")
    path = tmp_path / "summary.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        [pdftotext, str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return " ".join(text.split())


def counselling_of(summary):
    return next(
        line for instrument in summary.instruments for line in instrument.support_forms
        if line.name == "Doradztwo zawodowe"
    )


@pytest.fixture
def filled(project):
    fill(project, 6)
    return project


def test_the_pdf_states_funding_support_hours_courses_and_numbered_results(filled, tmp_path):
    with translation.override("pl"):
        summary = build_summary(filled)
        pdf = render_summary_pdf(summary)
        counselling = counselling_of(summary)
        expected = [
            filled.priority, filled.measure, filled.sub_measure, filled.title,
            SCOPE, "Lubelska Fundacja Rozwoju",
            str(counselling.period),
            counselling.planned_text, counselling.delivered_text,
            *[str(course) for course in summary.trainings],
            *[f"{number}. {result}" for number, result in enumerate(summary.results, start=1)],
            "Przykłady ekonomii społecznej",
        ]
    text = pdf_text(pdf, tmp_path)

    assert pdf.startswith(b"%PDF")
    for phrase in expected:
        assert " ".join(phrase.split()) in text
    assert {course.name: course.completed for course in summary.trainings} == dict(COURSES)


def test_hours_and_plurals_are_computed_not_typed(filled):
    with translation.override("pl"):
        summary = build_summary(filled)
        counselling = counselling_of(summary)
        courses = {course.name: str(course) for course in summary.trainings}
        planned = counselling.planned_text
        total = hours_text(Decimal(27))
        four = ngettext("%(count)d person", "%(count)d persons", 4) % {"count": 4}
        one = ngettext("%(count)d person", "%(count)d persons", 1) % {"count": 1}
        six = persons_text(6)

    # 15 h of group work and 2 h for each of the 6 referred: 27 h, as the seed should have said.
    assert counselling.planned_total == Decimal(27)
    assert counselling.delivered_group_hours == Decimal(3)
    assert total in planned
    assert courses["Prawo jazdy kat. B"].endswith(f"– {four}")
    assert courses["Fryzjer"].endswith(f"– {one}")
    assert courses["Magazynier z obsługą wózków jezdniowych"].endswith(f"– {six}")


def test_dates_are_written_out_and_the_period_is_the_projects(project):
    with translation.override("pl"):
        summary = build_summary(project)

        assert str(summary.period) == (
            f"{written_date(project.start_date)} – {written_date(project.end_date)}"
        )
        assert "1 stycznia 2025" in written_date(date(2025, 1, 1))


def test_results_are_generated_from_facts(filled):
    summary = build_summary(filled)
    kinds = {result.kind: result.count for result in summary.results}

    assert kinds["completed_training"] == 6
    assert kinds["path_completed"] == 6
    assert kinds["event"] == 6
    assert "employed" not in kinds  # nothing recorded: no sentence, never a zero claim


def test_the_summary_runs_a_fixed_number_of_queries(project, other_project):
    fill(project, 3)
    fill(other_project, 300)

    with CaptureQueriesContext(connection) as small:
        build_summary(project)
    with CaptureQueriesContext(connection) as large:
        summary = build_summary(other_project)

    assert summary.participants.total == 300
    assert len(large) == len(small)


def test_the_charts_are_vector_graphics(filled):
    summary = build_summary(filled)
    with translation.override("pl"):
        html = render_to_string("pdf/summary.html", {"summary": summary})
    pdf = render_summary_pdf(summary)

    assert html.count("<svg") == 2
    assert "<img" not in html
    assert ' style="' not in html.split("<body>")[1]
    assert all(not page.images for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_command_writes_a_preview_and_stores_nothing(filled, tmp_path):
    output = tmp_path / "podsumowanie.pdf"

    call_command("render_summary", project=filled.short_name, output=str(output),
                 stdout=io.StringIO())

    assert output.read_bytes().startswith(b"%PDF")
    assert filled.title.split()[0] in pdf_text(output.read_bytes(), tmp_path)
    assert not IssuedDocument.objects.exists()


def test_a_preview_downloads_and_is_never_stored(client, director, filled):
    client.force_login(director)

    response = client.get(reverse("reporting:summary_preview", args=[filled.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.getvalue().startswith(b"%PDF")
    assert not IssuedDocument.objects.exists()


def test_an_issued_summary_is_numbered_and_frozen(client, coordinator, director, filled,
                                                   tmp_path):
    client.force_login(coordinator)
    response = client.post(reverse("reporting:summary_issue", args=[filled.pk]))
    document = IssuedDocument.objects.get()
    assert response.status_code == 302
    assert document.kind == "summary"
    assert document.number == f"{filled.short_name}/PK/{document.year}/0001"

    ParticipationFactory(project=filled, status=ParticipationStatus.PARTICIPANT)
    participant = filled.participations.first()
    participant.person.last_name = "Zmieniona"
    participant.person.save()
    client.force_login(director)
    issued = client.get(reverse("reporting:summary_issued_pdf", args=[document.pk]))
    preview = client.get(reverse("reporting:summary_preview", args=[filled.pk]))

    issued_pdf = issued.getvalue()
    assert issued_pdf == bytes(document.pdf)
    assert document.number in pdf_text(issued_pdf, tmp_path)
    with translation.override("pl"):
        before, after = persons_text(6), persons_text(7)
    assert before in pdf_text(issued_pdf, tmp_path)
    assert after in pdf_text(preview.getvalue(), tmp_path)
    listed = client.get(reverse("reporting:summary", args=[filled.pk]))
    assert document.number in listed.content.decode()


def test_the_issue_page_asks_to_confirm_and_issues_nothing(client, coordinator, filled):
    client.force_login(coordinator)

    response = client.get(reverse("reporting:summary_issue", args=[filled.pk]))

    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert not IssuedDocument.objects.exists()


def test_the_command_names_an_unknown_project(db, tmp_path):
    with pytest.raises(CommandError, match="NIEMA-1"):
        call_command("render_summary", project="NIEMA-1", output=str(tmp_path / "x.pdf"))


@pytest.mark.parametrize("role", ["social_worker", "outsider"])
def test_who_may_not_issue_issues_nothing(client, personas, filled, role):
    client.force_login(personas[role])

    response = client.post(reverse("reporting:summary_issue", args=[filled.pk]))

    assert response.status_code in (403, 404)
    assert not IssuedDocument.objects.exists()


def test_the_director_issues_the_summary(client, personas, filled):
    client.force_login(personas["director"])

    response = client.post(reverse("reporting:summary_issue", args=[filled.pk]))

    assert response.status_code == 302
    document = IssuedDocument.objects.get()
    assert (document.kind, document.issued_by) == ("summary", personas["director"])
